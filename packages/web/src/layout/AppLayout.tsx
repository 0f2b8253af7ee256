import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  CarOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  DeploymentUnitOutlined,
  FieldTimeOutlined,
  FormOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  ProfileOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SendOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  TranslationOutlined,
  TrophyOutlined,
  UserOutlined,
  VideoCameraOutlined,
  WarningOutlined,
} from "@ant-design/icons";
import type { Entity } from "@medbridge/core";
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography } from "antd";
import type { ItemType } from "antd/es/menu/interface";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation, useNavigate } from "react-router";
import { actsForSide, may, oversees } from "../auth/permissions.ts";
import { useMe, useSignOut } from "../auth/session.ts";
import { switchLanguage } from "../i18n.ts";
import "../shared/phone.css";
import { NotificationBell } from "./NotificationBell.tsx";

export function AppLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe().data;
  const signOut = useSignOut();
  const screens = Grid.useBreakpoint();
  // Below lg the menu is a drawer opened from the header; below md the header keeps only icons.
  const narrow = screens.lg === false;
  const phone = screens.md === false;
  const [drawer, setDrawer] = useState(false);
  if (!me) return null;
  const can = (entity: Entity) => may(me, "read", entity);

  // Later capabilities (assistance, referral, outreach, CDS, monitoring) add their groups here.
  const items: ItemType[] = [
    // Each role's own start (home/HomePage.tsx); the commissions' is their region's dashboard.
    { key: "/", icon: <HomeOutlined />, label: t("menu.home") },
    ...(can("indicator")
      ? [
          {
            key: "monitoring",
            label: t("menu.monitoring"),
            type: "group" as const,
            children: [{ key: "/dashboard", icon: <DashboardOutlined />, label: t("menu.dashboard") }],
          },
        ]
      : []),
    {
      key: "registry",
      label: t("menu.registry"),
      type: "group",
      children: [
        { key: "/institutions", icon: <BankOutlined />, label: t("menu.institutions") },
        { key: "/alliances", icon: <ApartmentOutlined />, label: t("menu.alliances") },
        ...(can("practitioner") ? [{ key: "/practitioners", icon: <TeamOutlined />, label: t("menu.practitioners") }] : []),
      ],
    },
    ...(me.institutionId && may(me, "write", "referral")
      ? [
          {
            key: "referral",
            label: t("referral.menu"),
            type: "group" as const,
            children: [
              { key: "/referrals", icon: <SwapOutlined />, label: t("referral.worklist") },
              { key: "/referrals/new", icon: <SendOutlined />, label: t("referral.create") },
              { key: "/referrals/pool", icon: <CalendarOutlined />, label: t("referral.pool") },
            ],
          },
        ]
      : []),
    ...(me.institutionId && may(me, "write", "chronic_patient")
      ? [{ key: "htn", label: t("htn.menu"), type: "group" as const, children: [{ key: "/htn", icon: <HeartOutlined />, label: t("htn.register") }] }]
      : []),
    // The patient index: a lookup for staff who may read patients, the index's counts for the commissions.
    ...(may(me, "read", "patient") || oversees(me, "count")
      ? [
          {
            key: "patients",
            label: t("patient.group"),
            type: "group" as const,
            children: [{ key: "/patients", icon: <IdcardOutlined />, label: t("patient.index") }],
          },
        ]
      : []),
    {
      key: "outreach",
      label: t("outreach.menu"),
      type: "group",
      children: [
        { key: "/outreach/telemedicine", icon: <VideoCameraOutlined />, label: t("outreach.telemedicine") },
        { key: "/outreach/calendar", icon: <ScheduleOutlined />, label: t("outreach.calendar") },
        { key: "/outreach/capacity", icon: <RiseOutlined />, label: t("outreach.capacity") },
        // Compliance is a regional figure: the commissions see it (coordinators see visits in their calendar).
        ...(oversees(me, "outreach") ? [{ key: "/outreach/touring", icon: <CarOutlined />, label: t("outreach.touring") }] : []),
      ],
    },
    {
      key: "assistance",
      label: t("assistance.menu"),
      type: "group",
      children: [
        ...(can("agreement") ? [{ key: "/assistance/board", icon: <SafetyCertificateOutlined />, label: t("assistance.board") }] : []),
        { key: "/assistance/agreements", icon: <SolutionOutlined />, label: t("assistance.agreements") },
        // Coverage gaps are for whoever can mend a roster.
        ...(may(me, "write", "dispatch") ? [{ key: "/assistance/warnings", icon: <WarningOutlined />, label: t("assistance.warnings") }] : []),
        // The planners: a roster for whoever may plan one (a coordinator their own hospital's); pairings are the commissions'.
        ...(may(me, "write", "plan") ? [{ key: "/assistance/plans/roster", icon: <FieldTimeOutlined />, label: t("plan.rosterMenu") }] : []),
        ...(oversees(me, "plan") ? [{ key: "/assistance/plans/pairing", icon: <DeploymentUnitOutlined />, label: t("plan.pairingMenu") }] : []),
        // The months to sign off: the recipient's coordinator confirms; both sides' coordinators and officials read.
        ...(actsForSide(me, "attendance") || oversees(me, "agreement")
          ? [{ key: "/assistance/work-months", icon: <CarryOutOutlined />, label: t("workLog.monthsMenu") }]
          : []),
        ...(me.practitionerId
          ? [
              { key: "/assistance/check-in", icon: <CheckSquareOutlined />, label: t("assistance.checkIn") },
              { key: "/assistance/work-log", icon: <FormOutlined />, label: t("workLog.menu") },
              { key: `/assistance/credit/${me.practitionerId}`, icon: <TrophyOutlined />, label: t("assistance.credit") },
            ]
          : []),
        { key: "/assistance/packs", icon: <ProfileOutlined />, label: t("assistance.packs") },
      ],
    },
    ...(can("user") || can("audit") || can("api_token")
      ? [
          {
            key: "admin",
            label: t("menu.admin"),
            type: "group" as const,
            children: [
              ...(can("user") ? [{ key: "/admin/users", icon: <UserOutlined />, label: t("menu.users") }] : []),
              ...(can("api_token") ? [{ key: "/admin/tokens", icon: <KeyOutlined />, label: t("menu.tokens") }] : []),
              ...(can("audit") ? [{ key: "/admin/audit", icon: <AuditOutlined />, label: t("menu.audit") }] : []),
            ],
          },
        ]
      : []),
  ];
  // A page's menu entry is its first path segments: /admin/users, /assistance/board, /referrals/new.
  const parts = location.pathname.split("/").filter(Boolean);
  const depth =
    parts[0] === "admin" || parts[0] === "assistance" || parts[0] === "outreach"
      ? parts[1] === "credit" || parts[1] === "plans"
        ? 3
        : 2
      : parts[0] === "referrals" && (parts[1] === "new" || parts[1] === "pool")
        ? 2
        : 1;
  const selected = `/${parts.slice(0, depth).join("/")}`;
  const scope = me.institutionName ?? me.regionName ?? t("institution.allRegions");

  const brand = (
    <div style={{ padding: "18px 20px 12px" }}>
      <Typography.Title level={4} style={{ margin: 0, color: "#0b6e6e" }}>
        {t("app.name")}
      </Typography.Title>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("app.subtitle")}
      </Typography.Text>
    </div>
  );
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      items={items}
      onClick={({ key }) => {
        setDrawer(false);
        navigate(key);
      }}
      style={{ borderInlineEnd: 0 }}
      data-testid="main-menu"
    />
  );
  const who = `${me.displayName} · ${t(`role.${me.role}`)} · ${scope}`;

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {narrow ? (
        <Drawer
          open={drawer}
          onClose={() => setDrawer(false)}
          placement="left"
          size={260}
          closable={false}
          styles={{ body: { padding: 0 } }}
          data-testid="menu-drawer"
        >
          {brand}
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider width={220} theme="light" style={{ borderRight: "1px solid #f0f0f0" }}>
          {brand}
          {menu}
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: "#fff",
            padding: phone ? "0 8px 0 4px" : "0 24px",
            display: "flex",
            justifyContent: "space-between",
            alignItems: "center",
            gap: 8,
            borderBottom: "1px solid #f0f0f0",
          }}
        >
          <Space size={4} style={{ minWidth: 0 }}>
            {narrow && (
              <>
                <Button type="text" icon={<MenuOutlined />} aria-label={t("phone.menu")} onClick={() => setDrawer(true)} data-testid="menu-toggle" />
                <Typography.Text strong style={{ color: "#0b6e6e", fontSize: 16, whiteSpace: "nowrap" }}>
                  {t("app.name")}
                </Typography.Text>
              </>
            )}
          </Space>
          <Space size={phone ? 4 : "middle"} style={{ minWidth: 0 }}>
            {me.institutionId && <NotificationBell />}
            <Button icon={<TranslationOutlined />} type="text" onClick={switchLanguage} data-testid="lang-switch">
              {t("common.language")}
            </Button>
            <Dropdown
              trigger={["click"]}
              menu={{
                items: [
                  ...(phone ? [{ key: "who", label: who, disabled: true }, { type: "divider" as const }] : []),
                  { key: "logout", icon: <LogoutOutlined />, label: t("common.logout") },
                ],
                onClick: async ({ key }) => {
                  if (key !== "logout") return;
                  await signOut();
                  navigate("/login");
                },
              }}
            >
              <Space style={{ cursor: "pointer", minWidth: 0 }} data-testid="user-menu" aria-label={phone ? t("phone.userMenu") : undefined} role="button">
                <Avatar style={{ background: "#0b6e6e" }} icon={<UserOutlined />} />
                {!phone && <span style={{ whiteSpace: "nowrap" }}>{who}</span>}
              </Space>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="mb-content" style={{ padding: phone ? 12 : 24, background: "#f5f7fa", minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
