import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import type { Database } from "../src/db/connection.ts";
import { freshDatabase } from "./helpers/db.ts";

// A web build in miniature, as packages/web's build leaves it: a hashed script with its brotli and
// gzip copies, a map shape with its copies, and a file the build did not compress.
const SCRIPT = `export const words = ${JSON.stringify("医联桥 ".repeat(2000))};\n`;
const SHAPE = JSON.stringify({ type: "FeatureCollection", features: Array.from({ length: 200 }, (_, i) => ({ id: `5226${i}` })) });

describe("the web app's files", () => {
  let dist: string;
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), "medbridge-web-"));
    mkdirSync(join(dist, "assets"));
    mkdirSync(join(dist, "geo"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>医联桥</title>");
    for (const [path, body] of [
      ["assets/index-AbC123.js", SCRIPT],
      ["geo/52.json", SHAPE],
    ] as const) {
      writeFileSync(join(dist, path), body);
      writeFileSync(join(dist, `${path}.br`), brotliCompressSync(body));
      writeFileSync(join(dist, `${path}.gz`), gzipSync(body));
    }
    writeFileSync(join(dist, "assets/plain-XyZ789.js"), SCRIPT);
    database = await freshDatabase("pglite");
    app = await buildApp({ db: database.db, config: { ...loadConfig({}), webDist: dist }, logger: false });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) => app.inject({ url, headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding } });

  it("sends the brotli copy to a browser that takes it, else the gzip one, else the file itself", async () => {
    const br = await get("/assets/index-AbC123.js", "gzip, deflate, br");
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/^application\/javascript/);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
    expect(br.rawPayload.length).toBeLessThan(SCRIPT.length / 10);

    const gz = await get("/assets/index-AbC123.js", "gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);

    const plain = await get("/assets/index-AbC123.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.payload).toBe(SCRIPT);
    for (const answer of [br, gz, plain]) expect(answer.headers.vary).toBe("Accept-Encoding");
  });

  it("sends a file the build left uncompressed as it is", async () => {
    const answer = await get("/assets/plain-XyZ789.js", "br, gzip");
    expect(answer.statusCode).toBe(200);
    expect(answer.headers["content-encoding"]).toBeUndefined();
    expect(answer.payload).toBe(SCRIPT);
  });

  it("lets a browser keep the hashed assets a year, and has it check the map shapes and the page itself", async () => {
    expect((await get("/assets/index-AbC123.js", "br")).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const shape = await get("/geo/52.json", "br");
    expect(shape.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(brotliDecompressSync(shape.rawPayload).toString())).toEqual(JSON.parse(SHAPE));
    expect(shape.headers["cache-control"]).toBe("no-cache");
    const page = await get("/dashboard", "br");
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.headers["cache-control"]).toBe("no-cache");
  });
});
