/**
 * A Content-Disposition for a download: `filename` keeps an ASCII name for old clients, and
 * `filename*` (RFC 5987, UTF-8) carries the real one, e.g. 贵州省-2026-对口帮扶考核.xlsx.
 */
export function attachment(name: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
