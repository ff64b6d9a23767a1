import { BellOutlined, SettingOutlined } from "@ant-design/icons";
import { useNavigate } from "@tanstack/react-router";
import { Badge, Button, Empty, Flex, List, Popover, Tooltip, Typography, theme } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import type { Notification } from "../../../../shared/schemas/notifications";
import { RelativeTime } from "../../components/date-time";
import { useShowError } from "../../lib/errors";
import { useMarkNotificationsRead, useNotifications } from "./notifications.api";

const HandoverDataSchema = z.object({ customerIds: z.array(z.string()) });
const MentionDataSchema = z.object({ commentId: z.string() });

type Target =
  | { to: "/customers/$id"; params: { id: string }; hash?: string }
  | { to: "/tasks/$id"; params: { id: string }; hash?: string }
  | { to: "/meetings/$id"; params: { id: string } }
  | { to: "/orders/$id"; params: { id: string } }
  | { to: "/quotations/$id"; params: { id: string } }
  | { to: "/customers/import"; search: { id: string } }
  | { to: "/customers"; search: { scope: "mine" } };

// Where a notification leads: the task, meeting, order, quotation or customer it is about (a mention,
// to the comment itself), the import it reports, or (a handover of many customers) my customers.
function targetOf(notification: Notification): Target | undefined {
  const { entityType, entityId } = notification;
  const mention = MentionDataSchema.safeParse(notification.data);
  const hash = mention.success ? `comment-${mention.data.commentId}` : undefined;
  if (entityType === "task" && entityId) return { to: "/tasks/$id", params: { id: entityId }, hash };
  if (entityType === "meeting" && entityId) return { to: "/meetings/$id", params: { id: entityId } };
  if (entityType === "order" && entityId) return { to: "/orders/$id", params: { id: entityId } };
  if (entityType === "quotation" && entityId) return { to: "/quotations/$id", params: { id: entityId } };
  if (entityType === "customer" && entityId) return { to: "/customers/$id", params: { id: entityId }, hash };
  if (entityType === "import" && entityId) return { to: "/customers/import", search: { id: entityId } };
  if (HandoverDataSchema.safeParse(notification.data).success)
    return { to: "/customers", search: { scope: "mine" } };
  return undefined;
}

function NotificationList({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const notifications = useNotifications();
  const markRead = useMarkNotificationsRead();
  const showError = useShowError();
  const items = notifications.data?.items ?? [];
  const unread = notifications.data?.unreadCount ?? 0;

  const open = (notification: Notification) => {
    if (!notification.readAt) markRead.mutate([notification.id], { onError: (error) => showError(error) });
    const target = targetOf(notification);
    if (target) {
      onNavigate();
      void navigate(target);
    }
  };

  return (
    <Flex vertical style={{ width: 360, maxWidth: "calc(100vw - 32px)" }}>
      <Flex justify="space-between" align="center" style={{ paddingBottom: 8 }}>
        <Typography.Text strong>{t("notifications.title")}</Typography.Text>
        <Flex align="center">
          <Button
            type="link"
            size="small"
            disabled={unread === 0}
            loading={markRead.isPending}
            onClick={() => markRead.mutate(undefined, { onError: (error) => showError(error) })}
          >
            {t("notifications.markAllRead")}
          </Button>
          <Tooltip title={t("notificationSettings.title")}>
            <Button
              type="text"
              size="small"
              icon={<SettingOutlined />}
              aria-label={t("notificationSettings.title")}
              onClick={() => {
                onNavigate();
                void navigate({ to: "/profile/notifications" });
              }}
            />
          </Tooltip>
        </Flex>
      </Flex>
      <List
        size="small"
        loading={notifications.isPending}
        dataSource={items}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("notifications.empty")} />,
        }}
        style={{ maxHeight: 420, overflowY: "auto" }}
        renderItem={(notification) => (
          <List.Item
            key={notification.id}
            onClick={() => open(notification)}
            style={{
              cursor: "pointer",
              paddingInline: 8,
              background: notification.readAt ? undefined : token.colorPrimaryBg,
              borderRadius: token.borderRadiusSM,
            }}
            extra={
              notification.readAt ? null : (
                <Button
                  type="text"
                  size="small"
                  onClick={(event) => {
                    // Only marks it read; opening it is the click on the item itself.
                    event.stopPropagation();
                    markRead.mutate([notification.id], { onError: (error) => showError(error) });
                  }}
                >
                  {t("notifications.markRead")}
                </Button>
              )
            }
          >
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`notifications.types.${notification.type}`)} ·{" "}
                <RelativeTime value={notification.createdAt} />
              </Typography.Text>
              <Typography.Text strong={!notification.readAt}>{notification.title}</Typography.Text>
              {notification.body ? (
                <Typography.Text type="secondary">{notification.body}</Typography.Text>
              ) : null}
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const notifications = useNotifications();
  const [open, setOpen] = useState(false);
  const unread = notifications.data?.unreadCount ?? 0;
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      content={<NotificationList onNavigate={() => setOpen(false)} />}
    >
      <Button
        type="text"
        aria-label={unread > 0 ? t("notifications.labelUnread", { count: unread }) : t("notifications.title")}
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 16 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
