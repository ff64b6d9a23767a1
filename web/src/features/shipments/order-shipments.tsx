import { PlusOutlined, SyncOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  Checkbox,
  Divider,
  Drawer,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Order } from "../../../../shared/schemas/orders";
import type { Shipment } from "../../../../shared/schemas/shipments";
import { useShowError } from "../../lib/errors";
import { useLiveUpdates } from "../notifications/live-updates";
import { formatQuantity, unitLabel } from "../quotations/trade-display";
import { useMe } from "../session/me-context";
import { type DetailValues, detailInput } from "./shipment-details";
import { quantityProblem, remainingQuantities, SHIPPABLE_ORDER_STATUSES } from "./shipment-flow";
import { ShipmentDetailFields } from "./shipment-form";
import { ShipmentLink, scheduleColumns, TimestampText } from "./shipment-parts";
import { ShipmentStatusTag } from "./shipment-status-tag";
import { useCreateShipment, useOrderShipments } from "./shipments.api";

type LineValues = { include?: boolean; quantity?: string; cartons?: number | null };
type NewShipmentValues = DetailValues & { lines: LineValues[] };

function NewShipmentDrawer({
  order,
  remaining,
  open,
  onClose,
}: {
  order: Order;
  remaining: Map<string, string>;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<NewShipmentValues>();
  const create = useCreateShipment(order.id);
  const showError = useShowError();
  const lines = order.lines;
  const included = Form.useWatch("lines", form) ?? [];

  const initialValues: Partial<NewShipmentValues> = {
    mode: "sea_fcl",
    lines: lines.map((line) => {
      const left = remaining.get(line.id) ?? "0";
      const untouched = left === line.quantity;
      return {
        include: Number(left) > 0,
        quantity: Number(left) > 0 ? left : undefined,
        // The order's carton count holds for the whole line only.
        cartons: untouched ? line.cartons : null,
      };
    }),
  };

  const submit = (values: NewShipmentValues) => {
    const picked = lines.flatMap((line, index) => {
      const value = values.lines[index];
      if (!value?.include || !value.quantity) return [];
      return [
        {
          orderLineId: line.id,
          quantity: value.quantity.trim(),
          ...(value.cartons != null ? { cartons: value.cartons } : {}),
        },
      ];
    });
    if (picked.length === 0) return void message.error(t("orderShipments.pickLines"));
    const details = Object.fromEntries(
      Object.entries(detailInput(values)).filter(([, value]) => value !== null),
    );
    create.mutate(
      { lines: picked, mode: values.mode, ...details },
      {
        onSuccess: (shipment) => {
          void message.success(t("orderShipments.created", { number: shipment.number }));
          onClose();
        },
        // The API names a line by its place in what was sent; the form by its place in the order.
        onError: (error) =>
          showError(
            error,
            form,
            Object.fromEntries(
              picked.map((item, index) => [
                `lines.${index}`,
                `lines.${lines.findIndex((line) => line.id === item.orderLineId)}`,
              ]),
            ),
          ),
      },
    );
  };

  const columns: TableColumnsType<Order["lines"][number]> = [
    {
      title: t("orderShipments.include"),
      key: "include",
      width: 56,
      render: (_, line, index) => (
        <Form.Item name={["lines", index, "include"]} valuePropName="checked" noStyle>
          <Checkbox
            disabled={remaining.get(line.id) === "0"}
            aria-label={t("orderShipments.includeLine", { position: index + 1 })}
          />
        </Form.Item>
      ),
    },
    {
      title: t("shipments.lineDescription"),
      key: "description",
      render: (_, line) => (
        <Flex vertical>
          <span>{line.sku ?? line.description}</span>
          {line.sku ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {line.description}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t("orderShipments.ordered"),
      key: "ordered",
      align: "right",
      render: (_, line) => `${formatQuantity(line.quantity)} ${unitLabel(line.unit, t)}`,
    },
    {
      title: t("orderShipments.remaining"),
      key: "remaining",
      align: "right",
      render: (_, line) => formatQuantity(remaining.get(line.id) ?? "0"),
    },
    {
      title: t("shipments.quantity"),
      key: "quantity",
      width: 140,
      render: (_, line, index) => {
        const left = remaining.get(line.id) ?? "0";
        return (
          <Form.Item
            name={["lines", index, "quantity"]}
            style={{ margin: 0 }}
            rules={[
              {
                validator: async (_rule, value: string | undefined) => {
                  if (!included[index]?.include) return;
                  const problem = quantityProblem(value ?? "", left);
                  if (problem === "positive") throw new Error(t("orderShipments.mustBePositive"));
                  if (problem === "tooMuch") {
                    throw new Error(t("orderShipments.tooMuch", { max: formatQuantity(left) }));
                  }
                },
              },
            ]}
            dependencies={[["lines", index, "include"]]}
          >
            <Input
              inputMode="decimal"
              disabled={!included[index]?.include}
              aria-label={t("orderShipments.quantityOf", { position: index + 1 })}
            />
          </Form.Item>
        );
      },
    },
    {
      title: t("shipments.cartons"),
      key: "cartons",
      width: 110,
      render: (_, _line, index) => (
        <Form.Item name={["lines", index, "cartons"]} style={{ margin: 0 }}>
          <InputNumber
            min={0}
            precision={0}
            disabled={!included[index]?.include}
            style={{ width: "100%" }}
            aria-label={t("orderShipments.cartonsOf", { position: index + 1 })}
          />
        </Form.Item>
      ),
    },
  ];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t("orderShipments.newTitle", { number: order.number })}
      size={screens.md === false ? "100%" : 820}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            {t("common.create")}
          </Button>
        </Flex>
      }
    >
      <Form
        name="newShipment"
        form={form}
        layout="vertical"
        clearOnDestroy
        initialValues={initialValues}
        onFinish={submit}
      >
        <Table
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={lines}
          pagination={false}
          scroll={{ x: "max-content" }}
        />
        <Divider titlePlacement="start">{t("orderShipments.transport")}</Divider>
        <ShipmentDetailFields full={false} />
      </Form>
    </Drawer>
  );
}

