import { resolve } from "node:path";

/** Everything the server reads from the environment, in one place. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demoPassword: string;
  adminPassword: string | undefined;
  /** Where the built web app lives; served at `/` when present. */
  webDist: string;
  sessionHours: number;
  production: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.MEDBRIDGE_DATA_DIR || "./data"),
    demoPassword: env.MEDBRIDGE_DEMO_PASSWORD || "medbridge-demo",
    adminPassword: env.MEDBRIDGE_ADMIN_PASSWORD || undefined,
    webDist: resolve(import.meta.dirname, "../../web/dist"),
    sessionHours: 12,
    production: env.NODE_ENV === "production",
  };
}
