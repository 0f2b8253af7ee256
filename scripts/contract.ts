/**
 * The contract between server and web: the web's types are generated from the server's OpenAPI
 * document. `npm run contract` builds the app in memory (PGlite; no data is needed to describe the
 * routes) and writes packages/web/src/api-schema.d.ts; the contract test checks the committed file
 * is what the current server generates, so a server change the web does not follow fails the suite.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { buildApp } from "../packages/server/src/app.ts";
import { loadConfig } from "../packages/server/src/config.ts";
import { openDatabase } from "../packages/server/src/db/connection.ts";

export const API_SCHEMA_FILE = fileURLToPath(new URL("../packages/web/src/api-schema.d.ts", import.meta.url));

const HEADER = `/**
 * The server's API as TypeScript types, generated from its OpenAPI document by \`npm run contract\`
 * (scripts/contract.ts). Do not edit: change the server's schemas and run it again.
 */

`;

/** The OpenAPI document of the app as built now. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const database = await openDatabase({ dataDir: "memory://" });
  try {
    const app = await buildApp({ db: database.db, config: { ...loadConfig({}), webDist: "/nonexistent" }, logger: false });
    await app.ready();
    const document = app.swagger() as unknown as Record<string, unknown>;
    await app.close();
    return document;
  } finally {
    await database.close();
  }
}

/** The TypeScript the web compiles against, for a document. */
export async function apiSchemaSource(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as never, { silent: true });
  return HEADER + astToString(ast);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(API_SCHEMA_FILE, await apiSchemaSource(await openApiDocument()));
  console.log(`wrote ${API_SCHEMA_FILE}`);
}
