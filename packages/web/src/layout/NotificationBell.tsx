import { BellOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Button, Drawer, Empty, List, Popover, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api } from "../api.ts";
import { formatDateTime } from "../shared/format.ts";
import { usePhone } from "../shared/ResponsiveTable.tsx";
import type { Notifications } from "../types.ts";

/** The institution's notification centre: unread count, newest first, a click opens the referral or the telemedicine list. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  // A popover on a desktop; on a phone a drawer over the whole width, so nothing hangs off the screen.
  const phone = usePhone();
  const [shown, setShown] = useState(false);
  const inbox = useQuery({ queryKey: ["notifications"], queryFn: () => api<Notifications>("/notifications"), refetchInterval: 30_000 });
  const open = async (n: Notifications["items"][number]) => {
    setShown(false);
    await api(`/notifications/${n.id}/read`, { method: "POST" });
    await client.invalidateQueries({ queryKey: ["notifications"] });
    if (n.referralId) navigate(`/referrals/${n.referralId}`);
    else if (n.kind.startsWith("telemedicine_")) navigate("/outreach/telemedicine");
  };
  const content = inbox.data?.items.length ? (
    <List
      size="small"
      // Two-line rows: the title (wrapping, never cut), then the time.
      style={phone ? undefined : { width: 340, maxHeight: 420, overflow: "auto" }}
      dataSource={inbox.data.items}
      data-testid="notification-list"
      renderItem={(n) => (
        <List.Item onClick={() => open(n)} style={{ cursor: "pointer", opacity: n.read ? 0.55 : 1, paddingInline: 4 }} data-testid="notification-item">
          <List.Item.Meta
            title={t(`notificationKind.${n.kind}`, { defaultValue: n.title })}
            description={<Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>}
          />
        </List.Item>
      )}
    />
  ) : (
    <Empty description={t("common.empty")} />
  );
  const bell = (
    <Badge count={inbox.data?.unread ?? 0} size="small">
      <Button
        type="text"
        icon={<BellOutlined />}
        aria-label={t("phone.notifications")}
        onClick={() => phone && setShown(true)}
        data-testid="notification-bell"
      />
    </Badge>
  );
  if (phone)
    return (
      <>
        {bell}
        <Drawer
          open={shown}
          onClose={() => setShown(false)}
          placement="right"
          size="100%"
          title={t("phone.notifications")}
          styles={{ body: { padding: "0 12px" } }}
        >
          {content}
        </Drawer>
      </>
    );
  return (
    <Popover content={content} trigger="click" placement="bottomRight" open={shown} onOpenChange={setShown}>
      {bell}
    </Popover>
  );
}
