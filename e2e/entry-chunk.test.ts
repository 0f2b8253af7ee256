import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The build under test: MEDBRIDGE_WEB_DIST (a build of one's own), else packages/web/dist (npm test builds it).
const DIST = resolve(process.env.MEDBRIDGE_WEB_DIST || resolve(import.meta.dirname, "../packages/web/dist"));
const ASSETS = resolve(DIST, "assets");

/**
 * What marks the map in a chunk: d3-geo's projection fitting (a method name, so it survives
 * minification), the URL of the shape files, and echarts (which the app must never ship: its map
 * shapes are only an input of the build).
 */
const MAP_MARKS = [
  { what: "d3-geo", pattern: /fitExtent/ },
  { what: "the /geo/ map shapes", pattern: /\/geo\// },
  { what: "echarts", pattern: /echarts/i },
];

const read = (file: string) => readFileSync(resolve(ASSETS, file), "utf8");

/** Every chunk the login page loads before any route's own: the entry and what it imports statically, transitively. */
function firstLoadChunks(): string[] {
  const html = readFileSync(resolve(DIST, "index.html"), "utf8");
  const entry = html.match(/<script type="module"[^>]*src="\/assets\/([^"]+\.js)"/)?.[1];
  if (!entry) throw new Error("index.html names no entry script");
  const seen = new Set<string>();
  const queue = [entry, ...[...html.matchAll(/rel="modulepreload"[^>]*href="\/assets\/([^"]+\.js)"/g)].map((m) => m[1] as string)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    // Static imports only (`from"./x.js"`, `import"./x.js"`); `import("./x.js")` is a lazy route chunk.
    for (const m of read(file).matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) queue.push(m[1] as string);
  }
  return [...seen];
}

describe.skipIf(!existsSync(resolve(DIST, "index.html")))("the web app's first load", () => {
  it("keeps d3-geo, the map shapes and echarts out of the login page's chunks", () => {
    const chunks = firstLoadChunks();
    // The entry, the shared runtime and the libraries every page uses; never a page of its own.
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(
      chunks.some((c) => /Dashboard|map-shapes/.test(c)),
      chunks.join(", "),
    ).toBe(false);
    for (const chunk of chunks) {
      const code = read(chunk);
      for (const { what, pattern } of MAP_MARKS) expect(pattern.test(code), `${chunk} carries ${what}`).toBe(false);
    }
  });

  it("still finds the map where it belongs, so the marks above would catch it", () => {
    const all = readdirSync(ASSETS).filter((f) => f.endsWith(".js"));
    const carrying = (pattern: RegExp) => all.filter((f) => pattern.test(read(f)));
    expect(carrying(/fitExtent/).length).toBeGreaterThan(0);
    expect(carrying(/\/geo\//).some((f) => f.startsWith("DashboardPage-"))).toBe(true);
    expect(firstLoadChunks()).not.toEqual(expect.arrayContaining(carrying(/fitExtent/)));
  });
});
