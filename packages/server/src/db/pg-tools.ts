import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * PostgreSQL's own client programs (pg_dump, pg_restore): on PATH, else the newest under
 * /usr/lib/postgresql/<version>/bin (Debian installs them there; pg_dump must not be older than
 * the server, so the newest is the one to take).
 */
export function findPgProgram(name: "pg_dump" | "pg_restore"): string {
  const onPath = spawnSync("which", [name], { encoding: "utf8" }).stdout?.trim();
  if (onPath) return onPath;
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const candidate = join(root, version, "bin", name);
      if (existsSync(candidate)) return candidate;
    }
  }
  throw new Error(`${name} not found on PATH or under /usr/lib/postgresql/*/bin: install the PostgreSQL client programs (e.g. apt install postgresql-client).`);
}

/** The URL without its password (given in PGPASSWORD instead, so it shows in no process list). */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return { dbname: u.toString(), env: { ...process.env, ...(password && { PGPASSWORD: password }) } };
}

/** Runs a PostgreSQL program against the database; rejects with its last lines of stderr. */
export function runPgProgram(name: "pg_dump" | "pg_restore", url: string, args: string[]): Promise<void> {
  const { dbname, env } = connection(url);
  const program = findPgProgram(name);
  return new Promise((resolve, reject) => {
    const child = spawn(program, [...args, `--dbname=${dbname}`], { env, stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${name} failed (exit ${code}): ${stderr.trim().split("\n").slice(-5).join("\n")}`));
    });
  });
}
