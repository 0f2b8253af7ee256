// Writes a brotli (.br) and a gzip (.gz) copy beside every script, style sheet and map shape of the
// build, which the server sends to browsers that accept them (@fastify/static `preCompressed`).
// Compressed once here, not per request: the login page's JavaScript is 1 MB as built and about a
// third of that gzipped, and a server on two cores should not compress the same files again.
// Brotli quality 10, not 11: 3% larger for the whole build, in 4 s of CPU instead of 10.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

// The web app's build directory may be given (a helper's own build); dist/ by default.
const dist = process.argv[2] ? resolve(process.argv[2]) : new URL("../dist/", import.meta.url).pathname;
const COMPRESSIBLE = /\.(js|css|json|svg)$/;
/** Below this a response fits in one packet anyway. */
const MIN_BYTES = 1024;

let files = 0;
let before = 0;
let after = 0;
for (const folder of ["assets", "geo"]) {
  for (const name of readdirSync(join(dist, folder))) {
    const path = join(dist, folder, name);
    if (!COMPRESSIBLE.test(name) || statSync(path).size < MIN_BYTES) continue;
    const body = readFileSync(path);
    const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 10, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
    files++;
    before += body.length;
    after += br.length;
  }
}
const mb = (n) => (n / 1048576).toFixed(1);
console.log(`Precompressed ${files} files: ${mb(before)} MB → ${mb(after)} MB brotli (and gzip) in ${dist}`);
