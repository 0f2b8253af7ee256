import { ArrowLeftOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Descriptions, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { api } from "../api.ts";
import { mayOn } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import { QueryState } from "../shared/QueryState.tsx";
import type { Practitioner } from "../types.ts";
import { PlanningCard } from "./PlanningCard.tsx";

/** One practitioner: the registry record, and the planning profile the roster planner reads. */
export function PractitionerDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const practitioner = useQuery({ queryKey: ["practitioners", id], queryFn: () => api<Practitioner>(`/practitioners/${id}`) });

  return (
    <QueryState query={practitioner}>
      {() => {
        const p = practitioner.data as Practitioner;
        const editable = mayOn(me, "write", "practitioner", { regionCode: p.regionCode, institutionIds: [p.institutionId] });
        return (
          <Space direction="vertical" size={16} style={{ width: "100%" }}>
            <Card
              title={
                <Space>
                  <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t("common.back")} />
                  <span data-testid="practitioner-name">{p.name}</span>
                  {!p.active && <Tag>{t("common.inactive")}</Tag>}
                </Space>
              }
            >
              <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
                <Descriptions.Item label={t("practitioner.profession")}>{t(`profession.${p.profession}`)}</Descriptions.Item>
                <Descriptions.Item label={t("practitioner.title")}>{t(`title.${p.title}`)}</Descriptions.Item>
                <Descriptions.Item label={t("practitioner.specialty")}>{p.specialty ?? "—"}</Descriptions.Item>
                <Descriptions.Item label={t("practitioner.licenseNo")}>{p.licenseNo ?? "—"}</Descriptions.Item>
                <Descriptions.Item label={t("practitioner.institution")} span={2}>
                  <Link to={`/institutions/${p.institutionId}`}>{p.institutionName}</Link>
                </Descriptions.Item>
                <Descriptions.Item label={t("practitioner.sites")} span={2}>
                  {p.sites.map((s) => (
                    <Tag key={s.institutionId} color={s.kind === "main" ? "blue" : "default"}>
                      {s.institutionName} · {t(`practitioner.${s.kind}`)}
                    </Tag>
                  ))}
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <PlanningCard practitionerId={p.id} editable={editable} />
          </Space>
        );
      }}
    </QueryState>
  );
}
