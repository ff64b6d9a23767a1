import { EditOutlined, FileExcelOutlined, FilePdfOutlined, StopOutlined } from "@ant-design/icons";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Form,
  Input,
  Modal,
  Space,
  Steps,
  Table,
  type TableColumnsType,
  Tabs,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Shipment, ShipmentStatus } from "../../../../shared/schemas/shipments";
import { ApiError, fieldIssues } from "../../api/client";
import { RelativeTime } from "../../components/date-time";
import { RecordPage } from "../../components/status-pages";
import { errorMessage, useShowError } from "../../lib/errors";
import { type Dayjs, dayjs } from "../../lib/time";
import { OrderStatusTag } from "../orders/order-status-tag";
import { DateText, formatQuantity, unitLabel } from "../quotations/trade-display";
import { useMe } from "../session/me-context";
import { fromPickerValue, pickerNow } from "../tasks/zoned-time";
import { ShipmentFiles } from "./shipment-files";
import { nextStatuses, SHIPMENT_FLOW } from "./shipment-flow";
import { EditShipmentDrawer } from "./shipment-form";
import { Ports, ShipmentCustomer, TimestampText } from "./shipment-parts";
import { ShipmentStatusTag } from "./shipment-status-tag";
import {
  SHIPMENT_DOCUMENTS,
  shipmentDocumentUrl,
  useChangeShipmentStatus,
  useOrdersById,
  useShipment,
} from "./shipments.api";

const route = getRouteApi("/app/shipments/$shipmentId");

type StatusValues = { at?: Dayjs | null; blNumber?: string; blDate?: Dayjs | null };

