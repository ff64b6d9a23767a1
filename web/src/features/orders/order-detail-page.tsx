import {
  CheckOutlined,
  CloseOutlined,
  EditOutlined,
  EyeInvisibleOutlined,
  EyeOutlined,
  FilePdfOutlined,
  SendOutlined,
  StopOutlined,
} from "@ant-design/icons";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Space,
  Spin,
  Statistic,
  Steps,
  Table,
  type TableColumnsType,
  Timeline,
  Typography,
} from "antd";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Instalment, Order, OrderEvent, OrderStatus } from "../../../../shared/schemas/orders";
import { RelativeTime } from "../../components/date-time";
import { RecordPage } from "../../components/status-pages";
import { useShowError } from "../../lib/errors";
import { ApprovalReasons } from "../approvals/approval-reasons";
import { ApproveModal, RejectModal } from "../approvals/decision-modals";
import {
  CommercialTerms,
  ContainerEstimateView,
  DateText,
  DocumentLines,
  formatAmount,
  MarginView,
  paymentTermText,
  Totals,
} from "../quotations/trade-display";
import { useMe } from "../session/me-context";
import { OrderShipments } from "../shipments/order-shipments";
import { OrderStatusTag } from "./order-status-tag";
import {
  orderPdfUrl,
  stockShortages,
  useChangeOrderStatus,
  useOrder,
  useOrderTimeline,
  useSubmitOrder,
  useWatchOrder,
} from "./orders.api";

const route = getRouteApi("/app/orders/$id");

// The stepper's road; partially shipped is shown on the "shipped" step, cancelled where it stopped.
const LIFECYCLE = [
  "draft",
  "pending_approval",
  "confirmed",
  "in_production",
  "ready_to_ship",
  "shipped",
  "completed",
] as const satisfies readonly OrderStatus[];

// The next step an order can be moved to by hand, as the API allows it (shipping only by an admin
// until shipments exist).
const NEXT_STATUS: Partial<Record<OrderStatus, { status: OrderStatus; adminOnly?: boolean }[]>> = {
  confirmed: [{ status: "in_production" }],
  in_production: [{ status: "ready_to_ship" }],
  ready_to_ship: [
    { status: "partially_shipped", adminOnly: true },
    { status: "shipped", adminOnly: true },
  ],
  partially_shipped: [{ status: "shipped", adminOnly: true }],
  shipped: [{ status: "completed" }],
};

const CANCELLABLE: readonly OrderStatus[] = [
  "draft",
  "pending_approval",
  "confirmed",
  "in_production",
  "ready_to_ship",
];

function LifecycleSteps({ order, events }: { order: Order; events: OrderEvent[] | undefined }) {
  const { t } = useTranslation();
  // Approval is a step only for orders that needed it; the others went straight to confirmed.
  const steps: readonly OrderStatus[] = LIFECYCLE.filter(
    (step) => step !== "pending_approval" || order.approval !== null || order.status === step,
  );
  // A cancelled order stopped at the step it was in; the timeline says which.
  const stoppedAt = events?.find((event) => event.kind === "cancelled")?.fromStatus ?? "draft";
  const cancelled = order.status === "cancelled";
  const reached = cancelled ? stoppedAt : order.status;
  const current = steps.indexOf(reached === "partially_shipped" ? "shipped" : reached);
  return (
    <Steps
      size="small"
      current={current}
      status={cancelled ? "error" : order.status === "completed" ? "finish" : "process"}
      items={steps.map((step, index) => ({
        title:
          step === "shipped" && order.status === "partially_shipped"
            ? t("orderStatus.partially_shipped")
            : t(`orderStatus.${step}`),
        content: cancelled && index === current ? t("orderStatus.cancelled") : undefined,
      }))}
    />
  );
}

