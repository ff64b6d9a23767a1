import { InfoCircleOutlined } from "@ant-design/icons";
import { Alert, Card, Flex, Skeleton, Switch, Table, type TableColumnsType, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Permission } from "../../../../shared/permissions";
import {
  NOTIFICATION_TYPES,
  type NotificationPreference,
  type NotificationType,
} from "../../../../shared/schemas/notifications";
import { PageHeader } from "../../components/page-header";
import { errorMessage, useShowError } from "../../lib/errors";
import { useMe } from "../session/me-context";
import { useNotificationPreferences, useUpdateNotificationPreferences } from "./notifications.api";

// Who can receive each kind at all: the others are not offered (a rep gets no approval requests).
const PERMISSION_OF: Record<NotificationType, Permission> = {
  assigned: "tasks.read",
  mentioned: "comments.read",
  task_due_soon: "tasks.read",
  task_overdue: "tasks.read",
  escalated: "tasks.read",
  task_completed: "tasks.read",
  pool_release_soon: "customers.write",
  pool_released: "customers.write",
  customer_claimed: "customers.read",
  customer_transferred_to_you: "customers.write",
  customer_transferred_from_you: "customers.write",
  import_finished: "customers.import",
  low_stock: "inventory.read",
  approval_requested: "orders.approve",
  order_approved: "orders.write",
  order_rejected: "orders.write",
  quotation_expired: "quotations.write",
  shipment_status_changed: "shipments.read",
  receivable_overdue: "finance.read",
};

type Row = { type: NotificationType } & NotificationPreference;

export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const preferences = useNotificationPreferences();
  const update = useUpdateNotificationPreferences();
  const showError = useShowError();
  const saving = update.isPending ? update.variables : undefined;

  const rows: Row[] = NOTIFICATION_TYPES.filter((type) => me.permissions.includes(PERMISSION_OF[type])).map(
    (type) => ({ type, ...(preferences.data?.[type] ?? { inApp: true, email: false }) }),
  );
  const change = (row: Row, next: Partial<NotificationPreference>) =>
    update.mutate(
      { [row.type]: { inApp: next.inApp ?? row.inApp, email: next.email ?? row.email } },
      { onError: (error) => showError(error) },
    );

  const columns: TableColumnsType<Row> = [
    {
      title: t("notificationSettings.type"),
      key: "type",
      render: (_, row) => (
        <Flex vertical>
          <Typography.Text strong>{t(`notifications.types.${row.type}`)}</Typography.Text>
          <Typography.Text type="secondary">
            {t(`notificationSettings.descriptions.${row.type}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t("notificationSettings.inApp"),
      key: "inApp",
      align: "center",
      render: (_, row) => (
        <Switch
          aria-label={t("notificationSettings.inAppFor", { type: t(`notifications.types.${row.type}`) })}
          checked={row.inApp}
          loading={saving?.[row.type] !== undefined}
          onChange={(inApp) => change(row, { inApp })}
        />
      ),
    },
    {
      title: (
        <Tooltip title={t("notificationSettings.emailHint")}>
          {t("notificationSettings.email")} <InfoCircleOutlined />
        </Tooltip>
      ),
      key: "email",
      align: "center",
      render: (_, row) => (
        <Switch
          aria-label={t("notificationSettings.emailFor", { type: t(`notifications.types.${row.type}`) })}
          checked={row.email}
          loading={saving?.[row.type] !== undefined}
          onChange={(email) => change(row, { email })}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t("notificationSettings.title")} subtitle={t("notificationSettings.subtitle")} />
      <Card style={{ maxWidth: 880 }}>
        {preferences.error ? (
          <Alert type="error" showIcon title={errorMessage(preferences.error, t)} />
        ) : preferences.data ? (
          <Table<Row> rowKey="type" size="small" columns={columns} dataSource={rows} pagination={false} />
        ) : (
          <Skeleton active />
        )}
      </Card>
    </>
  );
}
