import { BranchesOutlined, MergeCellsOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Col, Empty, Result, Row, Space, Statistic, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api } from "../api.ts";
import { may, oversees } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import type { Answer } from "../types.ts";
import { LookupForm, type LookupOutcome, lookUp, PatientDescriptions } from "./Lookup.tsx";
import { MergeList, MergeModal } from "./Merge.tsx";

/**
 * 患者索引: find a person your institution has treated by ID number or local identifier, open
 * their path (clinicians), merge duplicate records (coordinators). Officials see counts only.
 */
export function PatientIndexPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const client = useQueryClient();
  const [outcome, setOutcome] = useState<LookupOutcome | null>(null);
  const [merging, setMerging] = useState(false);
  const canLookUp = may(me, "read", "patient");
  const showCounts = oversees(me, "count");
  if (!canLookUp && !showCounts) return <Result status="403" title="403" subTitle={t("common.forbidden")} />;

  // After a merge or an undo the same number may lead to another record: ask again (the number is still only in memory).
  const refresh = async () => {
    if (outcome) setOutcome({ body: outcome.body, patient: await lookUp(outcome.body) });
    await client.invalidateQueries({ queryKey: ["patient-merges"] });
  };
  const patient = outcome?.patient ?? null;

  return (
    <Space direction="vertical" size={16} style={{ width: "100%", maxWidth: 960 }}>
      {showCounts && <CountsCard />}
      {canLookUp && (
        <Card title={t("patient.index")}>
          <LookupForm testId="patient-lookup" onResult={setOutcome} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 13 }}>
            {t("patient.lookupHint")}
          </Typography.Paragraph>
        </Card>
      )}
      {outcome && !patient && (
        <Card data-testid="patient-not-found">
          <Empty description={<Typography.Text strong>{t("patient.notFound")}</Typography.Text>}>
            <Typography.Text type="secondary">{t("patient.notFoundHint")}</Typography.Text>
          </Empty>
        </Card>
      )}
      {patient && (
        <Card title={patient.name} data-testid="patient-result">
          <Space direction="vertical" size={16} style={{ width: "100%" }}>
            <PatientDescriptions patient={patient} />
            <Space wrap>
              {may(me, "read", "patient_path") && (
                <Button type="primary" icon={<BranchesOutlined />} onClick={() => navigate(`/patients/${patient.id}/path`)} data-testid="patient-view-path">
                  {t("patient.viewPath")}
                </Button>
              )}
              {may(me, "write", "patient") && (
                <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)} data-testid="patient-merge">
                  {t("patient.merge")}
                </Button>
              )}
            </Space>
            <MergeList patientId={patient.id} canUndo={may(me, "write", "patient")} onChanged={refresh} />
          </Space>
          <MergeModal source={patient} open={merging} onClose={() => setMerging(false)} onMerged={refresh} />
        </Card>
      )}
    </Space>
  );
}

/** How many people the index holds in the official's region: counts, never persons. */
function CountsCard() {
  const { t } = useTranslation();
  const me = useMe().data;
  const counts = useQuery({ queryKey: ["patient-counts"], queryFn: () => api<Answer<"/patients/counts">>("/patients/counts") });
  const scope = me?.institutionName ?? me?.regionName ?? t("institution.allRegions");
  return (
    <Card title={t("patient.counts")} size="small" loading={counts.isPending} data-testid="patient-counts">
      {counts.error ? (
        <Typography.Text type="danger">{(counts.error as Error).message}</Typography.Text>
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={8}>
              <Statistic title={t("patient.countsPatients")} value={counts.data?.patients ?? 0} />
            </Col>
            <Col xs={8}>
              <Statistic title={t("patient.countsAcross")} value={counts.data?.acrossInstitutions ?? 0} />
            </Col>
            <Col xs={8}>
              <Statistic title={t("patient.countsLocal")} value={counts.data?.localIdentifiers ?? 0} />
            </Col>
          </Row>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("patient.countsNote", { scope })}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}
