import { Tag } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Referral } from "../types.ts";

const PRIORITY_COLOR = { green_channel: "red", urgent: "orange", routine: "default" } as const;
const STATUS_COLOR: Record<string, string> = {
  submitted: "blue",
  accepted: "cyan",
  scheduled: "geekblue",
  arrived: "purple",
  completed: "green",
  rejected: "red",
  expired: "volcano",
  cancelled: "default",
  draft: "default",
};

export function PriorityTag({ priority }: { priority: keyof typeof PRIORITY_COLOR }) {
  const { t } = useTranslation();
  return <Tag color={PRIORITY_COLOR[priority]}>{t(`priority.${priority}`)}</Tag>;
}

export function ReferralStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status] ?? "default"}>{t(`referralStatus.${status}`)}</Tag>;
}

/** The SLA clock of a submitted referral, ticking every 30 s; red when little time is left. */
export function SlaCountdown({ deadline, status }: { deadline: string | null; status: string }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (!deadline || status !== "submitted") return <>—</>;
  const left = dayjs(deadline).diff(now, "minute");
  if (left < 0) return <Tag color="red">{t("referral.overdue")}</Tag>;
  const text = left >= 120 ? `${Math.floor(left / 60)} h` : `${left} min`;
  return <Tag color={left < 30 ? "red" : left < 120 ? "orange" : "default"}>{text}</Tag>;
}

/** The booked slot or bed: where (the hospital when asked), which department or ward, which day. */
export function BookingLine({ booking, withInstitution = true }: { booking: NonNullable<Referral["booking"]>; withInstitution?: boolean }) {
  const { t } = useTranslation();
  return (
    <span data-testid="referral-booking">
      <Tag color={booking.kind === "bed" ? "purple" : "geekblue"}>{t(booking.kind === "bed" ? "referral.bed" : "referral.slot")}</Tag>
      {[withInstitution ? booking.institutionName : null, booking.unit, booking.date].filter(Boolean).join(" · ")}
    </span>
  );
}
