import { useQuery } from "@tanstack/react-query";
import { Select, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, type Page } from "../api.ts";
import { ListCard } from "../shared/ListCard.tsx";
import { PagedTable } from "../shared/PagedTable.tsx";
import { useListParams } from "../shared/useListParams.ts";
import { recentYears } from "../shared/years.ts";
import type { Agreement } from "../types.ts";

export function AgreementsPage() {
  const { t } = useTranslation();
  const { query, update } = useListParams(["q", "year", "sort"] as const);
  const list = useQuery({ queryKey: ["agreements", query], queryFn: () => api<Page<Agreement>>("/agreements", { query }), placeholderData: (p) => p });
  return (
    <ListCard
      title={t("assistance.agreements")}
      search={{ value: query.q, placeholder: `${t("assistance.code")} / ${t("assistance.recipient")}`, onSearch: (q) => update({ q }) }}
      filters={
        <Select
          allowClear
          placeholder={t("assistance.year")}
          value={query.year ? Number(query.year) : undefined}
          onChange={(year) => update({ year })}
          style={{ width: 140 }}
          options={recentYears().map((y) => ({ value: y, label: String(y) }))}
        />
      }
    >
      <PagedTable<Agreement>
        list={list}
        query={query}
        update={update}
        columns={[
          { title: t("assistance.code"), dataIndex: "code", sorter: true, render: (c: string, a) => <Link to={`/assistance/agreements/${a.id}`}>{c}</Link> },
          { title: t("assistance.recipient"), render: (_, a) => a.recipient.name },
          { title: t("assistance.supporters"), render: (_, a) => a.supporters.map((s) => s.name).join("、") },
          { title: t("assistance.mode"), dataIndex: "mode", render: (m: string) => t(`agreementMode.${m}`) },
          { title: t("assistance.pack"), dataIndex: "packId" },
          { title: t("assistance.period"), dataIndex: "startsOn", sorter: true, render: (_: string, a) => `${a.startsOn} — ${a.endsOn}` },
          { title: t("assistance.status"), dataIndex: "status", render: (s: string) => <Tag>{s}</Tag> },
        ]}
      />
    </ListCard>
  );
}