function CancelModal({ order, open, onClose }: { order: Order; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const change = useChangeOrderStatus(order.id);
  const showError = useShowError();
  return (
    <Modal
      open={open}
      title={t("orders.cancelTitle", { number: order.number })}
      okText={t("orders.cancelOrder")}
      okButtonProps={{ danger: true, loading: change.isPending }}
      cancelText={t("common.close")}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {order.confirmedAt ? (
        <Typography.Paragraph type="secondary">{t("orders.cancelReleasesStock")}</Typography.Paragraph>
      ) : null}
      <Form
        form={form}
        layout="vertical"
        clearOnDestroy
        onFinish={({ reason }) =>
          change.mutate(
            { status: "cancelled", reason: reason?.trim() },
            {
              onSuccess: () => {
                void message.success(t("orders.cancelledMessage", { number: order.number }));
                onClose();
              },
              onError: (error) => showError(error, form),
            },
          )
        }
      >
        <Form.Item
          label={t("orders.cancelReason")}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Dialog = "cancel" | "approve" | "reject";

function Actions({ order, onDialog }: { order: Order; onDialog: (dialog: Dialog) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const submit = useSubmitOrder(order.id);
  const change = useChangeOrderStatus(order.id);
  const watch = useWatchOrder(order.id);
  const watching = order.watcherIds.includes(me.user.id);
  const showError = useShowError();
  const canWrite = me.permissions.includes("orders.write");
  const canDecide = me.permissions.includes("orders.approve") && order.approval?.canDecide === true;
  const next = (NEXT_STATUS[order.status] ?? []).filter(
    (option) => !option.adminOnly || me.user.role === "admin",
  );

  const onSubmit = () =>
    submit.mutate(undefined, {
      onSuccess: (submitted) =>
        void message.success(
          submitted.status === "pending_approval"
            ? t("orders.sentForApproval")
            : t("orders.confirmedMessage", { number: submitted.number }),
        ),
      onError: (error) => {
        const shortages = stockShortages(error);
        if (!shortages) return showError(error);
        modal.error({
          title: t("orders.shortTitle"),
          content: (
            <Flex vertical>
              {shortages.map((shortage) => (
                <span key={shortage.sku}>
                  {t("orders.shortLine", {
                    sku: shortage.sku,
                    requested: shortage.requested,
                    available: shortage.available,
                  })}
                </span>
              ))}
            </Flex>
          ),
        });
      },
    });

  const move = (status: OrderStatus) =>
    change.mutate(
      { status },
      {
        onSuccess: () =>
          void message.success(t("orders.movedMessage", { status: t(`orderStatus.${status}`) })),
        onError: (error) => showError(error),
      },
    );

  return (
    <Space wrap>
      <Button icon={<FilePdfOutlined />} href={orderPdfUrl(order.id)} target="_blank">
        {t("trade.pdf")}
      </Button>
      {order.ownerId === me.user.id ? null : (
        <Button
          icon={watching ? <EyeInvisibleOutlined /> : <EyeOutlined />}
          loading={watch.isPending}
          title={t("orders.followHelp")}
          onClick={() => watch.mutate(!watching, { onError: (error) => showError(error) })}
        >
          {watching ? t("orders.unfollow") : t("orders.follow")}
        </Button>
      )}
      {canWrite && order.status === "draft" ? (
        <>
          <Button
            icon={<EditOutlined />}
            onClick={() => void navigate({ to: "/orders/$id/edit", params: { id: order.id } })}
          >
            {t("common.edit")}
          </Button>
          <Popconfirm
            title={t("orders.submitConfirm")}
            description={t("orders.submitHelp")}
            okText={t("orders.submit")}
            cancelText={t("common.cancel")}
            onConfirm={onSubmit}
          >
            <Button type="primary" icon={<SendOutlined />} loading={submit.isPending}>
              {t("orders.submit")}
            </Button>
          </Popconfirm>
        </>
      ) : null}
      {canDecide && order.status === "pending_approval" ? (
        <>
          <Button type="primary" icon={<CheckOutlined />} onClick={() => onDialog("approve")}>
            {t("approvals.approve")}
          </Button>
          <Button danger icon={<CloseOutlined />} onClick={() => onDialog("reject")}>
            {t("approvals.reject")}
          </Button>
        </>
      ) : null}
      {canWrite
        ? next.map((option) => (
            <Popconfirm
              key={option.status}
              title={t("orders.moveConfirm", { status: t(`orderStatus.${option.status}`) })}
              okText={t("orders.move")}
              cancelText={t("common.cancel")}
              onConfirm={() => move(option.status)}
            >
              <Button type="primary" loading={change.isPending}>
                {t(`orders.moveTo.${option.status}`)}
              </Button>
            </Popconfirm>
          ))
        : null}
      {canWrite && CANCELLABLE.includes(order.status) ? (
        <Button danger icon={<StopOutlined />} onClick={() => onDialog("cancel")}>
          {t("orders.cancelOrder")}
        </Button>
      ) : null}
    </Space>
  );
}

function ApprovalCard({ order }: { order: Order }) {
  const { t } = useTranslation();
  const approval = order.approval;
  if (!approval) return null;
  const type = approval.state === "pending" ? "warning" : approval.state === "approved" ? "success" : "error";
  const decided = approval.decidedAt
    ? t("orders.approvalDecided", {
        state: t(`approvals.states.${approval.state}`),
        by: approval.decidedByName ?? t("common.none"),
      })
    : t("orders.approvalWaiting", { by: approval.requestedByName ?? t("common.none") });
  return (
    <Alert
      type={type}
      showIcon
      title={
        <span>
          {decided} {approval.decidedAt ? <RelativeTime value={approval.decidedAt} /> : null}
        </span>
      }
      description={
        <Flex vertical gap={4}>
          <ApprovalReasons approval={approval} />
          {approval.decisionReason ? (
            <Typography.Text>
              {t("orders.decisionReason", { reason: approval.decisionReason })}
            </Typography.Text>
          ) : null}
        </Flex>
      }
    />
  );
}

function PaymentSchedule({ schedule }: { schedule: Instalment[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Instalment> = [
    { title: "#", dataIndex: "sequence", width: 48 },
    {
      title: t("orders.instalment"),
      key: "term",
      render: (_, instalment) => (
        <span>
          {paymentTermText(instalment, t)}
          {instalment.note ? <Typography.Text type="secondary"> · {instalment.note}</Typography.Text> : null}
        </span>
      ),
    },
    {
      title: t("orders.amount"),
      key: "amount",
      align: "right",
      render: (_, instalment) => formatAmount(instalment.amount, instalment.currency),
    },
  ];
  return (
    <Table<Instalment>
      rowKey="sequence"
      size="small"
      columns={columns}
      dataSource={schedule}
      pagination={false}
      locale={{ emptyText: <Empty description={t("orders.noSchedule")} /> }}
    />
  );
}

function eventText(event: OrderEvent, t: TFunction): string {
  if (event.kind === "status_changed" && event.toStatus) {
    return t("orders.events.status_changed", { status: t(`orderStatus.${event.toStatus}`) });
  }
  return t(`orders.events.${event.kind}`);
}

function OrderTimeline({ events, loading }: { events: OrderEvent[] | undefined; loading: boolean }) {
  const { t } = useTranslation();
  if (loading) return <Spin />;
  if (!events || events.length === 0) return <Empty description={t("orders.noEvents")} />;
  return (
    <Timeline
      items={events.map((event) => ({
        key: event.id,
        color: event.kind === "cancelled" || event.kind === "rejected" ? "red" : "blue",
        content: (
          <Flex vertical gap={2}>
            <Flex gap={8} wrap align="baseline">
              <Typography.Text strong>{eventText(event, t)}</Typography.Text>
              <Typography.Text type="secondary">
                {event.actorName ?? t("audit.system")} · <RelativeTime value={event.createdAt} />
              </Typography.Text>
            </Flex>
            {event.reason ? (
              <Typography.Text type="secondary">
                {t("orders.eventReason", { reason: event.reason })}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
      }))}
    />
  );
}

function OrderView({ order }: { order: Order }) {
  const { t } = useTranslation();
  const me = useMe();
  const timeline = useOrderTimeline(order.id);
  const [dialog, setDialog] = useState<Dialog>();
  const close = () => setDialog(undefined);
  const target = { orderId: order.id, orderNumber: order.number };
  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Flex vertical gap={6}>
            <Space wrap align="center">
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t("orders.heading", { number: order.number })}
              </Typography.Title>
              <OrderStatusTag status={order.status} />
            </Space>
            <Typography.Text type="secondary">
              <Link to="/customers/$id" params={{ id: order.customerId }}>
                {order.customerName}
              </Link>
              {order.quotationId ? (
                <>
                  {" · "}
                  <Link to="/quotations/$id" params={{ id: order.quotationId }}>
                    {t("orders.fromQuotation")}
                  </Link>
                </>
              ) : null}
            </Typography.Text>
          </Flex>
          <Actions order={order} onDialog={setDialog} />
        </Flex>
        <div style={{ marginTop: 20, overflowX: "auto" }}>
          <LifecycleSteps order={order} events={timeline.data} />
        </div>
        {order.status === "cancelled" && order.cancelReason ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title={t("orders.cancelledBecause", { reason: order.cancelReason })}
          />
        ) : null}
        {order.notes && order.notes.length > 0 ? (
          <Alert type="info" showIcon style={{ marginTop: 12 }} title={order.notes.join(" ")} />
        ) : null}
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={24} sm={8}>
            <Statistic title={t("trade.total")} value={formatAmount(order.total, order.currency)} />
          </Col>
          <Col xs={12} sm={8}>
            <Statistic
              title={t("trade.requestedDeliveryDate")}
              valueRender={() => <DateText value={order.requestedDeliveryDate} />}
            />
          </Col>
          <Col xs={12} sm={8}>
            <Statistic
              title={t("orders.confirmedAt")}
              valueRender={() =>
                order.confirmedAt ? (
                  <RelativeTime value={order.confirmedAt} />
                ) : (
                  <Typography.Text>—</Typography.Text>
                )
              }
            />
          </Col>
        </Row>
      </Card>
      <ApprovalCard order={order} />
      <Card title={t("trade.terms")}>
        <CommercialTerms
          document={order}
          extra={[
            {
              key: "shippingMarks",
              label: t("trade.shippingMarks"),
              children: order.shippingMarks ? (
                <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{order.shippingMarks}</Typography.Text>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t("trade.lines")}>
        <Flex vertical gap={16}>
          <DocumentLines
            lines={order.lines}
            currency={order.currency}
            costCurrency={order.margin?.costCurrency}
          />
          <Totals
            subtotal={order.subtotal}
            discountTotal={order.discountTotal}
            total={order.total}
            currency={order.currency}
          />
          {order.margin ? <MarginView margin={order.margin} currency={order.currency} /> : null}
        </Flex>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t("orders.paymentSchedule")} size="small">
            <PaymentSchedule schedule={order.paymentSchedule} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <ContainerEstimateView estimate={order.containerEstimate} />
        </Col>
      </Row>
      {me.permissions.includes("shipments.read") ? <OrderShipments order={order} /> : null}
      <Card title={t("orders.timeline")}>
        <OrderTimeline events={timeline.data} loading={timeline.isPending} />
      </Card>
      <CancelModal order={order} open={dialog === "cancel"} onClose={close} />
      <ApproveModal target={dialog === "approve" ? target : undefined} onClose={close} />
      <RejectModal target={dialog === "reject" ? target : undefined} onClose={close} />
    </Flex>
  );
}

export function OrderDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = route.useParams();
  const order = useOrder(id);
  return (
    <RecordPage
      query={order}
      notFound={{
        title: t("orders.notFoundTitle"),
        subTitle: t("orders.notFound"),
        extra: (
          <Button type="primary" onClick={() => void navigate({ to: "/orders", search: {} })}>
            {t("orders.backToList")}
          </Button>
        ),
      }}
    >
      {(record) => <OrderView order={record} />}
    </RecordPage>
  );
}
