import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { API_SCHEMA_FILE, apiSchemaSource, openApiDocument } from "../../../scripts/contract.ts";

/**
 * The contract between server and web: the OpenAPI document is valid (redocly's recommended
 * rules), names and describes every route, and the web's generated types are what the current
 * server generates (so `tsc -p packages/web` checks the web against the server's schemas).
 */

type Schema = { [key: string]: any };
interface Operation {
  method: string;
  path: string;
  operationId?: string;
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

const REDOCLY = join(dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json")), "bin/cli.js");
const REDOCLY_CONFIG = fileURLToPath(new URL("../../../redocly.yaml", import.meta.url));
const METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"];

/** Where a schema says nothing of the answer (Type.Unknown(), `{}`): paths inside it, "" for the whole. */
function undescribed(schema: Schema | undefined, at = ""): string[] {
  if (!schema) return [at || "(no schema)"];
  const says = ["type", "$ref", "anyOf", "oneOf", "allOf", "enum", "const", "properties"].some((k) => k in schema);
  if (!says) return [at || "(empty)"];
  return [
    ...Object.entries<Schema>(schema.properties ?? {}).flatMap(([name, s]) => undescribed(s, `${at}.${name}`)),
    ...(schema.items ? undescribed(schema.items, `${at}[]`) : []),
    ...(typeof schema.additionalProperties === "object" ? undescribed(schema.additionalProperties, `${at}{}`) : []),
    ...["anyOf", "oneOf", "allOf"].flatMap((k) => ((schema[k] ?? []) as Schema[]).flatMap((s, i) => undescribed(s, `${at}<${k}${i}>`))),
  ];
}

describe("the OpenAPI document", () => {
  let document: Schema;
  let operations: Operation[];
  beforeAll(async () => {
    document = await openApiDocument();
    operations = Object.entries<Schema>(document.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ method: method.toUpperCase(), path, ...item[method] })),
    );
  });

  it("passes redocly lint (recommended rules) without an error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "medbridge-openapi-"));
    try {
      const file = join(dir, "openapi.json");
      writeFileSync(file, JSON.stringify(document, null, 2));
      // redocly exits 1 when it finds errors; its JSON report is on standard output either way.
      const run = promisify(execFile)(process.execPath, [REDOCLY, "lint", file, "--config", REDOCLY_CONFIG, "--format=json"], {
        maxBuffer: 64 * 1024 * 1024,
      });
      const { stdout } = await run.catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
      const report = JSON.parse(stdout) as {
        totals: { errors: number };
        problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
      };
      const errors = report.problems.filter((p) => p.severity === "error").map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
      expect(errors).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names every operation once (operationId) and gives each an error response", () => {
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.filter((o) => !o.operationId).map((o) => `${o.method} ${o.path}`)).toEqual([]);
    const ids = operations.map((o) => o.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(operations.filter((o) => !Object.keys(o.responses).some((status) => status.startsWith("4"))).map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it("describes every answer: no empty or unknown response schema, no body on 204", () => {
    const vague = operations.flatMap((o) =>
      Object.entries(o.responses).flatMap(([status, response]) => {
        const where = `${o.method} ${o.path} ${status}`;
        if (status === "204") return response.content ? [`${where} has a body`] : [];
        if (!response.content || Object.keys(response.content).length === 0) return [`${where} has no content`];
        return Object.entries(response.content).flatMap(([type, media]) => undescribed(media.schema).map((at) => `${where} ${type} ${at}`));
      }),
    );
    expect(vague).toEqual([]);
  });

  it("is what the web's generated types were made from (run `npm run contract` after changing a schema)", async () => {
    const committed = readFileSync(API_SCHEMA_FILE, "utf8");
    expect(committed === (await apiSchemaSource(document)), "packages/web/src/api-schema.d.ts is stale: run `npm run contract`").toBe(true);
  });
});
