import { ArrowLeftOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, DatePicker, Descriptions, Form, Space, Table, Tag } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { api } from "../api.ts";
import { mayOn } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import { FormModal } from "../shared/FormModal.tsx";
import { InstitutionSelect } from "../shared/InstitutionSelect.tsx";
import { QueryState } from "../shared/QueryState.tsx";
import type { Alliance } from "../types.ts";

export function AllianceDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const alliance = useQuery({ queryKey: ["alliances", id], queryFn: () => api<Alliance>(`/alliances/${id}`) });
  const [adding, setAdding] = useState(false);

  return (
    <QueryState query={alliance}>
      {() => {
        const a = alliance.data as Alliance;
        const mayEdit = mayOn(me, "write", "alliance", { regionCode: a.regionCode, institutionIds: [a.leadInstitutionId] });
        return (
          <Card
            title={
              <Space>
                <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t("common.back")} />
                {a.name}
                <Tag color="blue">{t(`allianceKind.${a.kind}`)}</Tag>
              </Space>
            }
            extra={
              mayEdit && (
                <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                  {t("alliance.members")}
                </Button>
              )
            }
          >
            <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t("alliance.lead")}>
                <Link to={`/institutions/${a.leadInstitutionId}`}>{a.leadInstitutionName}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t("alliance.memberCount")}>{a.memberCount}</Descriptions.Item>
            </Descriptions>
            <Table
              rowKey="institutionId"
              size="small"
              dataSource={a.members ?? []}
              pagination={{ pageSize: 20, showTotal: (total) => t("common.total", { total }) }}
              columns={[
                {
                  title: t("institution.name"),
                  dataIndex: "institutionName",
                  render: (n: string, row) => <Link to={`/institutions/${row.institutionId}`}>{n}</Link>,
                },
                { title: t("institution.kind"), dataIndex: "kind", render: (k: string) => t(`kind.${k}`) },
                { title: t("alliance.joinedOn"), dataIndex: "joinedOn" },
                { title: t("alliance.leftOn"), dataIndex: "leftOn", render: (d: string | null) => (d ? <Tag>{d}</Tag> : "—") },
              ]}
            />
            <AddMember allianceId={a.id} open={adding} onClose={() => setAdding(false)} />
          </Card>
        );
      }}
    </QueryState>
  );
}

function AddMember({ allianceId, open, onClose }: { allianceId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const submit = async (values: { institutionId: string; joinedOn: Dayjs }) => {
    await api(`/alliances/${allianceId}/members`, {
      method: "POST",
      body: { institutionId: values.institutionId, joinedOn: values.joinedOn.format("YYYY-MM-DD") },
    });
    await client.invalidateQueries({ queryKey: ["alliances"] });
  };
  return (
    <FormModal open={open} title={t("alliance.members")} form={form} submit={submit} onClose={onClose}>
      <Form.Item name="institutionId" label={t("institution.name")} rules={[{ required: true }]}>
        <InstitutionSelect />
      </Form.Item>
      <Form.Item name="joinedOn" label={t("alliance.joinedOn")} rules={[{ required: true }]}>
        <DatePicker style={{ width: "100%" }} />
      </Form.Item>
    </FormModal>
  );
}
