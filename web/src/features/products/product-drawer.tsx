import { EditOutlined } from "@ant-design/icons";
import {
  Button,
  Descriptions,
  type DescriptionsProps,
  Drawer,
  Flex,
  Grid,
  Result,
  Space,
  Spin,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Product } from "../../../../shared/schemas/products";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../lib/errors";
import { StockPanel } from "../inventory/stock-panel";
import { formatAmount, formatQuantity, unitLabel } from "../quotations/trade-display";
import { useMe } from "../session/me-context";
import { ProductFormDrawer } from "./product-form";
import { ProductImages } from "./product-images";
import { ProductStatusTag } from "./product-status-tag";
import { useProduct } from "./products.api";

function Details({ product }: { product: Product }) {
  const { t } = useTranslation();
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const packing = product.packing;
  const items: NonNullable<DescriptionsProps["items"]> = [
    { key: "sku", label: t("products.sku"), children: <Typography.Text code>{product.sku}</Typography.Text> },
    { key: "status", label: t("products.status"), children: <ProductStatusTag status={product.status} /> },
    { key: "name", label: t("products.name"), children: product.name },
    { key: "nameZh", label: t("products.nameZh"), children: product.nameZh ?? none },
    { key: "category", label: t("products.category"), children: product.category ?? none },
    { key: "hsCode", label: t("products.hsCode"), children: product.hsCode ?? none },
    { key: "unit", label: t("products.unit"), children: unitLabel(product.unit, t) },
    { key: "moq", label: t("products.moq"), children: product.moq ? formatQuantity(product.moq) : none },
    {
      key: "listPrices",
      label: t("products.listPrices"),
      span: "filled",
      children:
        product.listPrices.length > 0 ? (
          <Space size={4} wrap>
            {product.listPrices.map((price) => (
              <Tag key={price.currency}>{formatAmount(price.amount, price.currency)}</Tag>
            ))}
          </Space>
        ) : (
          none
        ),
    },
    {
      key: "priceTiers",
      label: t("products.priceTiers"),
      span: "filled",
      children:
        product.priceTiers.length > 0 ? (
          <Space size={4} wrap>
            {product.priceTiers.map((tier) => (
              <Tag key={`${tier.currency}:${tier.minQuantity}`}>
                {t("products.tierText", {
                  min: formatQuantity(tier.minQuantity),
                  price: formatAmount(tier.amount, tier.currency),
                })}
              </Tag>
            ))}
          </Space>
        ) : (
          none
        ),
    },
    ...(product.costPrice !== undefined
      ? [
          {
            key: "costPrice",
            label: t("products.costPrice"),
            children: product.costPrice ? formatAmount(product.costPrice, product.costCurrency ?? "") : none,
          },
        ]
      : []),
    {
      key: "leadTime",
      label: t("products.leadTime"),
      children: product.leadTimeDays === null ? none : t("trade.days", { count: product.leadTimeDays }),
    },
    { key: "supplier", label: t("products.supplier"), children: product.supplier ?? none },
    {
      key: "packing",
      label: t("products.packing"),
      span: "filled",
      children: packing
        ? t("products.packingText", {
            units: packing.unitsPerCarton,
            unit: unitLabel(product.unit, t),
            l: packing.cartonLengthCm,
            w: packing.cartonWidthCm,
            h: packing.cartonHeightCm,
            cbm: packing.cbmPerCarton,
            gross: packing.grossWeightKg,
            net: packing.netWeightKg,
          })
        : none,
    },
    {
      key: "specifications",
      label: t("products.specifications"),
      span: "filled",
      children:
        product.specifications.length > 0 ? (
          <Flex vertical>
            {product.specifications.map((spec) => (
              <span key={spec.key}>
                <Typography.Text type="secondary">{spec.key}:</Typography.Text> {spec.value}
              </span>
            ))}
          </Flex>
        ) : (
          none
        ),
    },
    {
      key: "description",
      label: t("products.description"),
      span: "filled",
      children: product.description ? (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>
          {product.description}
        </Typography.Paragraph>
      ) : (
        none
      ),
    },
  ];
  return <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={items} />;
}

// One product: its catalogue entry, pictures and stock; editing opens the form over it.
export function ProductDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const product = useProduct(id);
  const [editing, setEditing] = useState(false);
  const canWrite = me.permissions.includes("products.write");
  const data = product.data;

  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      size={screens.md === false ? "100%" : 820}
      title={
        data ? (
          <Space wrap>
            <span>
              {data.sku} · {data.name}
            </span>
            <ProductStatusTag status={data.status} />
          </Space>
        ) : (
          t("products.product")
        )
      }
      extra={
        canWrite && data ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t("common.edit")}
          </Button>
        ) : null
      }
    >
      {product.isPending && id ? <Spin /> : null}
      {product.error ? (
        <Result
          status={product.error instanceof ApiError && product.error.status === 404 ? "404" : "error"}
          title={errorMessage(product.error, t)}
        />
      ) : null}
      {data ? (
        <>
          {data.nameZh ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
              {data.nameZh}
            </Typography.Paragraph>
          ) : null}
          <Tabs
            items={[
              { key: "details", label: t("products.details"), children: <Details product={data} /> },
              {
                key: "images",
                label: t("products.images", { count: data.images.length }),
                children: <ProductImages product={data} canWrite={canWrite} />,
              },
              ...(data.stock
                ? [{ key: "stock", label: t("products.stock"), children: <StockPanel product={data} /> }]
                : []),
            ]}
          />
          <ProductFormDrawer open={editing} product={data} onClose={() => setEditing(false)} />
        </>
      ) : null}
    </Drawer>
  );
}