function ShipmentRows({ shipments, loading }: { shipments: Shipment[]; loading: boolean }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Shipment> = [
    {
      title: t("shipmentFields.number"),
      key: "number",
      render: (_, shipment) => <ShipmentLink shipment={shipment} />,
    },
    {
      title: t("shipmentFields.status"),
      key: "status",
      render: (_, shipment) => <ShipmentStatusTag status={shipment.status} />,
    },
    {
      title: t("shipmentFields.mode"),
      key: "mode",
      render: (_, shipment) => t(`shipmentModes.${shipment.mode}`),
    },
    {
      title: t("shipments.lines"),
      key: "lines",
      render: (_, shipment) =>
        shipment.lines
          .map((line) => `${line.sku ?? line.description} × ${formatQuantity(line.quantity)}`)
          .join(", "),
    },
    ...scheduleColumns(t),
    {
      title: t("shipmentFields.departedAt"),
      key: "departedAt",
      render: (_, shipment) => <TimestampText value={shipment.departedAt} />,
    },
    { title: t("shipmentFields.blNumber"), key: "bl", render: (_, shipment) => shipment.blNumber ?? "—" },
  ];
  return (
    <Table<Shipment>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={shipments}
      loading={loading}
      pagination={false}
      scroll={{ x: "max-content" }}
    />
  );
}

// The order page's view of logistics: which lots are planned or on their way, refreshed by the live
// stream as logistics moves them, and for logistics the place to plan the next lot.
export function OrderShipments({ order }: { order: Order }) {
  const { t } = useTranslation();
  const me = useMe();
  const live = useLiveUpdates();
  const shipments = useOrderShipments(order.id, live);
  const [planning, setPlanning] = useState(false);
  const items = shipments.data ?? [];
  const remaining = remainingQuantities(order.lines, items);
  const canPlan =
    me.permissions.includes("shipments.write") && SHIPPABLE_ORDER_STATUSES.includes(order.status);
  const anythingLeft = [...remaining.values()].some((left) => Number(left) > 0);

  const emptyText =
    !SHIPPABLE_ORDER_STATUSES.includes(order.status) && order.status !== "shipped"
      ? t("orderShipments.notShippable")
      : canPlan
        ? t("orderShipments.emptyCanPlan")
        : t("orderShipments.empty");

  return (
    <Card
      title={
        <Flex gap={8} align="center">
          {t("orderShipments.title")}
          {live ? (
            <Tooltip title={t("orderShipments.live")}>
              <SyncOutlined style={{ fontSize: 12, opacity: 0.6 }} aria-label={t("orderShipments.live")} />
            </Tooltip>
          ) : null}
        </Flex>
      }
      extra={
        canPlan ? (
          <Tooltip title={anythingLeft ? undefined : t("orderShipments.nothingLeft")}>
            <Button icon={<PlusOutlined />} disabled={!anythingLeft} onClick={() => setPlanning(true)}>
              {t("orderShipments.newShipment")}
            </Button>
          </Tooltip>
        ) : null
      }
    >
      {shipments.isPending || items.length > 0 ? (
        <ShipmentRows shipments={items} loading={shipments.isPending} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
      )}
      {canPlan ? (
        <NewShipmentDrawer
          order={order}
          remaining={remaining}
          open={planning}
          onClose={() => setPlanning(false)}
        />
      ) : null}
    </Card>
  );
}
