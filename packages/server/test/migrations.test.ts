import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");

it("has a checked-in migration for every schema change", () => {
  const dir = mkdtempSync(join(tmpdir(), "medbridge-drift-"));
  try {
    const out = join(dir, "migrations");
    cpSync(join(root, "packages/server/migrations"), out, { recursive: true });
    // drizzle-kit resolves paths relative to the working directory, so run it from the copy.
    const config = join(dir, "drizzle.config.json");
    writeFileSync(
      config,
      JSON.stringify({ dialect: "postgresql", schema: relative(dir, join(root, "packages/server/src/db/schema.ts")), out: "./migrations" }),
    );
    const before = readdirSync(out).filter((f) => f.endsWith(".sql"));
    const result = spawnSync(process.execPath, [join(root, "node_modules/drizzle-kit/bin.cjs"), "generate", `--config=${config}`, "--name=drift"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).not.toMatch(/error/i);
    const after = readdirSync(out).filter((f) => f.endsWith(".sql"));
    expect(after, "run `npx drizzle-kit generate` and commit the migration").toEqual(before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
