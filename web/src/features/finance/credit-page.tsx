import { Alert, Button, Empty, Flex, Table, type TableColumnsType, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CreditLine } from "../../../../shared/schemas/credit";
import { PageHeader } from "../../components/page-header";
import { errorMessage } from "../../lib/errors";
import { DateText, formatAmount } from "../quotations/trade-display";
import { useMe } from "../session/me-context";
import { useAllUsers } from "../users/users.api";
import { CreditBar } from "./credit-bar";
import { CreditDrawer, mayEditCredit } from "./credit-editor";
import { useCreditReport } from "./finance.api";

const LEVEL_COLORS = { ok: "green", warning: "orange", over: "red" } as const;

export function CreditPage() {
  const { t } = useTranslation();
  const me = useMe();
  const report = useCreditReport();
  const users = useAllUsers();
  const names = new Map((users.data?.items ?? []).map((user) => [user.id, user.name]));
  const [editing, setEditing] = useState<{ id: string; name: string }>();
  const items = [...(report.data?.items ?? [])].sort((a, b) => b.usedPercent - a.usedPercent);

  const columns: TableColumnsType<CreditLine> = [
    { title: t("finance.customer"), dataIndex: "customerName", key: "customer", fixed: "left" },
    {
      title: t("finance.owner"),
      key: "owner",
      render: (_, line) =>
        line.ownerId ? (names.get(line.ownerId) ?? t("common.none")) : t("finance.credit.pool"),
    },
    {
      title: t("finance.credit.exposure"),
      key: "exposure",
      align: "right",
      render: (_, line) => formatAmount(line.exposure, line.currency),
    },
    {
      title: t("finance.credit.limit"),
      key: "limit",
      align: "right",
      render: (_, line) => formatAmount(line.creditLimit, line.currency),
    },
    {
      title: t("finance.credit.used"),
      key: "used",
      width: 220,
      render: (_, line) => <CreditBar percent={line.usedPercent} level={line.level} />,
    },
    {
      title: t("finance.statusLabel"),
      key: "level",
      render: (_, line) => (
        <Flex gap={8} wrap align="center">
          <Tag color={LEVEL_COLORS[line.level]}>{t(`finance.credit.level.${line.level}`)}</Tag>
          {line.unconverted.length > 0 ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t("finance.credit.unconvertedShort", {
                list: line.unconverted.map((u) => formatAmount(u.outstanding, u.currency)).join(", "),
              })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t("common.actions"),
      key: "actions",
      render: (_, line) => (
        <Button
          size="small"
          aria-label={t("finance.credit.editTitle", { name: line.customerName })}
          onClick={() => setEditing({ id: line.customerId, name: line.customerName })}
        >
          {mayEditCredit(me.permissions) ? t("common.edit") : t("finance.credit.view")}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("finance.credit.title")}
        subtitle={
          report.data ? (
            <span>
              {t("finance.credit.subtitle")} · <DateText value={report.data.date} />
            </span>
          ) : (
            t("finance.credit.subtitle")
          )
        }
      />
      {report.error ? (
        <Alert type="error" showIcon title={errorMessage(report.error, t)} style={{ marginBottom: 12 }} />
      ) : null}
      <Table<CreditLine>
        rowKey="customerId"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={report.isFetching}
        scroll={{ x: "max-content" }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t("finance.credit.empty")} /> }}
      />
      <CreditDrawer customer={editing} onClose={() => setEditing(undefined)} />
    </>
  );
}
