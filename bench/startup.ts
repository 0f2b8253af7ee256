/**
 * `npm start` on a fresh clone, to a served page: seconds for the first start (build, migrate,
 * seed) and for a restart. The clone's `npm ci` is timed separately.
 *
 *   npx tsx bench/startup.ts
 */
import { execSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "medbridge-start-"));
const port = 18_200;

async function timeStart(label: string): Promise<number> {
  const started = performance.now();
  const child = spawn("npm", ["start"], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), DATABASE_URL: "", MEDBRIDGE_DATA_DIR: "" },
    detached: true,
    stdio: "ignore",
  });
  try {
    for (;;) {
      if (performance.now() - started > 300_000) throw new Error(`${label}: no page after 300 s`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`);
        if (response.ok && (await response.text()).includes('<div id="root">')) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`  ${label}: ${seconds.toFixed(1)} s to a served page`);
    return seconds;
  } finally {
    process.kill(-(child.pid as number), "SIGTERM");
    await new Promise((r) => child.once("exit", r));
    await new Promise((r) => setTimeout(r, 500));
  }
}

try {
  execSync(`git clone -q ${repo} ${dir}`);
  let t = performance.now();
  execSync("npm ci --no-audit --no-fund", { cwd: dir, stdio: "ignore" });
  console.log(`  npm ci: ${((performance.now() - t) / 1000).toFixed(1)} s (not part of the figure)`);
  const first = await timeStart("first start (build + migrate + seed)");
  const restart = await timeStart("restart");
  t = performance.now();
  console.log(JSON.stringify({ firstStartSeconds: Number(first.toFixed(1)), restartSeconds: Number(restart.toFixed(1)) }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
