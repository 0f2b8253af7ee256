import { BranchesOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { may } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";

/** "就诊路径 / Path": to the person's path, for those who may read it (clinicians), when the record is in the index. */
export function PathLink({ patientId }: { patientId: string | null | undefined }) {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!patientId || !may(me, "read", "patient_path")) return null;
  return (
    <Link to={`/patients/${patientId}/path`} data-testid="path-link" style={{ fontWeight: "normal", fontSize: 14 }}>
      <BranchesOutlined /> {t("patient.pathLink")}
    </Link>
  );
}
