import { CheckOutlined, CloseOutlined } from "@ant-design/icons";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Button, Empty, Flex, Segmented, Space, Table, type TableColumnsType, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Approval, ApprovalState } from "../../../../shared/schemas/orders";
import { RelativeTime } from "../../components/date-time";
import { PageHeader } from "../../components/page-header";
import { formatAmount } from "../quotations/trade-display";
import { ApprovalReasons } from "./approval-reasons";
import { APPROVAL_FILTERS, useApprovals } from "./approvals.api";
import { ApproveModal, RejectModal } from "./decision-modals";

const route = getRouteApi("/app/approvals");

const STATE_COLORS: Record<ApprovalState, string> = {
  pending: "orange",
  approved: "green",
  rejected: "red",
  cancelled: "default",
};

type Decision = { kind: "approve" | "reject"; orderId: string; orderNumber: string };

export function ApprovalsPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const state = search.state ?? "pending";
  const approvals = useApprovals(state);
  const [decision, setDecision] = useState<Decision>();
  const close = () => setDecision(undefined);

  const columns: TableColumnsType<Approval> = [
    {
      title: t("approvals.order"),
      key: "order",
      render: (_, approval) => (
        <Flex vertical>
          <Link to="/orders/$id" params={{ id: approval.orderId }} style={{ fontWeight: 500 }}>
            {approval.orderNumber}
          </Link>
          <Link to="/customers/$id" params={{ id: approval.customerId }}>
            {approval.customerName}
          </Link>
        </Flex>
      ),
    },
    {
      title: t("trade.total"),
      key: "total",
      align: "right",
      render: (_, approval) => formatAmount(approval.total, approval.currency),
    },
    {
      title: t("approvals.requested"),
      key: "requested",
      render: (_, approval) => (
        <Flex vertical>
          <span>{approval.requestedByName ?? t("common.none")}</span>
          <Typography.Text type="secondary">
            <RelativeTime value={approval.requestedAt} />
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t("approvals.why"),
      key: "reasons",
      render: (_, approval) => <ApprovalReasons approval={approval} />,
    },
    {
      title: t("approvals.state"),
      key: "state",
      render: (_, approval) => (
        <Flex vertical gap={2}>
          <Tag color={STATE_COLORS[approval.state]} style={{ alignSelf: "flex-start" }}>
            {t(`approvals.states.${approval.state}`)}
          </Tag>
          {approval.decidedByName ? (
            <Typography.Text type="secondary">
              {approval.decidedByName}
              {approval.decisionReason ? `: ${approval.decisionReason}` : ""}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t("common.actions"),
      key: "actions",
      render: (_, approval) =>
        approval.state === "pending" && approval.canDecide ? (
          <Space wrap>
            <Button
              type="primary"
              size="small"
              icon={<CheckOutlined />}
              onClick={() =>
                setDecision({ kind: "approve", orderId: approval.orderId, orderNumber: approval.orderNumber })
              }
            >
              {t("approvals.approve")}
            </Button>
            <Button
              danger
              size="small"
              icon={<CloseOutlined />}
              onClick={() =>
                setDecision({ kind: "reject", orderId: approval.orderId, orderNumber: approval.orderNumber })
              }
            >
              {t("approvals.reject")}
            </Button>
          </Space>
        ) : approval.state === "pending" ? (
          <Typography.Text type="secondary">{t("approvals.notYours")}</Typography.Text>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader title={t("approvals.title")} subtitle={t("approvals.subtitle")} />
      <Segmented
        value={state}
        onChange={(value) => void navigate({ search: { state: value === "pending" ? undefined : value } })}
        options={APPROVAL_FILTERS.map((filter) => ({
          value: filter,
          label: t(`approvals.filters.${filter}`),
        }))}
        style={{ marginBottom: 12 }}
      />
      <Table<Approval>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={approvals.data?.items}
        loading={approvals.isFetching}
        scroll={{ x: "max-content" }}
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
        locale={{
          emptyText: (
            <Empty description={state === "pending" ? t("approvals.emptyPending") : t("approvals.empty")} />
          ),
        }}
      />
      <ApproveModal target={decision?.kind === "approve" ? decision : undefined} onClose={close} />
      <RejectModal target={decision?.kind === "reject" ? decision : undefined} onClose={close} />
    </>
  );
}