// One dialog per move: when it happened, and for a departure the B/L that proves it. A refusal (a
// credit hold awaiting a manager's approval, a shipment moved by a colleague meanwhile) stays on screen
// with the server's reason until the user closes the dialog or tries again.
export function StatusModal({
  shipment,
  status,
  onClose,
}: {
  shipment: Shipment;
  status: ShipmentStatus | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<StatusValues>();
  const me = useMe();
  const change = useChangeShipmentStatus(shipment.id);
  const showError = useShowError();
  const statusLabel = status ? t(`shipmentStatus.${status}`) : "";
  // Credit control holds a departure that would take the customer beyond its limit until a manager
  // approves; the request is already filed, so this is a wait, not a failure.
  const held = change.error instanceof ApiError && change.error.code === "approval_required";

  const submit = (values: StatusValues) => {
    if (!status) return;
    const blNumber = values.blNumber?.trim();
    change.mutate(
      {
        status,
        ...(values.at ? { at: fromPickerValue(values.at, me.user.timeZone) } : {}),
        ...(status === "departed" && blNumber ? { blNumber } : {}),
        ...(status === "departed" && values.blDate ? { blDate: values.blDate.format("YYYY-MM-DD") } : {}),
      },
      {
        onSuccess: (saved) => {
          void message.success(t("shipments.statusChanged", { number: saved.number, status: statusLabel }));
          onClose();
        },
        // The dialog's alert gives the reason; a field it names is marked too.
        onError: (error) => {
          if (fieldIssues(error).length > 0) showError(error, form);
        },
      },
    );
  };

  return (
    <Modal
      open={status !== undefined}
      title={t("shipments.statusTitle", { number: shipment.number, status: statusLabel })}
      okText={status ? t(`shipments.moveTo.${status}`) : undefined}
      okButtonProps={{ danger: status === "cancelled", loading: change.isPending }}
      cancelText={t("common.close")}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => change.reset()}
      destroyOnHidden
    >
      {change.error ? (
        <Alert
          type={held ? "warning" : "error"}
          showIcon
          style={{ marginBottom: 12 }}
          title={held ? t("shipments.approvalRequired") : t("shipments.statusRefused")}
          description={
            <Flex vertical gap={4}>
              <span>{errorMessage(change.error, t)}</span>
              {held ? (
                <Typography.Text type="secondary">{t("shipments.approvalRequiredHelp")}</Typography.Text>
              ) : null}
            </Flex>
          }
        />
      ) : null}
      {status === "departed" ? (
        <Typography.Paragraph type="secondary">{t("shipments.departHelp")}</Typography.Paragraph>
      ) : null}
      {status === "cancelled" ? (
        <Typography.Paragraph type="secondary">{t("shipments.cancelHelp")}</Typography.Paragraph>
      ) : null}
      <Form
        name="shipmentStatus"
        form={form}
        layout="vertical"
        clearOnDestroy
        initialValues={{
          blNumber: shipment.blNumber ?? undefined,
          blDate: shipment.blDate ? dayjs(shipment.blDate) : undefined,
        }}
        onFinish={submit}
      >
        <Form.Item
          label={t("shipments.statusAt")}
          name="at"
          extra={t("shipments.statusAtHelp", { timeZone: me.user.timeZone })}
        >
          <DatePicker
            showTime={{ format: "HH:mm" }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(date) => date.isAfter(pickerNow(me.user.timeZone), "day")}
            style={{ width: "100%" }}
          />
        </Form.Item>
        {status === "departed" ? (
          <>
            <Form.Item label={t("shipmentFields.blNumber")} name="blNumber">
              <Input maxLength={80} />
            </Form.Item>
            <Form.Item label={t("shipmentFields.blDate")} name="blDate">
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

// The buttons moving a shipment one step on (and cancelling it while still at home).
export function StatusButtons({
  shipment,
  onMove,
  size,
}: {
  shipment: Shipment;
  onMove: (status: ShipmentStatus) => void;
  size?: "small";
}) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      {nextStatuses(shipment.status).map((status) =>
        status === "cancelled" ? (
          <Button key={status} size={size} danger icon={<StopOutlined />} onClick={() => onMove(status)}>
            {t("shipments.moveTo.cancelled")}
          </Button>
        ) : (
          <Button key={status} size={size} type="primary" onClick={() => onMove(status)}>
            {t(`shipments.moveTo.${status}`)}
          </Button>
        ),
      )}
    </Space>
  );
}

function ShipmentProgress({ shipment }: { shipment: Shipment }) {
  const { t } = useTranslation();
  // A cancelled shipment records when, not at which step it stopped: the road is not drawn for it.
  if (shipment.status === "cancelled") {
    return (
      <Alert
        type="error"
        showIcon
        title={
          <span>
            {t("shipments.cancelledNotice")}{" "}
            {shipment.cancelledAt ? <RelativeTime value={shipment.cancelledAt} /> : null}
          </span>
        }
      />
    );
  }
  const when: Partial<Record<ShipmentStatus, string | null>> = {
    departed: shipment.departedAt,
    arrived: shipment.arrivedAt,
    delivered: shipment.deliveredAt,
  };
  return (
    <Steps
      size="small"
      current={SHIPMENT_FLOW.indexOf(shipment.status)}
      status={shipment.status === "delivered" ? "finish" : "process"}
      items={SHIPMENT_FLOW.map((step) => {
        const at = when[step];
        return { title: t(`shipmentStatus.${step}`), content: at ? <RelativeTime value={at} /> : undefined };
      })}
    />
  );
}

function TransportDetails({ shipment }: { shipment: Shipment }) {
  const { t } = useTranslation();
  const text = (value: string | null) => value ?? <Typography.Text type="secondary">—</Typography.Text>;
  const items: DescriptionsProps["items"] = [
    { key: "mode", label: t("shipmentFields.mode"), children: t(`shipmentModes.${shipment.mode}`) },
    { key: "forwarder", label: t("shipmentFields.forwarder"), children: text(shipment.forwarder) },
    { key: "pol", label: t("shipmentFields.portOfLoading"), children: text(shipment.portOfLoading) },
    { key: "pod", label: t("shipmentFields.portOfDischarge"), children: text(shipment.portOfDischarge) },
    { key: "booking", label: t("shipmentFields.bookingNumber"), children: text(shipment.bookingNumber) },
    {
      key: "containerType",
      label: t("shipmentFields.containerType"),
      children: text(shipment.containerType),
    },
    {
      key: "containerNumber",
      label: t("shipmentFields.containerNumber"),
      children: text(shipment.containerNumber),
    },
    { key: "seal", label: t("shipmentFields.sealNumber"), children: text(shipment.sealNumber) },
    { key: "vessel", label: t("shipmentFields.vessel"), children: text(shipment.vessel) },
    { key: "voyage", label: t("shipmentFields.voyage"), children: text(shipment.voyage) },
    { key: "etd", label: t("shipmentFields.etd"), children: <DateText value={shipment.etd} /> },
    { key: "eta", label: t("shipmentFields.eta"), children: <DateText value={shipment.eta} /> },
    {
      key: "departedAt",
      label: t("shipmentFields.departedAt"),
      children: <TimestampText value={shipment.departedAt} />,
    },
    {
      key: "arrivedAt",
      label: t("shipmentFields.arrivedAt"),
      children: <TimestampText value={shipment.arrivedAt} />,
    },
    { key: "bl", label: t("shipmentFields.blNumber"), children: text(shipment.blNumber) },
    { key: "blDate", label: t("shipmentFields.blDate"), children: <DateText value={shipment.blDate} /> },
    {
      key: "customs",
      label: t("shipmentFields.customsDeclarationNumber"),
      children: text(shipment.customsDeclarationNumber),
    },
    { key: "tracking", label: t("shipmentFields.trackingNumber"), children: text(shipment.trackingNumber) },
  ];
  return <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items} />;
}

type ShipmentLine = Shipment["lines"][number];

export function ShipmentLines({ lines }: { lines: ShipmentLine[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ShipmentLine> = [
    { title: "SKU", key: "sku", render: (_, line) => line.sku ?? "—" },
    { title: t("shipments.lineDescription"), dataIndex: "description" },
    {
      title: t("shipments.quantity"),
      key: "quantity",
      align: "right",
      render: (_, line) => `${formatQuantity(line.quantity)} ${unitLabel(line.unit, t)}`,
    },
    {
      title: t("shipments.cartons"),
      key: "cartons",
      align: "right",
      render: (_, line) => line.cartons ?? "—",
    },
  ];
  return (
    <Table<ShipmentLine>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={lines}
      pagination={false}
      scroll={{ x: "max-content" }}
    />
  );
}

function Documents({ shipment }: { shipment: Shipment }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      <Space wrap>
        {SHIPMENT_DOCUMENTS.map((document) => (
          <Button
            key={document.key}
            icon={document.file.endsWith(".xlsx") ? <FileExcelOutlined /> : <FilePdfOutlined />}
            href={shipmentDocumentUrl(shipment.id, document.file)}
            download
          >
            {t(`shipments.${document.key}`)}
          </Button>
        ))}
      </Space>
      <Typography.Text type="secondary">{t("shipments.documentsHelp")}</Typography.Text>
    </Flex>
  );
}

function ShipmentView({ shipment }: { shipment: Shipment }) {
  const { t } = useTranslation();
  const me = useMe();
  const order = useOrdersById([shipment.orderId]).get(shipment.orderId);
  const canWrite = me.permissions.includes("shipments.write");
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState<ShipmentStatus>();

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Flex vertical gap={6}>
            <Space wrap align="center">
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t("shipments.heading", { number: shipment.number })}
              </Typography.Title>
              <ShipmentStatusTag status={shipment.status} />
            </Space>
            <Typography.Text type="secondary">
              <Link to="/orders/$id" params={{ id: shipment.orderId }}>
                {t("shipments.ofOrder", { number: shipment.orderNumber })}
              </Link>
              {order ? (
                <>
                  {" "}
                  <OrderStatusTag status={order.status} />· <ShipmentCustomer order={order} />
                </>
              ) : null}
              {" · "}
              {t(`shipmentModes.${shipment.mode}`)} · <Ports shipment={shipment} />
            </Typography.Text>
          </Flex>
          {canWrite ? (
            <Space wrap>
              {shipment.status !== "cancelled" ? (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t("shipments.editDetails")}
                </Button>
              ) : null}
              <StatusButtons shipment={shipment} onMove={setMoving} />
            </Space>
          ) : (
            <Typography.Text type="secondary">{t("shipments.readOnly")}</Typography.Text>
          )}
        </Flex>
        <div style={{ marginTop: 20, overflowX: "auto" }}>
          <ShipmentProgress shipment={shipment} />
        </div>
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: "overview",
              label: t("shipments.tabs.overview"),
              children: (
                <Flex vertical gap={24}>
                  <section>
                    <Typography.Title level={5}>{t("shipments.details")}</Typography.Title>
                    <TransportDetails shipment={shipment} />
                  </section>
                  <section>
                    <Typography.Title level={5}>{t("shipments.lines")}</Typography.Title>
                    <ShipmentLines lines={shipment.lines} />
                  </section>
                  <section>
                    <Typography.Title level={5}>{t("shipments.documents")}</Typography.Title>
                    <Documents shipment={shipment} />
                  </section>
                </Flex>
              ),
            },
            {
              key: "files",
              label: t("shipments.tabs.files"),
              children: <ShipmentFiles shipmentId={shipment.id} canWrite={canWrite} />,
            },
          ]}
        />
      </Card>
      <EditShipmentDrawer shipment={shipment} open={editing} onClose={() => setEditing(false)} />
      <StatusModal shipment={shipment} status={moving} onClose={() => setMoving(undefined)} />
    </Flex>
  );
}

export function ShipmentDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { shipmentId } = route.useParams();
  const shipment = useShipment(shipmentId);
  return (
    <RecordPage
      query={shipment}
      notFound={{
        title: t("shipments.notFoundTitle"),
        subTitle: t("shipments.notFound"),
        extra: (
          <Button type="primary" onClick={() => void navigate({ to: "/shipments", search: {} })}>
            {t("shipments.backToList")}
          </Button>
        ),
      }}
    >
      {(record) => <ShipmentView shipment={record} />}
    </RecordPage>
  );
}
