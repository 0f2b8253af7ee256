/**
 * The database schema, one file per feature under `schema/` (tables of the floor — accounts, audit,
 * instance settings — beside them). This barrel is what drizzle-kit reads (drizzle.config.ts) and
 * what the code imports, so a table's file can move without touching its readers.
 */

export * from "./schema/assistance.ts";
export * from "./schema/audit.ts";
export * from "./schema/auth.ts";
export * from "./schema/hypertension.ts";
export * from "./schema/instance.ts";
export * from "./schema/monitoring.ts";
export * from "./schema/notify.ts";
export * from "./schema/outreach.ts";
export * from "./schema/patients.ts";
export * from "./schema/planning.ts";
export * from "./schema/referral.ts";
export * from "./schema/registry.ts";
