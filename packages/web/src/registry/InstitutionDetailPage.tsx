import { ArrowLeftOutlined, EditOutlined, StopOutlined } from "@ant-design/icons";
import { PAIRING_RECIPIENT_KINDS, PAIRING_SUPPORTER_KINDS } from "@medbridge/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Col, Descriptions, Empty, Row, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { api, type Page } from "../api.ts";
import { may, mayOn } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import { QueryState } from "../shared/QueryState.tsx";
import type { Alliance, Institution, Practitioner } from "../types.ts";
import { CapabilityNeedsCard } from "./CapabilityNeedsCard.tsx";
import { InstitutionForm } from "./InstitutionForm.tsx";
import { InstitutionLocation } from "./InstitutionLocation.tsx";
import { SupportCapacityCard } from "./SupportCapacityCard.tsx";

const ASSESSMENT_COLOR: Record<string, string> = { none: "red", basic: "gold", recommended: "green" };

export function InstitutionDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState(false);
  const institution = useQuery({ queryKey: ["institutions", id], queryFn: () => api<Institution>(`/institutions/${id}`) });
  const canReadPeople = may(me, "read", "practitioner");
  const people = useQuery({
    queryKey: ["practitioners", { institutionId: id }],
    queryFn: () => api<Page<Practitioner>>("/practitioners", { query: { institutionId: id, pageSize: 50 } }),
    enabled: canReadPeople,
  });
  const alliances = useQuery({
    queryKey: ["alliances", { institutionId: id }],
    queryFn: () => api<Page<Alliance>>("/alliances", { query: { institutionId: id, pageSize: 50 } }),
  });

  const where = { regionCode: institution.data?.regionCode ?? null, institutionIds: [id] };
  // The commission (in its region) sets kind, grade, region and status; a coordinator edits the rest of its own.
  const commission = mayOn(me, "write", "institution_standing", where);
  const mayEdit = mayOn(me, "write", "institution", where);

  const setActive = async (name: string, active: boolean) => {
    try {
      await api(`/institutions/${id}`, { method: "PATCH", body: { active } });
      await client.invalidateQueries({ queryKey: ["institutions"] });
      message.success(t(active ? "confirm.institutionActivated" : "confirm.institutionDeactivated", { name }));
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  const confirmDeactivate = (name: string) =>
    modal.confirm({
      title: t("confirm.deactivateInstitution", { name }),
      content: t("common.confirmDeactivate"),
      okText: t("common.deactivate"),
      okButtonProps: { danger: true, ...({ "data-testid": "confirm-ok" } as Record<`data-${string}`, string>) },
      cancelText: t("confirm.keep"),
      onOk: () => setActive(name, false),
    });

  return (
    <QueryState query={institution}>
      {() => {
        const i = institution.data as Institution;
        return (
          <Space direction="vertical" size={16} style={{ width: "100%" }}>
            <Card
              title={
                <Space>
                  <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t("common.back")} />
                  <span data-testid="institution-name">{i.name}</span>
                  {!i.active && <Tag>{t("common.inactive")}</Tag>}
                </Space>
              }
              extra={
                mayEdit && (
                  <Space>
                    <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                      {t("common.edit")}
                    </Button>
                    {commission &&
                      (i.active ? (
                        <Button danger icon={<StopOutlined />} onClick={() => confirmDeactivate(i.name)} data-testid="institution-deactivate">
                          {t("common.deactivate")}
                        </Button>
                      ) : (
                        <Button onClick={() => setActive(i.name, true)}>{t("common.activate")}</Button>
                      ))}
                  </Space>
                )
              }
            >
              <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
                <Descriptions.Item label={t("institution.kind")}>{t(`kind.${i.kind}`)}</Descriptions.Item>
                <Descriptions.Item label={t("institution.grade")}>{i.grade ?? "—"}</Descriptions.Item>
                <Descriptions.Item label={t("institution.region")}>
                  {i.regionPath} <Typography.Text type="secondary">({i.regionCode})</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t("institution.beds")}>{i.beds ?? "—"}</Descriptions.Item>
                <Descriptions.Item label={t("institution.address")} span={2}>
                  {i.address ?? "—"}
                </Descriptions.Item>
                <Descriptions.Item label={t("institution.departments")} span={2}>
                  {i.departments.length ? i.departments.map((d) => <Tag key={d}>{d}</Tag>) : "—"}
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <InstitutionLocation institution={i} editable={mayEdit} />
            {(PAIRING_RECIPIENT_KINDS as readonly string[]).includes(i.kind) && mayOn(me, "read", "assessment", where) && (
              <CapabilityNeedsCard institutionId={i.id} editable={mayEdit} />
            )}
            {(PAIRING_SUPPORTER_KINDS as readonly string[]).includes(i.kind) && <SupportCapacityCard institutionId={i.id} editable={mayEdit} />}
            <Row gutter={16}>
              {i.assessments && (
                <Col xs={24} lg={8}>
                  <Card title={t("institution.assessments")} size="small">
                    {i.assessments.length === 0 ? (
                      <Empty description={t("institution.noAssessment")} />
                    ) : (
                      <Table
                        size="small"
                        rowKey="year"
                        pagination={false}
                        dataSource={i.assessments}
                        columns={[
                          { title: t("institution.year"), dataIndex: "year" },
                          {
                            title: t("institution.level"),
                            dataIndex: "level",
                            render: (l: string) => <Tag color={ASSESSMENT_COLOR[l]}>{t(`assessment.${l}`)}</Tag>,
                          },
                        ]}
                      />
                    )}
                  </Card>
                </Col>
              )}
              <Col xs={24} lg={i.assessments ? 16 : 24}>
                <Card title={t("institution.alliances")} size="small">
                  <Table<Alliance>
                    size="small"
                    rowKey="id"
                    loading={alliances.isPending}
                    pagination={false}
                    dataSource={alliances.data?.items ?? []}
                    locale={{ emptyText: <Empty description={t("common.empty")} /> }}
                    columns={[
                      { title: t("alliance.name"), dataIndex: "name", render: (n: string, row) => <Link to={`/alliances/${row.id}`}>{n}</Link> },
                      { title: t("alliance.kind"), dataIndex: "kind", render: (k: string) => t(`allianceKind.${k}`) },
                      { title: t("alliance.lead"), dataIndex: "leadInstitutionName" },
                    ]}
                  />
                </Card>
              </Col>
            </Row>
            {canReadPeople && (
              <Card title={t("institution.practitioners")} size="small">
                <Table<Practitioner>
                  size="small"
                  rowKey="id"
                  loading={people.isPending}
                  dataSource={people.data?.items ?? []}
                  locale={{ emptyText: people.error ? "—" : <Empty description={t("common.empty")} /> }}
                  pagination={{ pageSize: 10, showTotal: (total) => t("common.total", { total }) }}
                  columns={[
                    { title: t("practitioner.name"), dataIndex: "name", render: (n: string, row) => <Link to={`/practitioners/${row.id}`}>{n}</Link> },
                    { title: t("practitioner.profession"), dataIndex: "profession", render: (p: string) => t(`profession.${p}`) },
                    { title: t("practitioner.title"), dataIndex: "title", render: (v: string) => t(`title.${v}`) },
                    { title: t("practitioner.specialty"), dataIndex: "specialty" },
                  ]}
                />
              </Card>
            )}
            <InstitutionForm open={editing} institution={i} commissionFields={commission} onClose={() => setEditing(false)} />
          </Space>
        );
      }}
    </QueryState>
  );
}
