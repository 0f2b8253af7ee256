import { UploadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Col, Row, Segmented, Select, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, type Page } from "../api.ts";
import { may } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import { ListCard } from "../shared/ListCard.tsx";
import { PagedTable } from "../shared/PagedTable.tsx";
import { RegionTree } from "../shared/RegionTree.tsx";
import { useListParams } from "../shared/useListParams.ts";
import type { Institution } from "../types.ts";
import { InstitutionForm } from "./InstitutionForm.tsx";
import { InstitutionImport } from "./InstitutionImport.tsx";
import { INSTITUTION_KINDS } from "./vocabulary.ts";

export function InstitutionsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const { query, update } = useListParams(["q", "kind", "regionCode", "status", "sort"] as const, { status: "active" });
  // An official's directory starts at their own region; "all regions" means all of it.
  const scopeRoot = me?.regionCode ?? undefined;
  const effective = { ...query, regionCode: query.regionCode ?? scopeRoot };
  const list = useQuery({
    queryKey: ["institutions", effective],
    queryFn: () => api<Page<Institution>>("/institutions", { query: effective }),
    placeholderData: (previous) => previous,
  });
  const mayCreate = may(me, "write", "institution_standing");

  return (
    <Row gutter={16}>
      <Col xs={24} md={7} lg={6}>
        <Card title={t("institution.regionTree")} size="small" styles={{ body: { maxHeight: "calc(100vh - 200px)", overflow: "auto" } }}>
          <RegionTree rootCode={me?.regionCode ?? null} selected={query.regionCode} onSelect={(code) => update({ regionCode: code })} />
        </Card>
      </Col>
      <Col xs={24} md={17} lg={18}>
        <ListCard
          title={t("menu.institutions")}
          onCreate={mayCreate && (() => setCreating(true))}
          actions={
            mayCreate && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="institution-import-open">
                {t("institutionImport.open")}
              </Button>
            )
          }
          search={{ value: query.q, placeholder: t("institution.searchPlaceholder"), onSearch: (q) => update({ q }), width: 260 }}
          filters={
            <>
              <Select
                allowClear
                placeholder={t("institution.kind")}
                value={query.kind}
                onChange={(kind) => update({ kind })}
                style={{ width: 200 }}
                options={INSTITUTION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              />
              <Segmented
                value={query.status}
                onChange={(status) => update({ status: String(status) })}
                options={[
                  { value: "active", label: t("common.active") },
                  { value: "inactive", label: t("common.inactive") },
                  { value: "all", label: t("common.all") },
                ]}
              />
            </>
          }
        >
          <PagedTable<Institution>
            list={list}
            query={query}
            update={update}
            columns={[
              {
                title: t("institution.name"),
                dataIndex: "name",
                sorter: true,
                render: (name: string, row) => <Link to={`/institutions/${row.id}`}>{name}</Link>,
              },
              { title: t("institution.kind"), dataIndex: "kind", render: (k: string) => t(`kind.${k}`) },
              { title: t("institution.grade"), dataIndex: "grade", render: (g: string | null) => g ?? "—" },
              { title: t("institution.region"), dataIndex: "regionCode", sorter: true, render: (_: string, row) => row.regionPath },
              { title: t("institution.beds"), dataIndex: "beds", sorter: true, align: "right", render: (b: number | null) => b ?? "—" },
              {
                title: t("common.status"),
                dataIndex: "active",
                render: (a: boolean) => (a ? <Tag color="green">{t("common.active")}</Tag> : <Tag>{t("common.inactive")}</Tag>),
              },
            ]}
          />
        </ListCard>
      </Col>
      <InstitutionForm open={creating} commissionFields onClose={() => setCreating(false)} />
      <InstitutionImport open={importing} onClose={() => setImporting(false)} />
    </Row>
  );
}
