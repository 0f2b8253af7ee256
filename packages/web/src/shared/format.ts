import dayjs from "dayjs";

/** One date-time format everywhere (the 24-hour form officials use in both languages). */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format("YYYY-MM-DD HH:mm:ss") : "—";
}

/** File sizes as people read them: 820 B, 14.2 KB, 1.9 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Today in China (UTC+8), the day and month the server counts figures by, whatever the browser's time zone. */
export function chinaToday(): dayjs.Dayjs {
  return dayjs(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
}
