import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";

const BIN = resolve(import.meta.dirname, "../../packages/server/bin/medbridge.js");

/** Runs `medbridge serve` in its own process (its own core) and waits until /health answers. */
export async function startServe(
  env: Record<string, string>,
  port: number,
  /** `workers` > 1 runs `serve --workers N` (a cluster primary and N worker processes). */
  options: { workers?: number } = {},
): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, BIN, "serve", ...((options.workers ?? 1) > 1 ? ["--workers", String(options.workers)] : [])], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    child,
    stop: () =>
      new Promise((done) => {
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}

export async function login(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("mb_session="));
  if (!cookie) throw new Error("no session cookie");
  return cookie.split(";")[0] as string;
}
