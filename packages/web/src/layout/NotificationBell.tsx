import { BellOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Button, Empty, List, Popover, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api } from "../api.ts";
import { formatDateTime } from "../shared/format.ts";
import type { Notifications } from "../types.ts";

/** The institution's notification centre: unread count, newest first, a click opens the referral. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const inbox = useQuery({ queryKey: ["notifications"], queryFn: () => api<Notifications>("/notifications"), refetchInterval: 30_000 });
  const open = async (n: Notifications["items"][number]) => {
    await api(`/notifications/${n.id}/read`, { method: "POST" });
    await client.invalidateQueries({ queryKey: ["notifications"] });
    if (n.referralId) navigate(`/referrals/${n.referralId}`);
  };
  const content = inbox.data?.items.length ? (
    <List
      size="small"
      style={{ width: 320, maxHeight: 360, overflow: "auto" }}
      dataSource={inbox.data.items}
      renderItem={(n) => (
        <List.Item onClick={() => open(n)} style={{ cursor: "pointer", opacity: n.read ? 0.55 : 1 }}>
          <List.Item.Meta title={n.title} description={<Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>} />
        </List.Item>
      )}
    />
  ) : (
    <Empty description={t("common.empty")} />
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight">
      <Badge count={inbox.data?.unread ?? 0} size="small">
        <Button type="text" icon={<BellOutlined />} aria-label="notifications" data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
