import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Col, Empty, Input, Row, Segmented, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, type Page } from "../api.ts";
import { useMe } from "../auth/session.ts";
import { RegionTree } from "../shared/RegionTree.tsx";
import { sortParam, useListParams } from "../shared/useListParams.ts";
import type { Institution } from "../types.ts";
import { InstitutionForm } from "./InstitutionForm.tsx";
import { INSTITUTION_KINDS } from "./vocabulary.ts";

export function InstitutionsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [creating, setCreating] = useState(false);
  const { query, update } = useListParams(["q", "kind", "regionCode", "status", "sort"] as const, { status: "active" });
  // An official's directory starts at their own region; "all regions" means all of it.
  const scopeRoot = me?.role === "health_official" ? (me.regionCode ?? undefined) : undefined;
  const effective = { ...query, regionCode: query.regionCode ?? scopeRoot };
  const list = useQuery({
    queryKey: ["institutions", effective],
    queryFn: () => api<Page<Institution>>("/institutions", { query: effective }),
    placeholderData: (previous) => previous,
  });
  const mayCreate = me?.role === "national_admin" || me?.role === "health_official";

  return (
    <Row gutter={16}>
      <Col xs={24} md={7} lg={6}>
        <Card title={t("institution.regionTree")} size="small" styles={{ body: { maxHeight: "calc(100vh - 200px)", overflow: "auto" } }}>
          <RegionTree
            rootCode={me?.role === "health_official" ? me.regionCode : null}
            selected={query.regionCode}
            onSelect={(code) => update({ regionCode: code })}
          />
        </Card>
      </Col>
      <Col xs={24} md={17} lg={18}>
        <Card
          title={t("menu.institutions")}
          extra={
            mayCreate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t("common.create")}
              </Button>
            )
          }
        >
          <Space wrap style={{ marginBottom: 16 }}>
            <Input.Search
              allowClear
              defaultValue={query.q}
              placeholder={t("institution.searchPlaceholder")}
              onSearch={(q) => update({ q })}
              style={{ width: 260 }}
              data-testid="institution-search"
            />
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
          </Space>
          <Table<Institution>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{
              emptyText: list.error ? (
                <Typography.Text type="danger">{(list.error as Error).message}</Typography.Text>
              ) : (
                <Empty description={t("common.empty")} />
              ),
            }}
            pagination={{
              current: query.page,
              pageSize: query.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t("common.total", { total }),
            }}
            onChange={(pagination, _filters, sorter) => update({ page: pagination.current, pageSize: pagination.pageSize, sort: sortParam(sorter) })}
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
        </Card>
      </Col>
      <InstitutionForm open={creating} commissionFields onClose={() => setCreating(false)} />
    </Row>
  );
}
