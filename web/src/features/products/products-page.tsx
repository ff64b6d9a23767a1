import {
  DownloadOutlined,
  PictureOutlined,
  PlusOutlined,
  UploadOutlined,
  WarningFilled,
} from "@ant-design/icons";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import {
  Button,
  Checkbox,
  Dropdown,
  Empty,
  Flex,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  theme,
} from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { PRODUCT_STATUSES, type Product } from "../../../../shared/schemas/products";
import { PageHeader } from "../../components/page-header";
import { formatAmount, formatQuantity, unitLabel } from "../quotations/trade-display";
import { useMe } from "../session/me-context";
import { ProductDrawer } from "./product-drawer";
import { ProductFormDrawer } from "./product-form";
import { ProductStatusTag } from "./product-status-tag";
import {
  DEFAULT_PAGE_SIZE,
  type ProductsSearch,
  productExportUrl,
  useCategories,
  useProducts,
} from "./products.api";

const route = getRouteApi("/app/products");

function Thumbnail({ product }: { product: Product }) {
  const { token } = theme.useToken();
  const [first] = product.images;
  const box = { width: 40, height: 40, borderRadius: 4, flexShrink: 0 };
  if (!first) {
    return (
      <Flex
        align="center"
        justify="center"
        style={{ ...box, background: token.colorFillTertiary, color: token.colorTextQuaternary }}
      >
        <PictureOutlined />
      </Flex>
    );
  }
  return <img src={first.url} alt="" loading="lazy" style={{ ...box, objectFit: "cover" }} />;
}

export function ProductsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const search = route.useSearch();
  const setSearch = route.useNavigate();
  const { product: openId, ...filters } = search;
  const list = useProducts(filters);
  const categories = useCategories();
  const [creating, setCreating] = useState(false);
  const [text, setText] = useState(search.q ?? "");
  // Back/forward navigation changes the URL under the search box; follow it.
  useEffect(() => setText(search.q ?? ""), [search.q]);
  const can = (permission: (typeof me.permissions)[number]) => me.permissions.includes(permission);
  const update = (patch: Partial<ProductsSearch>) =>
    setSearch({ search: (previous) => ({ ...previous, page: undefined, ...patch }) });
  const open = (id: string | undefined) =>
    setSearch({ search: (previous) => ({ ...previous, product: id }) });
  const filtered = Object.entries(filters).some(
    ([key, value]) => key !== "page" && key !== "pageSize" && value,
  );
  const showStock = can("inventory.read");

  const columns: TableColumnsType<Product> = [
    {
      title: t("products.product"),
      key: "product",
      fixed: "left",
      render: (_, product) => (
        <Flex gap={10} align="center">
          <Thumbnail product={product} />
          <Flex vertical>
            <Typography.Link onClick={() => open(product.id)} style={{ fontWeight: 500 }}>
              {product.name}
            </Typography.Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <Typography.Text code style={{ fontSize: 12 }}>
                {product.sku}
              </Typography.Text>
              {product.nameZh ? ` ${product.nameZh}` : null}
            </Typography.Text>
          </Flex>
        </Flex>
      ),
    },
    { title: t("products.category"), key: "category", render: (_, product) => product.category ?? "—" },
    {
      title: t("products.listPrices"),
      key: "listPrices",
      render: (_, product) => (
        <Space size={2} wrap style={{ maxWidth: 220 }}>
          {product.listPrices.map((price) => (
            <Tag key={price.currency}>{formatAmount(price.amount, price.currency)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t("products.moq"),
      key: "moq",
      align: "right",
      render: (_, product) =>
        product.moq ? `${formatQuantity(product.moq)} ${unitLabel(product.unit, t)}` : "—",
    },
    ...(showStock
      ? [
          {
            title: t("inventory.available"),
            key: "available",
            align: "right" as const,
            render: (_: unknown, product: Product) =>
              product.stock ? (
                <Typography.Text type={product.stock.low ? "danger" : undefined}>
                  {product.stock.low ? <WarningFilled /> : null} {formatQuantity(product.stock.available)}
                </Typography.Text>
              ) : (
                "—"
              ),
          },
        ]
      : []),
    { title: t("products.hsCode"), key: "hsCode", render: (_, product) => product.hsCode ?? "—" },
    {
      title: t("products.status"),
      key: "status",
      render: (_, product) => <ProductStatusTag status={product.status} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t("products.title")}
        subtitle={t("products.subtitle")}
        extra={
          <Space wrap>
            <Dropdown
              trigger={["click"]}
              menu={{
                items: (["xlsx", "csv"] as const).map((format) => ({
                  key: format,
                  label: (
                    <a href={productExportUrl(filters, format)} download>
                      {t(`products.export_${format}`)}
                    </a>
                  ),
                })),
              }}
            >
              <Button icon={<DownloadOutlined />}>{t("products.export")}</Button>
            </Dropdown>
            {can("products.write") ? (
              <Button
                icon={<UploadOutlined />}
                onClick={() => void navigate({ to: "/products/import", search: {} })}
              >
                {t("products.import")}
              </Button>
            ) : null}
            {can("products.write") ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t("products.new")}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          value={text}
          onChange={(event) => setText(event.target.value)}
          onSearch={(value) => update({ q: value.trim() || undefined })}
          placeholder={t("products.searchPlaceholder")}
          aria-label={t("products.searchPlaceholder")}
          style={{ width: 280, maxWidth: "100%" }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          value={search.category}
          onChange={(category) => update({ category })}
          placeholder={t("products.allCategories")}
          aria-label={t("products.category")}
          loading={categories.isPending}
          options={(categories.data ?? []).map((category) => ({ value: category, label: category }))}
          style={{ width: 200 }}
        />
        <Select
          allowClear
          value={search.status}
          onChange={(status) => update({ status })}
          placeholder={t("products.allStatuses")}
          aria-label={t("products.status")}
          options={PRODUCT_STATUSES.map((status) => ({ value: status, label: t(`productStatus.${status}`) }))}
          style={{ width: 160 }}
        />
        {showStock ? (
          <Checkbox
            checked={search.lowStock === "true"}
            onChange={(event) => update({ lowStock: event.target.checked ? "true" : undefined })}
          >
            {t("products.lowStockOnly")}
          </Checkbox>
        ) : null}
      </Flex>
      <Table<Product>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: "max-content" }}
        onRow={(product) => ({ onDoubleClick: () => open(product.id) })}
        locale={{
          emptyText: <Empty description={filtered ? t("products.emptyFiltered") : t("products.empty")} />,
        }}
        pagination={{
          current: search.page ?? 1,
          pageSize: search.pageSize ?? DEFAULT_PAGE_SIZE,
          total: list.data?.total ?? 0,
          showTotal: (total) => t("products.total", { count: total }),
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          onChange: (page, pageSize) =>
            setSearch({
              search: (previous) => ({
                ...previous,
                page,
                pageSize: pageSize === DEFAULT_PAGE_SIZE ? undefined : pageSize,
              }),
            }),
        }}
      />
      <ProductDrawer id={openId} onClose={() => open(undefined)} />
      <ProductFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(product) => open(product.id)}
      />
    </>
  );
}
