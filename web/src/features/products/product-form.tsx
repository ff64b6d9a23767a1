import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  App,
  AutoComplete,
  Button,
  Col,
  Divider,
  Drawer,
  Flex,
  Form,
  type FormInstance,
  Grid,
  Input,
  InputNumber,
  Row,
  Select,
  Typography,
} from "antd";
import Decimal from "decimal.js";
import { useTranslation } from "react-i18next";
import {
  CreateProductInputSchema,
  ListPriceSchema,
  PackingInputSchema,
  PRODUCT_STATUSES,
  PRODUCT_UNITS,
  PriceTierSchema,
  type Product,
  SpecificationSchema,
  UpdateProductInputSchema,
} from "../../../../shared/schemas/products";
import { CurrencySelect } from "../../components/pickers";
import { useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import { useReportIssues } from "../quotations/report-issues";
import { useMe } from "../session/me-context";
import { useCategories, useCreateProduct, useUpdateProduct } from "./products.api";

type Money = { currency?: string; amount?: string | null };
type Tier = { minQuantity?: string | null; currency?: string; amount?: string | null };
type Values = {
  sku?: string;
  name?: string;
  nameZh?: string;
  description?: string;
  category?: string;
  hsCode?: string;
  unit?: string;
  specifications?: { key?: string; value?: string }[];
  listPrices?: Money[];
  priceTiers?: Tier[];
  costPrice?: string | null;
  moq?: string | null;
  leadTimeDays?: number | null;
  packing?: Partial<Record<(typeof PACKING_FIELDS)[number], string | number | null>>;
  supplier?: string;
  status?: string;
  lowStockThreshold?: string | null;
};

const PACKING_FIELDS = [
  "unitsPerCarton",
  "cartonLengthCm",
  "cartonWidthCm",
  "cartonHeightCm",
  "grossWeightKg",
  "netWeightKg",
] as const;

// Cleared number inputs give null; the shared schemas say "not given" with undefined.
const nullToUndefined = (value: unknown) => (value === null ? undefined : value);
const blank = (value: unknown) => value === undefined || value === null || value === "";
const text = (value: string | undefined) => value?.trim() || undefined;
const given = <T,>(value: T | null | undefined) => (blank(value) ? undefined : (value ?? undefined));

function initialValues(product: Product | undefined): Values {
  if (!product) return { unit: "pcs", status: "active", listPrices: [{ currency: "USD" }] };
  return {
    sku: product.sku,
    name: product.name,
    nameZh: product.nameZh ?? undefined,
    description: product.description ?? undefined,
    category: product.category ?? undefined,
    hsCode: product.hsCode ?? undefined,
    unit: product.unit,
    specifications: product.specifications,
    listPrices: product.listPrices,
    priceTiers: product.priceTiers,
    costPrice: product.costPrice ?? undefined,
    moq: product.moq ?? undefined,
    leadTimeDays: product.leadTimeDays ?? undefined,
    packing: product.packing ?? undefined,
    supplier: product.supplier ?? undefined,
    status: product.status,
    lowStockThreshold: product.lowStockThreshold ?? undefined,
  };
}

// The form's values in the API's spelling; packing is all six figures or none.
function inputOf(values: Values, withCost: boolean) {
  const packing = values.packing ?? {};
  const hasPacking = PACKING_FIELDS.some((key) => !blank(packing[key]));
  return {
    sku: text(values.sku),
    name: text(values.name),
    nameZh: text(values.nameZh),
    description: text(values.description),
    category: text(values.category),
    hsCode: text(values.hsCode),
    unit: values.unit,
    specifications: (values.specifications ?? []).map((spec) => ({
      key: spec.key?.trim() ?? "",
      value: spec.value?.trim() ?? "",
    })),
    listPrices: (values.listPrices ?? []).map((price) => ({
      currency: price.currency,
      amount: given(price.amount),
    })),
    priceTiers: (values.priceTiers ?? []).map((tier) => ({
      minQuantity: given(tier.minQuantity),
      currency: tier.currency,
      amount: given(tier.amount),
    })),
    costPrice: withCost ? given(values.costPrice) : undefined,
    moq: given(values.moq),
    leadTimeDays: given(values.leadTimeDays),
    packing: hasPacking
      ? Object.fromEntries(PACKING_FIELDS.map((key) => [key, given(packing[key])]))
      : undefined,
    supplier: text(values.supplier),
    status: values.status,
    lowStockThreshold: given(values.lowStockThreshold),
  };
}

// Only what changed is sent; a field emptied in the form is sent as null, which clears it.
function changesOf(product: Product, input: ReturnType<typeof inputOf>): Record<string, unknown> {
  const before = inputOf(initialValues(product), product.costPrice !== undefined);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(input) as (keyof typeof input)[]) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(input[key] ?? null)) {
      patch[key] = input[key] ?? null;
    }
  }
  return patch;
}

