import { BellOutlined, PlusOutlined, WarningFilled } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  StockAdjustmentInputSchema,
  type StockLevel,
  type StockMovement,
} from "../../../../shared/schemas/inventory";
import type { Product } from "../../../../shared/schemas/products";
import { RelativeTime } from "../../components/date-time";
import { useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import { useUpdateProduct, useWatchProduct } from "../products/products.api";
import { formatQuantity, unitLabel } from "../quotations/trade-display";
import { useMe } from "../session/me-context";
import { useAdjustStock, useProductStock, useStockMovements, useWarehouses } from "./inventory.api";

type Values = Record<string, unknown>;

function AdjustModal({ product, open, onClose }: { product: Product; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(StockAdjustmentInputSchema);
  const warehouses = useWarehouses();
  const adjust = useAdjustStock();
  const showError = useShowError();
  const defaultWarehouse = warehouses.data?.find((warehouse) => warehouse.isDefault)?.id;

  const submit = (values: Values) => {
    const input = parse(form, { ...values, productId: product.id });
    if (!input) return;
    adjust.mutate(input, {
      onSuccess: (movement) => {
        void message.success(
          t("inventory.adjustedMessage", {
            sku: product.sku,
            available: formatQuantity(movement.availableAfter),
          }),
        );
        onClose();
      },
      onError: (error) => showError(error, form),
    });
  };

  return (
    <Modal
      open={open}
      title={t("inventory.adjustTitle", { sku: product.sku })}
      okText={t("inventory.adjust")}
      okButtonProps={{ loading: adjust.isPending }}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        clearOnDestroy
        initialValues={{ warehouseId: defaultWarehouse }}
        onFinish={submit}
      >
        <Form.Item label={t("inventory.warehouse")} name="warehouseId" {...field("warehouseId")}>
          <Select
            loading={warehouses.isPending}
            options={(warehouses.data ?? []).map((warehouse) => ({
              value: warehouse.id,
              label: warehouse.code ? `${warehouse.name} (${warehouse.code})` : warehouse.name,
            }))}
          />
        </Form.Item>
        <Form.Item
          label={t("inventory.quantityChange")}
          name="quantityChange"
          extra={t("inventory.quantityChangeHelp")}
          {...field("quantityChange")}
        >
          <InputNumber stringMode suffix={unitLabel(product.unit, t)} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item label={t("inventory.reason")} name="reason" {...field("reason")}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={500}
            placeholder={t("inventory.reasonPlaceholder")}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const MOVEMENT_COLORS: Record<StockMovement["kind"], string> = {
  adjustment: "blue",
  reservation: "orange",
  release: "green",
  deduction: "purple",
};

function signed(value: string): string {
  return value.startsWith("-") ? formatQuantity(value) : `+${formatQuantity(value)}`;
}

function Movements({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const movements = useStockMovements(productId);
  const columns: TableColumnsType<StockMovement> = [
    {
      title: t("inventory.when"),
      key: "when",
      render: (_, movement) => <RelativeTime value={movement.createdAt} />,
    },
    {
      title: t("inventory.kind"),
      key: "kind",
      render: (_, movement) => (
        <Tag color={MOVEMENT_COLORS[movement.kind]}>{t(`inventory.kinds.${movement.kind}`)}</Tag>
      ),
    },
    { title: t("inventory.warehouse"), dataIndex: "warehouseName", key: "warehouse" },
    {
      title: t("inventory.change"),
      key: "change",
      align: "right",
      render: (_, movement) => (
        <Flex vertical align="flex-end">
          {Number(movement.onHandChange) !== 0 ? (
            <span>{t("inventory.onHandChange", { change: signed(movement.onHandChange) })}</span>
          ) : null}
          {Number(movement.reservedChange) !== 0 ? (
            <Typography.Text type="secondary">
              {t("inventory.reservedChange", { change: signed(movement.reservedChange) })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t("inventory.availableAfter"),
      key: "after",
      align: "right",
      render: (_, movement) => formatQuantity(movement.availableAfter),
    },
    {
      title: t("inventory.reason"),
      key: "reason",
      render: (_, movement) => (
        <Flex vertical>
          <span>{movement.reason ?? "—"}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {movement.actorName ?? t("audit.system")}
          </Typography.Text>
        </Flex>
      ),
    },
  ];
  return (
    <Table<StockMovement>
      rowKey="id"
      size="small"
      loading={movements.isPending}
      columns={columns}
      dataSource={movements.data}
      pagination={false}
      scroll={{ x: "max-content" }}
      locale={{ emptyText: t("inventory.noMovements") }}
    />
  );
}

// The level below which watchers are told; set here by those who keep the catalogue.
function ThresholdEditor({ product }: { product: Product }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateProduct(product.id);
  const showError = useShowError();
  const [value, setValue] = useState<string | null>(product.lowStockThreshold);
  const changed = (value ?? null) !== (product.lowStockThreshold ?? null);
  return (
    <Space.Compact>
      <InputNumber<string>
        stringMode
        min="0"
        value={value}
        onChange={setValue}
        placeholder={t("inventory.thresholdPlaceholder")}
        aria-label={t("products.lowStockThreshold")}
        suffix={unitLabel(product.unit, t)}
        style={{ width: 180 }}
      />
      <Button
        disabled={!changed}
        loading={update.isPending}
        onClick={() =>
          update.mutate(
            { lowStockThreshold: value || null },
            {
              onSuccess: () => void message.success(t("inventory.thresholdSaved")),
              onError: (error) => showError(error),
            },
          )
        }
      >
        {t("common.save")}
      </Button>
    </Space.Compact>
  );
}

// Stock of one product per warehouse, its adjustments, and who is told when it runs low.
export function StockPanel({ product }: { product: Product }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const levels = useProductStock(product.id);
  const watch = useWatchProduct(product.id);
  const showError = useShowError();
  const [adjusting, setAdjusting] = useState(false);
  const canAdjust = me.permissions.includes("inventory.write");
  const canEditThreshold = me.permissions.includes("products.write");
  const stock = product.stock;
  const unit = unitLabel(product.unit, t);

  const columns: TableColumnsType<StockLevel> = [
    { title: t("inventory.warehouse"), dataIndex: "warehouseName", key: "warehouse" },
    {
      title: t("inventory.onHand"),
      key: "onHand",
      align: "right",
      render: (_, level) => formatQuantity(level.onHand),
    },
    {
      title: t("inventory.reserved"),
      key: "reserved",
      align: "right",
      render: (_, level) => formatQuantity(level.reserved),
    },
    {
      title: t("inventory.available"),
      key: "available",
      align: "right",
      render: (_, level) => <Typography.Text strong>{formatQuantity(level.available)}</Typography.Text>,
    },
  ];

  return (
    <Flex vertical gap={16}>
      {stock ? (
        <Row gutter={16}>
          <Col span={8}>
            <Statistic title={t("inventory.onHand")} value={formatQuantity(stock.onHand)} suffix={unit} />
          </Col>
          <Col span={8}>
            <Statistic title={t("inventory.reserved")} value={formatQuantity(stock.reserved)} suffix={unit} />
          </Col>
          <Col span={8}>
            <Statistic
              title={t("inventory.available")}
              value={formatQuantity(stock.available)}
              suffix={unit}
              styles={{ content: stock.low ? { color: "#cf1322" } : undefined }}
            />
          </Col>
        </Row>
      ) : null}
      {stock?.low ? (
        <Alert
          type="warning"
          showIcon
          icon={<WarningFilled />}
          title={t("inventory.lowStock", {
            available: formatQuantity(stock.available),
            threshold: formatQuantity(product.lowStockThreshold ?? "0"),
          })}
        />
      ) : null}
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Flex vertical gap={4}>
            <Typography.Text>{t("products.lowStockThreshold")}</Typography.Text>
            {canEditThreshold ? (
              <ThresholdEditor product={product} />
            ) : (
              <Typography.Text>
                {product.lowStockThreshold
                  ? `${formatQuantity(product.lowStockThreshold)} ${unit}`
                  : t("inventory.noThreshold")}
              </Typography.Text>
            )}
            <Typography.Text type="secondary">{t("inventory.watchHelp")}</Typography.Text>
          </Flex>
          <Flex align="center" gap={8}>
            <BellOutlined />
            <Typography.Text>{t("inventory.watch")}</Typography.Text>
            <Switch
              checked={product.watching}
              loading={watch.isPending}
              aria-label={t("inventory.watch")}
              onChange={(checked) =>
                watch.mutate(checked, {
                  onSuccess: () =>
                    void message.success(checked ? t("inventory.watching") : t("inventory.notWatching")),
                  onError: (error) => showError(error),
                })
              }
            />
          </Flex>
        </Flex>
      </Card>
      <Flex justify="space-between" align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t("inventory.byWarehouse")}
        </Typography.Title>
        {canAdjust ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdjusting(true)}>
            {t("inventory.adjust")}
          </Button>
        ) : null}
      </Flex>
      <Table<StockLevel>
        rowKey="warehouseId"
        size="small"
        loading={levels.isPending}
        columns={columns}
        dataSource={levels.data}
        pagination={false}
        locale={{ emptyText: t("inventory.noStock") }}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t("inventory.movements")}
      </Typography.Title>
      <Movements productId={product.id} />
      <AdjustModal product={product} open={adjusting} onClose={() => setAdjusting(false)} />
    </Flex>
  );
}
