// Parses a large CSV or XLSX file off the server's thread (see readTable in tabular.ts). Plain
// JavaScript because a worker does not inherit the TypeScript loader: it registers its own first.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { readTableHere } = await import("./tabular.ts");
const { data, format, aliases } = workerData;
// Rows go back in batches so that the server thread never spends long copying one message.
const BATCH = 2000;
try {
  const rows = await readTableHere(Buffer.from(data.buffer, data.byteOffset, data.byteLength), format, aliases);
  for (let i = 0; i < rows.length; i += BATCH) parentPort.postMessage({ rows: rows.slice(i, i + BATCH) });
  parentPort.postMessage({ done: true });
} catch (error) {
  const domain = error?.name === "DomainError";
  parentPort.postMessage({
    error: { domain, code: domain ? error.code : "validation", message: String(error?.message ?? error), errors: domain ? error.errors : [] },
  });
}