// Cubic metres per carton, as the server computes it: L × W × H / 10⁶ with six decimals.
function cbmPerCarton(packing: Values["packing"]): string | undefined {
  try {
    const sides = [packing?.cartonLengthCm, packing?.cartonWidthCm, packing?.cartonHeightCm];
    if (sides.some(blank)) return undefined;
    const [l, w, h] = sides.map((side) => new Decimal(String(side)));
    if (!l || !w || !h) return undefined;
    return l.times(w).times(h).div(1_000_000).toDecimalPlaces(6).toFixed();
  } catch {
    return undefined;
  }
}

function PriceList({ form }: { form: FormInstance<Values> }) {
  const { t } = useTranslation();
  const price = useSchemaForm(ListPriceSchema);
  return (
    <Form.List
      name="listPrices"
      rules={[
        {
          validator: async (_rule, prices: Money[] | undefined) => {
            const currencies = (prices ?? []).map((entry) => entry.currency);
            if (new Set(currencies).size !== currencies.length)
              throw new Error(t("products.duplicateCurrency"));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={0}>
          {fields.map(({ key, name }) => (
            <Row key={key} gutter={8}>
              <Col span={10}>
                <Form.Item name={[name, "currency"]} {...price.field("currency")}>
                  <CurrencySelect aria-label={t("products.priceCurrencyOf", { position: name + 1 })} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name={[name, "amount"]} {...price.field("amount")}>
                  <InputNumber
                    aria-label={t("products.priceAmountOf", { position: name + 1 })}
                    stringMode
                    min="0"
                    style={{ width: "100%" }}
                  />
                </Form.Item>
              </Col>
              <Col span={2}>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t("products.remove")}
                  onClick={() => remove(name)}
                />
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              add({ currency: undefined });
              void form.validateFields([["listPrices"]]).catch(() => undefined);
            }}
            style={{ alignSelf: "flex-start" }}
          >
            {t("products.addPrice")}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

function PriceTiers() {
  const { t } = useTranslation();
  const tier = useSchemaForm(PriceTierSchema);
  return (
    <Form.List name="priceTiers">
      {(fields, { add, remove }) => (
        <Flex vertical gap={0}>
          {fields.map(({ key, name }) => (
            <Row key={key} gutter={8}>
              <Col span={7}>
                <Form.Item name={[name, "minQuantity"]} {...tier.field("minQuantity")}>
                  <InputNumber
                    aria-label={t("products.tierMinOf", { position: name + 1 })}
                    stringMode
                    min="0"
                    prefix="≥"
                    style={{ width: "100%" }}
                  />
                </Form.Item>
              </Col>
              <Col span={7}>
                <Form.Item name={[name, "currency"]} {...tier.field("currency")}>
                  <CurrencySelect aria-label={t("products.tierCurrencyOf", { position: name + 1 })} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name={[name, "amount"]} {...tier.field("amount")}>
                  <InputNumber
                    aria-label={t("products.tierAmountOf", { position: name + 1 })}
                    stringMode
                    min="0"
                    style={{ width: "100%" }}
                  />
                </Form.Item>
              </Col>
              <Col span={2}>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t("products.remove")}
                  onClick={() => remove(name)}
                />
              </Col>
            </Row>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ currency: "USD" })}
            style={{ alignSelf: "flex-start" }}
          >
            {t("products.addTier")}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

function Specifications() {
  const { t } = useTranslation();
  const spec = useSchemaForm(SpecificationSchema);
  return (
    <Form.List name="specifications">
      {(fields, { add, remove }) => (
        <Flex vertical gap={0}>
          {fields.map(({ key, name }) => (
            <Row key={key} gutter={8}>
              <Col span={9}>
                <Form.Item name={[name, "key"]} {...spec.field("key")}>
                  <Input
                    aria-label={t("products.specKeyOf", { position: name + 1 })}
                    placeholder={t("products.specKeyPlaceholder")}
                  />
                </Form.Item>
              </Col>
              <Col span={13}>
                <Form.Item name={[name, "value"]} {...spec.field("value")}>
                  <Input
                    aria-label={t("products.specValueOf", { position: name + 1 })}
                    placeholder={t("products.specValuePlaceholder")}
                  />
                </Form.Item>
              </Col>
              <Col span={2}>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t("products.remove")}
                  onClick={() => remove(name)}
                />
              </Col>
            </Row>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: "flex-start" }}>
            {t("products.addSpec")}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

function PackingFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  const values = Form.useWatch("packing", form);
  const cbm = cbmPerCarton(values);
  // Packing is optional, but once one figure is given the estimate needs all six.
  const completeness = (key: (typeof PACKING_FIELDS)[number]) => ({
    dependencies: PACKING_FIELDS.filter((other) => other !== key).map((other) => ["packing", other]),
    normalize: nullToUndefined,
    rules: [
      {
        validator: async (_rule: unknown, value: unknown) => {
          if (!blank(value)) {
            if (!PackingInputSchema.shape[key].safeParse(value).success)
              throw new Error(t("validation.invalid"));
            return;
          }
          const others = (form.getFieldValue("packing") ?? {}) as NonNullable<Values["packing"]>;
          if (PACKING_FIELDS.some((other) => !blank(others[other]))) {
            throw new Error(t("products.packingIncomplete"));
          }
        },
      },
    ],
  });
  const number = (key: (typeof PACKING_FIELDS)[number], label: string, suffix: string, integer = false) => (
    <Col xs={12} md={8} key={key}>
      <Form.Item label={label} name={["packing", key]} {...completeness(key)}>
        {integer ? (
          <InputNumber min={1} precision={0} suffix={suffix} style={{ width: "100%" }} />
        ) : (
          <InputNumber stringMode min="0" suffix={suffix} style={{ width: "100%" }} />
        )}
      </Form.Item>
    </Col>
  );
  return (
    <>
      <Row gutter={12}>
        {number("unitsPerCarton", t("products.unitsPerCarton"), t("products.perCarton"), true)}
        {number("cartonLengthCm", t("products.cartonLength"), "cm")}
        {number("cartonWidthCm", t("products.cartonWidth"), "cm")}
        {number("cartonHeightCm", t("products.cartonHeight"), "cm")}
        {number("grossWeightKg", t("products.grossWeight"), "kg")}
        {number("netWeightKg", t("products.netWeight"), "kg")}
      </Row>
      <Typography.Text type="secondary">
        {t("products.cbmPerCarton")}: {cbm ? `${cbm} m³` : "—"}
      </Typography.Text>
    </>
  );
}

// Creates a product (`product` undefined) or edits one: every field of the catalogue entry.
export function ProductFormDrawer({
  open,
  product,
  onClose,
  onCreated,
}: {
  open: boolean;
  product?: Product;
  onClose: () => void;
  onCreated?: (product: Product) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const { field } = useSchemaForm(CreateProductInputSchema);
  const categories = useCategories();
  const create = useCreateProduct();
  const update = useUpdateProduct(product?.id ?? "");
  const showError = useShowError();
  const reportIssues = useReportIssues(form);
  const withCost = me.permissions.includes("products.cost");

  const submit = (values: Values) => {
    const input = inputOf(values, withCost);
    const onError = (error: unknown) => showError(error, form);
    if (!product) {
      const parsed = CreateProductInputSchema.safeParse(input);
      if (!parsed.success) return reportIssues(parsed.error.issues);
      create.mutate(parsed.data, {
        onSuccess: (created) => {
          void message.success(t("products.createdMessage", { sku: created.sku }));
          onClose();
          onCreated?.(created);
        },
        onError,
      });
      return;
    }
    const parsed = UpdateProductInputSchema.safeParse(changesOf(product, input));
    if (!parsed.success) return reportIssues(parsed.error.issues);
    if (Object.keys(parsed.data).length === 0) return onClose();
    update.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t("products.savedMessage"));
        onClose();
      },
      onError,
    });
  };

  const half = { xs: 24, md: 12 } as const;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={product ? t("products.editTitle", { sku: product.sku }) : t("products.new")}
      size={screens.md === false ? "100%" : 760}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()}>
            {product ? t("common.save") : t("common.create")}
          </Button>
        </Flex>
      }
    >
      <Form<Values>
        name="productForm"
        form={form}
        layout="vertical"
        clearOnDestroy
        initialValues={initialValues(product)}
        onFinish={submit}
      >
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item label={t("products.sku")} name="sku" {...field("sku")}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t("products.status")} name="status" {...field("status")}>
              <Select
                options={PRODUCT_STATUSES.map((status) => ({
                  value: status,
                  label: t(`productStatus.${status}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t("products.name")} name="name" {...field("name")}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t("products.nameZh")} name="nameZh" {...field("nameZh")}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label={t("products.category")} name="category" {...field("category")}>
              <AutoComplete
                options={(categories.data ?? []).map((category) => ({ value: category }))}
                showSearch={{
                  filterOption: (input, option) =>
                    String(option?.value ?? "")
                      .toLowerCase()
                      .includes(input.toLowerCase()),
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label={t("products.unit")} name="unit" {...field("unit")}>
              <Select options={PRODUCT_UNITS.map((unit) => ({ value: unit, label: t(`units.${unit}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={t("products.hsCode")}
              name="hsCode"
              extra={t("products.hsCodeHelp")}
              {...field("hsCode")}
            >
              <Input autoComplete="off" placeholder="9405.42" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t("products.description")} name="description" {...field("description")}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t("products.pricing")}</Divider>
        <Row gutter={16}>
          <Col {...half}>
            <Typography.Paragraph strong>{t("products.listPrices")}</Typography.Paragraph>
            <PriceList form={form} />
          </Col>
          <Col {...half}>
            <Typography.Paragraph strong>{t("products.priceTiers")}</Typography.Paragraph>
            <PriceTiers />
          </Col>
        </Row>
        <Row gutter={12} style={{ marginTop: 12 }}>
          <Col xs={12} md={8}>
            <Form.Item label={t("products.moq")} name="moq" normalize={nullToUndefined} {...field("moq")}>
              <InputNumber stringMode min="0" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              label={t("products.leadTime")}
              name="leadTimeDays"
              normalize={nullToUndefined}
              {...field("leadTimeDays")}
            >
              <InputNumber
                min={0}
                max={730}
                precision={0}
                suffix={t("trade.daysUnit")}
                style={{ width: "100%" }}
              />
            </Form.Item>
          </Col>
          {withCost ? (
            <Col xs={24} md={8}>
              <Form.Item
                label={t("products.costPrice")}
                name="costPrice"
                normalize={nullToUndefined}
                extra={t("products.costPriceHelp")}
                {...field("costPrice")}
              >
                <InputNumber stringMode min="0" prefix={me.workspace.currency} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>

        <Divider titlePlacement="start">{t("products.packing")}</Divider>
        <PackingFields />

        <Divider titlePlacement="start">{t("products.specifications")}</Divider>
        <Specifications />

        <Divider titlePlacement="start">{t("products.supplyAndStock")}</Divider>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item label={t("products.supplier")} name="supplier" {...field("supplier")}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t("products.lowStockThreshold")}
              name="lowStockThreshold"
              normalize={nullToUndefined}
              extra={t("products.lowStockThresholdHelp")}
              {...field("lowStockThreshold")}
            >
              <InputNumber stringMode min="0" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
