import { ID_TAIL_MAX, MASK_KEEPS, viewStatuses, type WorklistView } from "@medbridge/core";
import { useQuery } from "@tanstack/react-query";
import { App, Segmented, Select, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api, type Page } from "../api.ts";
import { mayOn } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import { formatDateTime } from "../shared/format.ts";
import { ListCard } from "../shared/ListCard.tsx";
import { PagedTable } from "../shared/PagedTable.tsx";
import { useListParams } from "../shared/useListParams.ts";
import type { Referral } from "../types.ts";
import { BookingLine, PriorityTag, ReferralStatusTag, SlaCountdown } from "./ReferralTags.tsx";

/**
 * The last search, kept for the session but never in the address bar: a name or an ID tail is
 * personal data, and the URL ends up in history, bookmarks and shared links.
 */
let lastSearch = "";

/**
 * The institution's referrals, incoming or outgoing, in the order to deal with them (the server
 * orders): by default only what still needs someone's action; all, or the finished ones, one
 * click away. Patients are found by name or the tail of their ID number.
 */
export function WorklistPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const me = useMe().data;
  const { query, update } = useListParams(["role", "view", "status", "priority", "direction"] as const, { role: "incoming", view: "action" });
  const [search, setSearch] = useState(lastSearch);
  const role = query.role === "outgoing" ? "outgoing" : "incoming";
  const view = (query.view ?? "action") as WorklistView;
  // Those who see ID numbers in clear search by up to four characters, the others by what the mask shows.
  const tailMax =
    me?.institutionId && mayOn(me, "read", "patient_identity", { regionCode: null, institutionIds: [me.institutionId] }) ? ID_TAIL_MAX : MASK_KEEPS;
  const list = useQuery({
    queryKey: ["referrals", query, search],
    queryFn: () => api<Page<Referral>>("/referrals", { query: { ...query, ...(search && { q: search }) } }),
    placeholderData: (p) => p,
    refetchInterval: 60_000,
  });
  const onSearch = (text: string) => {
    const q = text.trim();
    // A whole ID number never leaves for the server in a query string: the patient index looks numbers up.
    if (/^\d{5,}[\dXx]?$/.test(q) || (/^[\dXx]+$/.test(q) && q.length > tailMax)) {
      message.warning(t("referralPath.searchTail", { limit: tailMax }));
      return;
    }
    lastSearch = q;
    setSearch(q);
    update({});
  };
  return (
    <ListCard
      title={`${t("referral.worklist")} · ${me?.institutionName ?? ""}`}
      onCreate={() => navigate("/referrals/new")}
      search={{ value: search, placeholder: t(tailMax > MASK_KEEPS ? "referralPath.search" : "referralPath.searchMasked"), onSearch, width: 240 }}
      filters={
        <>
          <Segmented
            value={role}
            onChange={(next) => update({ role: String(next) })}
            options={[
              { value: "incoming", label: t("referral.incoming") },
              { value: "outgoing", label: t("referral.outgoing") },
            ]}
            data-testid="worklist-role"
          />
          <Segmented
            value={view}
            onChange={(next) => update({ view: String(next), status: undefined })}
            options={[
              { value: "action", label: t("referralPath.viewAction") },
              { value: "all", label: t("referralPath.viewAll") },
              { value: "finished", label: t("referralPath.viewFinished") },
            ]}
            data-testid="worklist-view"
          />
          <Select
            allowClear
            placeholder={t("referral.status")}
            value={query.status}
            onChange={(status) => update({ status })}
            style={{ width: 130 }}
            options={viewStatuses(role, view).map((s) => ({ value: s, label: t(`referralStatus.${s}`) }))}
          />
          <Select
            allowClear
            placeholder={t("referral.priority")}
            value={query.priority}
            onChange={(priority) => update({ priority })}
            style={{ width: 120 }}
            options={["green_channel", "urgent", "routine"].map((p) => ({ value: p, label: t(`priority.${p}`) }))}
          />
          <Select
            allowClear
            placeholder={t("referral.direction")}
            value={query.direction}
            onChange={(direction) => update({ direction })}
            style={{ width: 100 }}
            options={["up", "down"].map((d) => ({ value: d, label: t(`referral.${d}`) }))}
          />
        </>
      }
    >
      <PagedTable<Referral>
        list={list}
        query={query}
        update={update}
        {...(!list.error &&
          view === "action" &&
          !search && { locale: { emptyText: t(role === "incoming" ? "referralPath.emptyIncoming" : "referralPath.emptyOutgoing") } })}
        onRow={(r) => ({ onClick: () => navigate(`/referrals/${r.id}`), style: { cursor: "pointer" } })}
        columns={[
          {
            title: t("referral.priority"),
            phone: "title",
            render: (_, r) => (
              <Space size={4}>
                <PriorityTag priority={r.priority} />
                {t(`referral.${r.direction}`)}
              </Space>
            ),
          },
          {
            title: t("referral.patient"),
            phone: "title",
            render: (_, r) => (
              <Link to={`/referrals/${r.id}`} data-testid="worklist-row">{`${r.patient.name} · ${r.patient.idNumber ?? t("patient.noIdCard")}`}</Link>
            ),
          },
          { title: t("referral.status"), dataIndex: "status", render: (s: string) => <ReferralStatusTag status={s} />, phone: "title" },
          { title: t("referral.sla"), render: (_, r) => <SlaCountdown deadline={r.slaDeadline} status={r.status} /> },
          {
            title: t("referralPath.booking"),
            render: (_, r) => (r.booking ? <BookingLine booking={r.booking} withInstitution={role === "outgoing"} /> : "—"),
          },
          {
            title: role === "incoming" ? t("referral.from") : t("referral.to"),
            render: (_, r) => (role === "incoming" ? r.fromInstitutionName : r.toInstitutionName),
          },
          { title: t("referral.department"), dataIndex: "department" },
          { title: t("referral.reason"), render: (_, r) => `${r.reason.icd10} ${r.reason.text}` },
          { title: t("referral.createdAt"), dataIndex: "createdAt", render: formatDateTime },
        ]}
      />
    </ListCard>
  );
}
