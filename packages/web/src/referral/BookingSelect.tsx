import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import type { Answer } from "../types.ts";

/** A booking is `slot:<id>` or `bed:<id>`: one select offers the receiver's free slots and beds. */
export function bookingBody(value: string | undefined): { slotId?: string; bedId?: string } {
  if (!value) return {};
  const [kind, id] = value.split(":");
  return kind === "bed" ? { bedId: id } : { slotId: id };
}

/** The receiver's free reserved slots in the department and free reserved beds, from today on. */
export function BookingSelect({
  id,
  institutionId,
  department,
  value,
  onChange,
  testId,
}: {
  /** Set by Form.Item, so its label points at the select. */
  id?: string;
  institutionId?: string;
  department?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const from = dayjs().format("YYYY-MM-DD");
  const slots = useQuery({
    queryKey: ["slot", institutionId, department, from],
    queryFn: () => api<Answer<"/slots">>("/slots", { query: { institutionId, department, from } }),
    enabled: !!institutionId && !!department,
  });
  const beds = useQuery({
    queryKey: ["bed", institutionId, from],
    queryFn: () => api<Answer<"/beds">>("/beds", { query: { institutionId, from } }),
    enabled: !!institutionId,
  });
  const free = <T extends { available: number; releasedAt?: string | null }>(items: T[] = []) => items.filter((x) => x.available > 0 && !x.releasedAt);
  return (
    <Select
      id={id}
      allowClear
      value={value}
      onChange={onChange}
      loading={slots.isFetching || beds.isFetching}
      notFoundContent={t("referral.noSlots")}
      placeholder={t("referral.chooseSlot")}
      options={[
        {
          label: t("referral.slot"),
          options: free(slots.data?.items).map((x) => ({
            value: `slot:${x.id}`,
            label: `${x.date} · ${x.department} · ${t("referral.available")} ${x.available}`,
          })),
        },
        {
          label: t("referral.bed"),
          options: free(beds.data?.items).map((x) => ({ value: `bed:${x.id}`, label: `${x.date} · ${x.ward} · ${t("referral.available")} ${x.available}` })),
        },
      ].filter((group) => group.options.length > 0)}
      data-testid={testId}
    />
  );
}
