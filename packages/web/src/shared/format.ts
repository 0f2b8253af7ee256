import dayjs from "dayjs";

/** One date-time format everywhere (the 24-hour form officials use in both languages). */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format("YYYY-MM-DD HH:mm:ss") : "—";
}
