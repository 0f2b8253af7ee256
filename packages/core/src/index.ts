export * from "./access.ts";
export * from "./errors.ts";
export * from "./pagination.ts";
export * from "./regions.ts";
export * from "./registry.ts";
