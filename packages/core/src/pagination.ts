/** Paginated list envelope shared by every list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

/** Sort spec `name` or `-name` (descending) restricted to the allowed keys; falls back to the first key. */
export function parseSort<K extends string>(sort: string | undefined, allowed: readonly K[]): { key: K; desc: boolean } {
  const desc = sort?.startsWith("-") ?? false;
  const key = (desc ? sort?.slice(1) : sort) as K | undefined;
  const first = allowed[0];
  if (first === undefined) throw new Error("parseSort needs at least one key");
  return { key: key && allowed.includes(key) ? key : first, desc };
}
