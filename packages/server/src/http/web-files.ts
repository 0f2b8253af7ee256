import type { FastifyStaticOptions } from "@fastify/static";

/** A year: the longest a browser is asked to keep anything. */
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/**
 * How the built web app's files are served. Vite names every file under `assets/` after a hash of
 * its content, so a browser may keep those a year without asking again; the rest (the map shapes
 * under `geo/`) is checked against its ETag on each use. The build writes brotli and gzip copies
 * (packages/web/scripts/precompress.mjs), sent to browsers that accept them; without them the
 * plain file goes out. `Vary` tells caches on the way that the answer depends on Accept-Encoding.
 */
export function webFileOptions(root: string): FastifyStaticOptions {
  return {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, path) => {
      const hashed = /[\\/]assets[\\/]/.test(path);
      res.setHeader("Cache-Control", hashed ? `public, max-age=${ONE_YEAR_SECONDS}, immutable` : "no-cache");
      res.setHeader("Vary", "Accept-Encoding");
    },
  };
}
