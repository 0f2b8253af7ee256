import { useSearchParams } from "react-router";

/**
 * List state (search, filters, sort, page) kept in the URL, so a filtered view can be shared,
 * bookmarked and survives reload. Changing any filter returns to page 1.
 */
export function useListParams<K extends string>(keys: readonly K[], defaults: Partial<Record<K, string>> = {}) {
  const [params, setParams] = useSearchParams();
  const query = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? defaults[k] ?? undefined])) as Record<K, string | undefined>;
  const page = Number(params.get("page") ?? 1);
  const pageSize = Number(params.get("pageSize") ?? 20);
  const update = (changes: Partial<Record<K | "page" | "pageSize", string | number | undefined>>) => {
    // From the address bar, not this render's params: a handler kept from an earlier render (a
    // search box's Enter after a view switch) would otherwise put back the filters it saw then.
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === "") next.delete(k);
      else next.set(k, String(v));
    }
    if (!("page" in changes)) next.delete("page");
    setParams(next);
  };
  return { query: { ...query, page, pageSize }, update };
}

/** antd Table sorter → the API's `sort` parameter (`name` or `-name`). */
export function sortParam(sorter: unknown): string | undefined {
  const s = (Array.isArray(sorter) ? sorter[0] : sorter) as { order?: string | null; field?: unknown } | undefined;
  return s?.order ? `${s.order === "descend" ? "-" : ""}${String(s.field)}` : undefined;
}
