import type { Entity } from "@medbridge/core";
import { Result, Spin } from "antd";
import { type ComponentType, lazy, type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { LoginPage } from "./auth/LoginPage.tsx";
import { actsForSide, may, oversees } from "./auth/permissions.ts";
import { useMe } from "./auth/session.ts";
import type { Me } from "./types.ts";

/**
 * Each page is its own chunk, fetched when its route is first opened (the login page and the
 * frame load nothing else; the dashboard alone brings the map's d3-geo, and its shapes come from
 * /geo when it draws). A spinner holds the page's place meanwhile.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Lazy = lazy(() => load().then((module) => ({ default: module[name] as ComponentType })));
  return function Page() {
    return (
      <Suspense fallback={<Spin style={{ display: "block", margin: "80px auto" }} />}>
        <Lazy />
      </Suspense>
    );
  };
}

// The signed-in frame (menu, header, notifications) is a chunk of its own too: the login page needs none of it.
const AppLayout = lazy(() => import("./layout/AppLayout.tsx").then((module) => ({ default: module.AppLayout })));
const ChangePasswordPage = lazy(() => import("./auth/ChangePasswordPage.tsx").then((module) => ({ default: module.ChangePasswordPage })));
const HomePage = page(() => import("./home/HomePage.tsx"), "HomePage");
const AuditPage = page(() => import("./admin/AuditPage.tsx"), "AuditPage");
const TokensPage = page(() => import("./admin/TokensPage.tsx"), "TokensPage");
const UsersPage = page(() => import("./admin/UsersPage.tsx"), "UsersPage");
const AgreementDetailPage = page(() => import("./assistance/AgreementDetailPage.tsx"), "AgreementDetailPage");
const AgreementsPage = page(() => import("./assistance/AgreementsPage.tsx"), "AgreementsPage");
const BoardPage = page(() => import("./assistance/BoardPage.tsx"), "BoardPage");
const CheckInPage = page(() => import("./assistance/CheckInPage.tsx"), "CheckInPage");
const WorkLogPage = page(() => import("./assistance/WorkLogPage.tsx"), "WorkLogPage");
const WorkMonthsPage = page(() => import("./assistance/WorkMonthsPage.tsx"), "WorkMonthsPage");
const PacksPage = page(() => import("./assistance/PacksPage.tsx"), "PacksPage");
const PairingPlanPage = page(() => import("./assistance/PairingPlanPage.tsx"), "PairingPlanPage");
const RosterPlanPage = page(() => import("./assistance/RosterPlanPage.tsx"), "RosterPlanPage");
const ServiceCreditPage = page(() => import("./assistance/ServiceCreditPage.tsx"), "ServiceCreditPage");
const WarningsPage = page(() => import("./assistance/WarningsPage.tsx"), "WarningsPage");
const WorkMonthPage = page(() => import("./assistance/WorkMonthPage.tsx"), "WorkMonthPage");
const PatientPage = page(() => import("./hypertension/PatientPage.tsx"), "PatientPage");
const RegisterPage = page(() => import("./hypertension/RegisterPage.tsx"), "RegisterPage");
const DashboardPage = page(() => import("./monitoring/DashboardPage.tsx"), "DashboardPage");
const CalendarPage = page(() => import("./outreach/CalendarPage.tsx"), "CalendarPage");
const CapacityPage = page(() => import("./outreach/CapacityPage.tsx"), "CapacityPage");
const TelemedicinePage = page(() => import("./outreach/TelemedicinePage.tsx"), "TelemedicinePage");
const TouringPage = page(() => import("./outreach/TouringPage.tsx"), "TouringPage");
const PatientIndexPage = page(() => import("./patients/IndexPage.tsx"), "PatientIndexPage");
const PatientPathPage = page(() => import("./patients/PathPage.tsx"), "PatientPathPage");
const NewReferralPage = page(() => import("./referral/NewReferralPage.tsx"), "NewReferralPage");
const PoolPage = page(() => import("./referral/PoolPage.tsx"), "PoolPage");
const ReferralDetailPage = page(() => import("./referral/ReferralDetailPage.tsx"), "ReferralDetailPage");
const WorklistPage = page(() => import("./referral/WorklistPage.tsx"), "WorklistPage");
const AllianceDetailPage = page(() => import("./registry/AllianceDetailPage.tsx"), "AllianceDetailPage");
const AlliancesPage = page(() => import("./registry/AlliancesPage.tsx"), "AlliancesPage");
const InstitutionDetailPage = page(() => import("./registry/InstitutionDetailPage.tsx"), "InstitutionDetailPage");
const InstitutionsPage = page(() => import("./registry/InstitutionsPage.tsx"), "InstitutionsPage");
const PractitionersPage = page(() => import("./registry/PractitionersPage.tsx"), "PractitionersPage");
const PractitionerDetailPage = page(() => import("./registry/PractitionerDetailPage.tsx"), "PractitionerDetailPage");

function RequireSignIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Spin fullscreen />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // A password someone else set is replaced before anything else opens (the server insists too).
  return <Suspense fallback={<Spin fullscreen />}>{me.data.mustChangePassword ? <ChangePasswordPage /> : children}</Suspense>;
}

/**
 * Pages of an area the role may never use answer 403 instead of an empty, failing table: by
 * default when the policy gives no read of `entity`; `when` names another condition from /me
 * (a worklist needs an institution side, the check-in a stationed practitioner).
 */
function Allowed({ entity, when, children }: { entity?: Entity; when?: (me: Me) => boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const allowed = !!me && (entity === undefined || may(me, "read", entity)) && (when === undefined || when(me));
  if (!allowed) return <Result status="403" title="403" subTitle={t("common.forbidden")} data-testid="forbidden" />;
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
        <Route index element={<HomePage />} />
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
          path="/practitioners/:id"
          element={
            <Allowed entity="practitioner">
              <PractitionerDetailPage />
            </Allowed>
          }
        />
        <Route
          path="/referrals"
          element={
            // A worklist is an institution's side of its referrals (the national admin reads single ones for support).
            <Allowed when={(me) => actsForSide(me, "referral")}>
              <WorklistPage />
            </Allowed>
          }
        />
        <Route
          path="/referrals/new"
          element={
            <Allowed when={(me) => actsForSide(me, "referral") && may(me, "write", "referral")}>
              <NewReferralPage />
            </Allowed>
          }
        />
        <Route
          path="/referrals/pool"
          element={
            <Allowed entity="reserved_pool">
              <PoolPage />
            </Allowed>
          }
        />
        <Route
          path="/referrals/:id"
          element={
            <Allowed entity="referral">
              <ReferralDetailPage />
            </Allowed>
          }
        />
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
        <Route
          path="/dashboard"
          element={
            <Allowed entity="indicator">
              <DashboardPage />
            </Allowed>
          }
        />
        <Route
          path="/outreach/telemedicine"
          element={
            <Allowed entity="outreach">
              <TelemedicinePage />
            </Allowed>
          }
        />
        <Route
          path="/outreach/calendar"
          element={
            <Allowed entity="outreach">
              <CalendarPage />
            </Allowed>
          }
        />
        <Route
          path="/outreach/touring"
          element={
            // Touring compliance is a regional figure: the commissions' (coordinators see visits in their calendar).
            <Allowed when={(me) => oversees(me, "outreach")}>
              <TouringPage />
            </Allowed>
          }
        />
        <Route
          path="/outreach/capacity"
          element={
            <Allowed entity="outreach">
              <CapacityPage />
            </Allowed>
          }
        />
        <Route
          path="/assistance/board"
          element={
            <Allowed entity="agreement">
              <BoardPage />
            </Allowed>
          }
        />
        <Route
          path="/assistance/agreements"
          element={
            <Allowed entity="agreement">
              <AgreementsPage />
            </Allowed>
          }
        />
        <Route
          path="/assistance/agreements/:id"
          element={
            <Allowed entity="agreement">
              <AgreementDetailPage />
            </Allowed>
          }
        />
        <Route
          path="/assistance/warnings"
          element={
            // Coverage gaps are for whoever can mend a roster.
            <Allowed when={(me) => may(me, "read", "agreement") && may(me, "write", "dispatch")}>
              <WarningsPage />
            </Allowed>
          }
        />
        <Route
          path="/assistance/plans/roster"
          element={
            // Whoever may write a plan: a coordinator for their own hospital, the commissions for the supporters in their region.
            <Allowed when={(me) => may(me, "write", "plan")}>
              <RosterPlanPage />
            </Allowed>
          }
        />
        <Route
          path="/assistance/plans/pairing"
          element={
            // Pairing is a regional decision: the commissions' (and the national admin's for the nation).
            <Allowed when={(me) => oversees(me, "plan")}>
              <PairingPlanPage />
            </Allowed>
          }
        />
        <Route
          path="/assistance/work-log"
          element={
            // One's own work log: an account linked to a stationed practitioner.
            <Allowed when={(me) => !!me.practitionerId}>
              <WorkLogPage />
            </Allowed>
          }
        />
        <Route
          path="/assistance/work-months"
          element={
            <Allowed entity="agreement">
              <WorkMonthsPage />
            </Allowed>
          }
        />
        <Route
          path="/assistance/check-in"
          element={
            // One's own check-in: an account linked to a stationed practitioner.
            <Allowed when={(me) => !!me.practitionerId}>
              <CheckInPage />
            </Allowed>
          }
        />
        <Route
          path="/assistance/packs"
          element={
            <Allowed entity="rule_pack">
              <PacksPage />
            </Allowed>
          }
        />
        <Route
          path="/assistance/work-months/:agreementId/:practitionerId/:month"
          element={
            <Allowed entity="agreement">
              <WorkMonthPage />
            </Allowed>
          }
        />
        <Route
          path="/assistance/credit/:id"
          element={
            <Allowed entity="practitioner">
              <ServiceCreditPage />
            </Allowed>
          }
        />
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
