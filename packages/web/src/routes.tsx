import type { Entity } from "@medbridge/core";
import { Result, Spin } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { AuditPage } from "./admin/AuditPage.tsx";
import { TokensPage } from "./admin/TokensPage.tsx";
import { UsersPage } from "./admin/UsersPage.tsx";
import { AgreementDetailPage } from "./assistance/AgreementDetailPage.tsx";
import { AgreementsPage } from "./assistance/AgreementsPage.tsx";
import { BoardPage } from "./assistance/BoardPage.tsx";
import { CheckInPage } from "./assistance/CheckInPage.tsx";
import { PacksPage } from "./assistance/PacksPage.tsx";
import { ServiceCreditPage } from "./assistance/ServiceCreditPage.tsx";
import { WarningsPage } from "./assistance/WarningsPage.tsx";
import { ChangePasswordPage } from "./auth/ChangePasswordPage.tsx";
import { LoginPage } from "./auth/LoginPage.tsx";
import { may } from "./auth/permissions.ts";
import { useMe } from "./auth/session.ts";
import { PatientPage } from "./hypertension/PatientPage.tsx";
import { RegisterPage } from "./hypertension/RegisterPage.tsx";
import { AppLayout } from "./layout/AppLayout.tsx";
import { DashboardPage } from "./monitoring/DashboardPage.tsx";
import { CalendarPage } from "./outreach/CalendarPage.tsx";
import { CapacityPage } from "./outreach/CapacityPage.tsx";
import { TelemedicinePage } from "./outreach/TelemedicinePage.tsx";
import { TouringPage } from "./outreach/TouringPage.tsx";
import { PatientIndexPage } from "./patients/IndexPage.tsx";
import { PatientPathPage } from "./patients/PathPage.tsx";
import { NewReferralPage } from "./referral/NewReferralPage.tsx";
import { PoolPage } from "./referral/PoolPage.tsx";
import { ReferralDetailPage } from "./referral/ReferralDetailPage.tsx";
import { WorklistPage } from "./referral/WorklistPage.tsx";
import { AllianceDetailPage } from "./registry/AllianceDetailPage.tsx";
import { AlliancesPage } from "./registry/AlliancesPage.tsx";
import { InstitutionDetailPage } from "./registry/InstitutionDetailPage.tsx";
import { InstitutionsPage } from "./registry/InstitutionsPage.tsx";
import { PractitionersPage } from "./registry/PractitionersPage.tsx";

function RequireSignIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Spin fullscreen />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // A password someone else set is replaced before anything else opens (the server insists too).
  if (me.data.mustChangePassword) return <ChangePasswordPage />;
  return <>{children}</>;
}

/** Pages of an area the role may never use answer 403 instead of an empty, failing table. */
function Allowed({ entity, children }: { entity: Entity; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!may(me, "read", entity)) return <Result status="403" title="403" subTitle={t("common.forbidden")} />;
  return <>{children}</>;
}

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title="404" subTitle={t("common.notFound")} />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireSignIn>
            <AppLayout />
          </RequireSignIn>
        }
      >
        <Route index element={<Navigate to="/institutions" replace />} />
        <Route path="/institutions" element={<InstitutionsPage />} />
        <Route path="/institutions/:id" element={<InstitutionDetailPage />} />
        <Route path="/alliances" element={<AlliancesPage />} />
        <Route path="/alliances/:id" element={<AllianceDetailPage />} />
        <Route
          path="/practitioners"
          element={
            <Allowed entity="practitioner">
              <PractitionersPage />
            </Allowed>
          }
        />
        <Route
          path="/referrals"
          element={
            <Allowed entity="referral">
              <WorklistPage />
            </Allowed>
          }
        />
        <Route path="/referrals/new" element={<NewReferralPage />} />
        <Route path="/referrals/pool" element={<PoolPage />} />
        <Route path="/referrals/:id" element={<ReferralDetailPage />} />
        <Route
          path="/htn"
          element={
            <Allowed entity="chronic_patient">
              <RegisterPage />
            </Allowed>
          }
        />
        <Route
          path="/htn/:id"
          element={
            <Allowed entity="chronic_patient">
              <PatientPage />
            </Allowed>
          }
        />
        {/* The index decides itself what to show: a lookup for staff who may read patients, counts for officials. */}
        <Route path="/patients" element={<PatientIndexPage />} />
        <Route
          path="/patients/:id/path"
          element={
            <Allowed entity="patient_path">
              <PatientPathPage />
            </Allowed>
          }
        />
        <Route path="/dashboard" element={<DashboardPage />} />
        <Route path="/outreach/telemedicine" element={<TelemedicinePage />} />
        <Route path="/outreach/calendar" element={<CalendarPage />} />
        <Route path="/outreach/touring" element={<TouringPage />} />
        <Route path="/outreach/capacity" element={<CapacityPage />} />
        <Route path="/assistance/board" element={<BoardPage />} />
        <Route path="/assistance/agreements" element={<AgreementsPage />} />
        <Route path="/assistance/agreements/:id" element={<AgreementDetailPage />} />
        <Route path="/assistance/warnings" element={<WarningsPage />} />
        <Route path="/assistance/check-in" element={<CheckInPage />} />
        <Route path="/assistance/packs" element={<PacksPage />} />
        <Route path="/assistance/credit/:id" element={<ServiceCreditPage />} />
        <Route
          path="/admin/users"
          element={
            <Allowed entity="user">
              <UsersPage />
            </Allowed>
          }
        />
        <Route
          path="/admin/tokens"
          element={
            <Allowed entity="api_token">
              <TokensPage />
            </Allowed>
          }
        />
        <Route
          path="/admin/audit"
          element={
            <Allowed entity="audit">
              <AuditPage />
            </Allowed>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
