import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate } from "react-router";
import { api } from "../api.ts";
import { actsForSide, may, oversees } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import type { Answer, CoverageWarnings, Me } from "../types.ts";
import { CheckInToday, useOwnDays } from "./CheckInToday.tsx";
import { Section, type Tile, useTotal } from "./CountTile.tsx";

/**
 * Where each account starts, decided from /me's permissions (never the role's name):
 * - no institution and a region's figures to oversee: that region's dashboard (the commission);
 * - no institution otherwise: administration (accounts, audit, tokens);
 * - an institution: its work, one section per kind of record it acts on, most pressing first.
 */
export function homeOf(me: Me): "dashboard" | "administration" | "institution" {
  if (me.institutionId) return "institution";
  return oversees(me, "indicator") && me.regionCode ? "dashboard" : "administration";
}

export function HomePage() {
  const me = useMe().data;
  if (!me) return null;
  const home = homeOf(me);
  if (home === "dashboard") return <Navigate to="/dashboard" replace />;
  return home === "administration" ? <AdministrationHome me={me} /> : <InstitutionHome me={me} />;
}

function Greeting({ me, ready }: { me: Me; ready: boolean }) {
  const { t } = useTranslation();
  // home-ready marks the moment every count is on screen (tests and bench/web-homes.ts wait for it).
  return (
    <div data-testid={ready ? "home-ready" : "home-loading"}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t("home.title")}
      </Typography.Title>
      <Typography.Text type="secondary">
        {me.displayName} · {me.institutionName ?? me.regionName ?? t("institution.allRegions")}
      </Typography.Text>
    </div>
  );
}

function AdministrationHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const today = dayjs().format("YYYY-MM-DD");
  const users = useTotal("/users", {}, may(me, "read", "user"));
  const inactive = useTotal("/users", { status: "inactive" }, may(me, "read", "user"));
  const audit = useTotal("/audit", { from: today }, may(me, "read", "audit"));
  const tiles: Tile[] = [
    ...(may(me, "read", "user")
      ? [
          { id: "users", label: t("home.users"), count: users, to: "/admin/users" },
          { id: "users-inactive", label: t("home.usersInactive"), count: inactive, to: "/admin/users", query: { status: "inactive" } },
        ]
      : []),
    ...(may(me, "read", "audit") ? [{ id: "audit-today", label: t("home.auditToday"), count: audit, to: "/admin/audit", query: { from: today } }] : []),
  ];
  const ready = tiles.every((tile) => !tile.count.isPending);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Greeting me={me} ready={ready} />
      <Section
        id="administration"
        title={t("home.administration")}
        tiles={tiles}
        extra={
          may(me, "read", "indicator") && (
            <Button type="link" onClick={() => navigate("/dashboard")}>
              {t("home.openDashboard")}
            </Button>
          )
        }
      />
    </Space>
  );
}

type Board = Answer<"/compliance">;

function InstitutionHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const year = dayjs().year();
  const referrals = actsForSide(me, "referral");
  const register = may(me, "write", "chronic_patient");
  const sessions = actsForSide(me, "telemedicine_session");
  // Agreements at risk are for whoever keeps a roster or answers for the institution's side.
  const agreements = may(me, "read", "agreement") && (sessions || may(me, "write", "dispatch"));
  const warnings = may(me, "write", "dispatch") && sessions;

  const incoming = (status: string) => ({ role: "incoming", status });
  const outgoing = (status: string) => ({ role: "outgoing", status });
  const inSubmitted = useTotal("/referrals", incoming("submitted"), referrals);
  const inAccepted = useTotal("/referrals", incoming("accepted"), referrals);
  const inScheduled = useTotal("/referrals", incoming("scheduled"), referrals);
  const outSubmitted = useTotal("/referrals", outgoing("submitted"), referrals);
  const outScheduled = useTotal("/referrals", outgoing("scheduled"), referrals);
  const dueWeek = useTotal("/htn/patients", { due: "week" }, register);
  const overdue = useTotal("/htn/patients", { due: "overdue" }, register);
  const requested = useTotal("/telemedicine", { status: "requested" }, sessions);
  const proposed = useTotal("/telemedicine", { status: "proposed" }, sessions);
  const board = useQuery({
    queryKey: ["home-board", year],
    queryFn: () => api<Board>("/compliance", { query: { year } }),
    enabled: agreements,
  });
  const own = useOwnDays(!!me.practitionerId);
  const gaps = useQuery({
    queryKey: ["warnings"],
    queryFn: () => api<CoverageWarnings>("/compliance/warnings", { query: { days: 60 } }),
    enabled: warnings,
  });
  // An institution that only supports others (a supporter in its agreements, a recipient in none)
  // starts from its agreements and the telemedicine it is asked for; the others from their patients.
  const rows = board.data?.items ?? [];
  const supporter =
    rows.some((row) => row.agreement.supporters.some((s) => s.id === me.institutionId)) && !rows.some((row) => row.agreement.recipient.id === me.institutionId);

  const boardCount = (pick: (b: Board) => number) => ({ ...board, data: board.data && pick(board.data) }) as typeof inSubmitted;
  const warningCount = { ...gaps, data: gaps.data?.items.length } as typeof inSubmitted;

  const incomingTiles: Tile[] = [
    {
      id: "incoming-submitted",
      label: t("home.incomingSubmitted"),
      hint: t("home.incomingSubmittedHint"),
      count: inSubmitted,
      to: "/referrals",
      query: incoming("submitted"),
      urgent: true,
    },
    {
      id: "incoming-accepted",
      label: t("home.incomingAccepted"),
      hint: t("home.incomingAcceptedHint"),
      count: inAccepted,
      to: "/referrals",
      query: incoming("accepted"),
      urgent: true,
    },
    {
      id: "incoming-scheduled",
      label: t("home.incomingScheduled"),
      hint: t("home.incomingScheduledHint"),
      count: inScheduled,
      to: "/referrals",
      query: incoming("scheduled"),
    },
  ];
  const outgoingTiles: Tile[] = [
    {
      id: "outgoing-submitted",
      label: t("home.outgoingSubmitted"),
      hint: t("home.outgoingSubmittedHint"),
      count: outSubmitted,
      to: "/referrals",
      query: outgoing("submitted"),
    },
    {
      id: "outgoing-scheduled",
      label: t("home.outgoingScheduled"),
      hint: t("home.outgoingScheduledHint"),
      count: outScheduled,
      to: "/referrals",
      query: outgoing("scheduled"),
    },
  ];
  const registerTiles: Tile[] = [
    { id: "htn-week", label: t("home.dueThisWeek"), hint: t("home.dueThisWeekHint"), count: dueWeek, to: "/htn", query: { due: "week" }, urgent: true },
    { id: "htn-overdue", label: t("home.overdue"), hint: t("home.overdueHint"), count: overdue, to: "/htn", query: { due: "overdue" }, urgent: true },
  ];
  const agreementTiles: Tile[] = [
    ...(warnings
      ? [
          {
            id: "coverage-gaps",
            label: t("home.coverageGaps"),
            hint: t("home.coverageGapsHint"),
            count: warningCount,
            to: "/assistance/warnings",
            urgent: true,
          },
        ]
      : []),
    {
      id: "agreements-at-risk",
      label: t("home.agreementsAtRisk"),
      hint: t("home.agreementsHint", { year }),
      count: boardCount((b) => b.totals.at_risk),
      to: "/assistance/board",
      query: { year, status: "at_risk" },
      urgent: true,
    },
    {
      id: "agreements-failing",
      label: t("home.agreementsFailing"),
      hint: t("home.agreementsHint", { year }),
      count: boardCount((b) => b.totals.fail),
      to: "/assistance/board",
      query: { year, status: "fail" },
      urgent: true,
    },
  ];
  const sessionTiles: Tile[] = [
    {
      id: "telemedicine-requested",
      label: t("home.sessionsRequested"),
      hint: t("home.sessionsRequestedHint"),
      count: requested,
      to: "/outreach/telemedicine",
      query: { status: "requested" },
      urgent: true,
    },
    {
      id: "telemedicine-proposed",
      label: t("home.sessionsProposed"),
      hint: t("home.sessionsProposedHint"),
      count: proposed,
      to: "/outreach/telemedicine",
      query: { status: "proposed" },
    },
  ];

  const sections = [
    referrals && {
      key: "referrals",
      // Clinicians send patients up first; coordinators answer what comes in.
      node: (
        <Section
          key="referrals"
          id="referrals"
          title={t("home.referrals")}
          tiles={sessions ? [...incomingTiles, ...outgoingTiles] : [...outgoingTiles, ...incomingTiles.slice(0, 1)]}
          extra={<Link to="/referrals/new">{t("referral.create")}</Link>}
        />
      ),
    },
    register && { key: "register", node: <Section key="register" id="register" title={t("home.register")} tiles={registerTiles} /> },
    agreements && { key: "agreements", node: <Section key="agreements" id="agreements" title={t("home.agreements")} tiles={agreementTiles} /> },
    sessions && { key: "telemedicine", node: <Section key="telemedicine" id="telemedicine" title={t("home.telemedicine")} tiles={sessionTiles} /> },
    me.practitionerId && { key: "check-in", node: <CheckInToday key="check-in" own={own} /> },
  ].filter((s): s is { key: string; node: React.JSX.Element } => !!s);
  // Clinicians: the register before the referrals; supporters: agreements and telemedicine first.
  const first = sessions ? (supporter ? ["agreements", "telemedicine"] : ["referrals"]) : ["check-in", "register"];
  sections.sort((a, b) => rank(first, a.key) - rank(first, b.key));

  const shown: [boolean, { isPending: boolean }[]][] = [
    [referrals, [inSubmitted, inAccepted, inScheduled, outSubmitted, outScheduled]],
    [register, [dueWeek, overdue]],
    [sessions, [requested, proposed]],
    [agreements, [board]],
    [warnings, [gaps]],
    [!!me.practitionerId, [own]],
  ];
  const pending = shown.flatMap(([on, queries]) => (on ? queries : [])).some((q) => q.isPending);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Greeting me={me} ready={!pending} />
      {sections.length === 0 && <Alert type="info" showIcon message={t("home.nothing")} />}
      {sections.map((s) => s.node)}
    </Space>
  );
}

const rank = (first: string[], key: string) => {
  const at = first.indexOf(key);
  return at === -1 ? first.length : at;
};
