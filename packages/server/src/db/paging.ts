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
