import { useQuery } from "@tanstack/react-query";
import { Segmented, Select } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api, type Page } from "../api.ts";
import { useMe } from "../auth/session.ts";
import { formatDateTime } from "../shared/format.ts";
import { ListCard } from "../shared/ListCard.tsx";
import { PagedTable } from "../shared/PagedTable.tsx";
import { useListParams } from "../shared/useListParams.ts";
import type { Referral } from "../types.ts";
import { PriorityTag, ReferralStatusTag, SlaCountdown } from "./ReferralTags.tsx";

const STATUSES = ["submitted", "accepted", "scheduled", "arrived", "completed", "rejected", "cancelled", "expired", "draft"];

/** The institution's referrals: incoming with green channel first and the SLA clock, or outgoing. */
export function WorklistPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const { query, update } = useListParams(["role", "status", "priority", "direction"] as const, { role: "incoming" });
  const list = useQuery({
    queryKey: ["referrals", query],
    queryFn: () => api<Page<Referral>>("/referrals", { query }),
    placeholderData: (p) => p,
    refetchInterval: 60_000,
  });
  return (
    <ListCard
      title={`${t("referral.worklist")} · ${me?.institutionName ?? ""}`}
      onCreate={() => navigate("/referrals/new")}
      filters={
        <>
          <Segmented
            value={query.role}
            onChange={(role) => update({ role: String(role) })}
            options={[
              { value: "incoming", label: t("referral.incoming") },
              { value: "outgoing", label: t("referral.outgoing") },
            ]}
            data-testid="worklist-role"
          />
          <Select
            allowClear
            placeholder={t("referral.status")}
            value={query.status}
            onChange={(status) => update({ status })}
            style={{ width: 140 }}
            options={STATUSES.map((s) => ({ value: s, label: t(`referralStatus.${s}`) }))}
          />
          <Select
            allowClear
            placeholder={t("referral.priority")}
            value={query.priority}
            onChange={(priority) => update({ priority })}
            style={{ width: 140 }}
            options={["green_channel", "urgent", "routine"].map((p) => ({ value: p, label: t(`priority.${p}`) }))}
          />
          <Select
            allowClear
            placeholder={t("referral.direction")}
            value={query.direction}
            onChange={(direction) => update({ direction })}
            style={{ width: 120 }}
            options={["up", "down"].map((d) => ({ value: d, label: t(`referral.${d}`) }))}
          />
        </>
      }
    >
      <PagedTable<Referral>
        list={list}
        query={query}
        update={update}
        onRow={(r) => ({ onClick: () => navigate(`/referrals/${r.id}`), style: { cursor: "pointer" } })}
        columns={[
          { title: t("referral.priority"), dataIndex: "priority", render: (p: Referral["priority"]) => <PriorityTag priority={p} />, phone: "title" },
          {
            title: t("referral.patient"),
            phone: "title",
            render: (_, r) => <Link to={`/referrals/${r.id}`} data-testid="worklist-row">{`${r.patient.name} · ${r.patient.idNumber}`}</Link>,
          },
          { title: t("referral.direction"), dataIndex: "direction", render: (d: string) => t(`referral.${d}`) },
          {
            title: query.role === "incoming" ? t("referral.from") : t("referral.to"),
            render: (_, r) => (query.role === "incoming" ? r.fromInstitutionName : r.toInstitutionName),
          },
          { title: t("referral.department"), dataIndex: "department" },
          { title: t("referral.reason"), render: (_, r) => `${r.reason.icd10} ${r.reason.text}` },
          { title: t("referral.status"), dataIndex: "status", render: (s: string) => <ReferralStatusTag status={s} />, phone: "title" },
          { title: t("referral.sla"), render: (_, r) => <SlaCountdown deadline={r.slaDeadline} status={r.status} /> },
          { title: t("referral.createdAt"), dataIndex: "createdAt", render: formatDateTime },
        ]}
      />
    </ListCard>
  );
}
