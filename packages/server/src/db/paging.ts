/**
 * Builds a page envelope. When the page is not full it is the last one, so the total follows
 * from its length and the (often costlier) count query is skipped.
 */
export async function paged<T>(page: number, pageSize: number, rows: PromiseLike<T[]>, count: () => PromiseLike<{ total: number }[]>) {
  const items = await rows;
  if (items.length < pageSize && (items.length > 0 || page === 1)) {
    return { items, total: (page - 1) * pageSize + items.length, page, pageSize };
  }
  const [row] = await count();
  return { items, total: row?.total ?? 0, page, pageSize };
}

/**
 * A page over a list made of consecutive parts of known sizes (each read in its own order, off its
 * own index): which rows of which part the page holds. Parts the page does not reach are never read.
 */
export function partSlices(sizes: readonly number[], offset: number, limit: number): { part: number; offset: number; limit: number }[] {
  const slices: { part: number; offset: number; limit: number }[] = [];
  let start = 0;
  for (const [part, size] of sizes.entries()) {
    const from = Math.max(start, offset);
    const to = Math.min(start + size, offset + limit);
    if (from < to) slices.push({ part, offset: from - start, limit: to - from });
    start += size;
  }
  return slices;
}
