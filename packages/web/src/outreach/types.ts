export interface Session {
  id: string;
  kind: string;
  status: string;
  title: string;
  recipientId: string;
  recipientName: string;
  supporterId: string;
  supporterName: string;
  requestedStart: string | null;
  startsAt: string | null;
  durationMinutes: number;
  link: string | null;
  minutes: string | null;
  opinion: string | null;
  cancelReason: string | null;
  allowedActions: string[];
}

export type { CalendarEvent } from "@medbridge/core";
