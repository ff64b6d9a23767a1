import {
  DeleteOutlined,
  EditOutlined,
  SaveOutlined,
  ShoppingOutlined,
  WarningFilled,
} from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  type FormInstance,
  Grid,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Tooltip,
  Typography,
  theme,
} from "antd";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { PRODUCT_UNITS, type Product } from "../../../../shared/schemas/products";
import {
  INCOTERMS,
  type Incoterm,
  type Line,
  LineInputSchema,
  type PaymentDue,
  type PaymentMethod,
} from "../../../../shared/schemas/quotations";
import { CurrencySelect } from "../../components/pickers";
import { useSchemaForm } from "../../lib/schema-form";
import { type Dayjs, dayjs } from "../../lib/time";
import { ProductSelect } from "../products/product-select";
import { useProductsById } from "../products/products.api";
import { CustomerSelect } from "./customer-select";
import { PaymentTermsEditor, type TermValues } from "./payment-terms-editor";
import { type DocumentPreview, previewDocument, referencePrice } from "./pricing";
import { useApprovalSettings, useDocumentCustomer } from "./quotations.api";
import { ContainerEstimateView, formatAmount, Totals } from "./trade-display";

type LineValues = {
  // A free-text line has no product to pick (samples, tooling, freight charged separately).
  free?: boolean;
  productId?: string;
  description?: string;
  quantity?: string | null;
  unit?: string;
  unitPrice?: string | null;
  discountPercent?: number | null;
};

export type EditorValues = {
  customerId?: string;
  contactId?: string;
  currency?: string;
  incoterm?: Incoterm;
  namedPlace?: string;
  paymentTerms?: TermValues[];
  validUntil?: Dayjs;
  requestedDeliveryDate?: Dayjs;
  shippingMarks?: string;
  leadTimeDays?: number | null;
  remarks?: string;
  lines?: LineValues[];
};

// What the form holds, in the API's spelling; each page parses it with its own request schema.
export type EditorPayload = {
  customerId?: string;
  contactId?: string;
  currency?: string;
  incoterm?: Incoterm;
  namedPlace?: string;
  paymentTerms: {
    method?: PaymentMethod;
    percent?: number;
    due?: PaymentDue;
    days?: number;
    note?: string;
  }[];
  leadTimeDays?: number;
  remarks?: string;
  lines: {
    productId?: string;
    description?: string;
    quantity?: string;
    unit?: string;
    unitPrice?: string;
    discountPercent?: number;
  }[];
  validUntil?: string;
  requestedDeliveryDate?: string;
  shippingMarks?: string;
};

type SavedDocument = {
  customerId: string;
  contactId: string | null;
  currency: string;
  incoterm: Incoterm;
  namedPlace: string;
  paymentTerms: TermValues[];
  leadTimeDays: number | null;
  remarks: string | null;
  lines: Line[];
};

// A saved quotation or order as the editor's starting values (editing a draft, or revising).
export function editorValuesOf(document: SavedDocument): EditorValues {
  return {
    customerId: document.customerId,
    contactId: document.contactId ?? undefined,
    currency: document.currency,
    incoterm: document.incoterm,
    namedPlace: document.namedPlace,
    paymentTerms: document.paymentTerms.map((term) => ({ ...term })),
    leadTimeDays: document.leadTimeDays ?? undefined,
    remarks: document.remarks ?? undefined,
    lines: document.lines.map((line) => ({
      free: line.productId === null,
      productId: line.productId ?? undefined,
      description: line.description,
      quantity: line.quantity,
      unit: line.unit,
      unitPrice: line.unitPrice,
      discountPercent: line.discountPercent || undefined,
    })),
  };
}

// What a new document starts from: the usual terms of an export quotation, one empty product line.
export function newDocumentValues(kind: "quotation" | "order", customerId?: string): EditorValues {
  return {
    customerId,
    currency: "USD",
    incoterm: "FOB",
    paymentTerms: [
      { method: "TT", percent: 30, due: "on_confirmation" },
      { method: "TT", percent: 70, due: "before_shipment" },
    ],
    lines: [{ unit: "pcs" }],
    validUntil: kind === "quotation" ? dayjs().add(30, "day") : undefined,
  };
}

// The fields of every quotation and order, without the ones only one of them has.
export function commercialOf(payload: EditorPayload) {
  const {
    validUntil: _validUntil,
    requestedDeliveryDate: _date,
    shippingMarks: _marks,
    ...commercial
  } = payload;
  return commercial;
}

const text = (value: string | undefined) => value?.trim() || undefined;
const present = <T,>(value: T | null | undefined) => (value === null ? undefined : value);
const day = (value: Dayjs | undefined) => value?.format("YYYY-MM-DD");
const nullToUndefined = (value: unknown) => (value === null ? undefined : value);

function payloadOf(values: EditorValues): EditorPayload {
  return {
    customerId: values.customerId,
    contactId: values.contactId,
    currency: values.currency,
    incoterm: values.incoterm,
    namedPlace: text(values.namedPlace),
    paymentTerms: (values.paymentTerms ?? []).map((term) => ({
      method: term.method,
      percent: present(term.percent),
      due: term.due,
      days: present(term.days),
      note: text(term.note),
    })),
    leadTimeDays: present(values.leadTimeDays),
    remarks: text(values.remarks),
    lines: (values.lines ?? []).map((line) => ({
      productId: line.free ? undefined : line.productId,
      description: text(line.description),
      quantity: present(line.quantity),
      unit: line.unit,
      unitPrice: present(line.unitPrice),
      discountPercent: present(line.discountPercent),
    })),
    validUntil: day(values.validUntil),
    requestedDeliveryDate: day(values.requestedDeliveryDate),
    shippingMarks: text(values.shippingMarks),
  };
}

// Where the named place of each rule is: the port or place of shipment, or the destination.
const ORIGIN_RULES: readonly Incoterm[] = ["EXW", "FCA", "FAS", "FOB"];

function IncotermFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<EditorValues>();
  const incoterm = Form.useWatch("incoterm", form);
  const origin = incoterm ? ORIGIN_RULES.includes(incoterm) : true;
  return (
    <Row gutter={12}>
      <Col xs={24} sm={10}>
        <Form.Item
          label={t("trade.incoterm")}
          name="incoterm"
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Select
            showSearch={{ optionFilterProp: "label" }}
            options={INCOTERMS.map((rule) => ({
              value: rule,
              label: `${rule} · ${t(`trade.incoterms.${rule}`)}`,
            }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={14}>
        <Form.Item
          label={t("trade.namedPlace")}
          name="namedPlace"
          extra={origin ? t("trade.placeOrigin") : t("trade.placeDestination")}
          rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
        >
          <Input maxLength={200} placeholder={origin ? "Ningbo" : "Hamburg"} />
        </Form.Item>
      </Col>
    </Row>
  );
}

function ContactSelect({ customerId }: { customerId: string | undefined }) {
  const { t } = useTranslation();
  const customer = useDocumentCustomer(customerId);
  const contacts =
    customerId && customer.data?.access === "full" && customer.data.id === customerId
      ? customer.data.contacts
      : [];
  return (
    <Form.Item label={t("trade.contact")} name="contactId">
      <Select
        allowClear
        disabled={!customerId}
        loading={Boolean(customerId) && customer.isFetching}
        placeholder={t("trade.noContact")}
        options={contacts.map((contact) => ({
          value: contact.id,
          label: contact.title ? `${contact.name} · ${contact.title}` : contact.name,
        }))}
      />
    </Form.Item>
  );
}

type LineRowProps = {
  name: number;
  line: LineValues | undefined;
  product: Product | undefined;
  currency: string;
  preview: DocumentPreview["lines"][number] | undefined;
  threshold: number | undefined;
  onPick: (product: Product) => void;
  onRemove: () => void;
};

function LineRow({ name, line, product, currency, preview, threshold, onPick, onRemove }: LineRowProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { field } = useSchemaForm(LineInputSchema);
  const position = name + 1;
  const free = line?.free === true;
  // An empty amount says "required" rather than the schema's "not a valid number".
  const requiredField = (key: "quantity" | "unitPrice") => ({
    required: true,
    rules: [{ required: true, message: t("validation.required") }, ...(field(key).rules ?? [])],
  });
  const belowMoq =
    product?.moq && line?.quantity && Number.isFinite(Number(line.quantity))
      ? Number(line.quantity) < Number(product.moq)
      : false;
  const offList = preview?.offListPercent ?? null;
  const needsApproval = threshold !== undefined && offList !== null && offList > threshold;
  const noListPrice = product && !product.listPrices.some((price) => price.currency === currency);

  return (
    <Row
      gutter={8}
      align="top"
      style={{ padding: "8px 0", borderBottom: `1px solid ${token.colorBorderSecondary}` }}
    >
      <Col xs={24} lg={8}>
        <Flex vertical gap={4}>
          {free ? null : (
            <Form.Item
              name={[name, "productId"]}
              style={{ marginBottom: 0 }}
              rules={[{ required: true, message: t("trade.pickProductRequired") }]}
            >
              <ProductSelect
                aria-label={t("trade.productOf", { position })}
                selected={product}
                onPick={onPick}
              />
            </Form.Item>
          )}
          <Form.Item
            name={[name, "description"]}
            style={{ marginBottom: 0 }}
            {...(free
              ? { rules: [{ required: true, whitespace: true, message: t("validation.required") }] }
              : {})}
          >
            <Input
              aria-label={t("trade.descriptionOf", { position })}
              placeholder={free ? t("trade.freeTextPlaceholder") : t("trade.descriptionPlaceholder")}
              maxLength={1000}
            />
          </Form.Item>
          {product?.nameZh ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {product.nameZh}
            </Typography.Text>
          ) : null}
        </Flex>
      </Col>
      <Col xs={12} sm={8} lg={3}>
        <Form.Item
          name={[name, "quantity"]}
          style={{ marginBottom: 0 }}
          validateFirst
          extra={belowMoq && product?.moq ? t("trade.belowMoq", { moq: product.moq }) : undefined}
          {...requiredField("quantity")}
        >
          <InputNumber
            aria-label={t("trade.quantityOf", { position })}
            placeholder={t("trade.quantity")}
            stringMode
            min="0"
            style={{ width: "100%" }}
          />
        </Form.Item>
      </Col>
      <Col xs={12} sm={4} lg={2}>
        <Form.Item name={[name, "unit"]} style={{ marginBottom: 0 }}>
          <Select
            aria-label={t("trade.unitOf", { position })}
            options={PRODUCT_UNITS.map((unit) => ({ value: unit, label: t(`units.${unit}`) }))}
          />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6} lg={3}>
        <Form.Item
          name={[name, "unitPrice"]}
          style={{ marginBottom: 0 }}
          validateFirst
          extra={noListPrice ? t("trade.noListPrice", { currency }) : undefined}
          {...requiredField("unitPrice")}
        >
          <InputNumber
            aria-label={t("trade.unitPriceOf", { position })}
            placeholder={t("trade.unitPrice")}
            stringMode
            min="0"
            prefix={currency}
            style={{ width: "100%" }}
          />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6} lg={2}>
        <Form.Item
          name={[name, "discountPercent"]}
          style={{ marginBottom: 0 }}
          normalize={nullToUndefined}
          {...field("discountPercent")}
        >
          <InputNumber
            aria-label={t("trade.discountOf", { position })}
            placeholder={t("trade.discountPercent")}
            min={0}
            max={100}
            precision={2}
            suffix="%"
            style={{ width: "100%" }}
          />
        </Form.Item>
      </Col>
      <Col xs={20} sm={10} lg={5} style={{ textAlign: "right", paddingTop: 5 }}>
        <Flex vertical align="flex-end">
          <Typography.Text strong aria-label={t("trade.lineTotalOf", { position })}>
            {preview ? formatAmount(preview.lineTotal, currency) : "—"}
          </Typography.Text>
          {offList !== null && offList > 0 && preview?.listPrice ? (
            <Tooltip
              title={
                needsApproval
                  ? t("trade.needsApprovalHint", { percent: offList, threshold })
                  : t("trade.offListHint", {
                      percent: offList,
                      list: formatAmount(preview.listPrice, currency),
                    })
              }
            >
              <Typography.Text type={needsApproval ? "warning" : "secondary"} style={{ fontSize: 12 }}>
                {needsApproval ? <WarningFilled /> : null} {t("trade.offList", { percent: offList })}
              </Typography.Text>
            </Tooltip>
          ) : null}
        </Flex>
      </Col>
      <Col xs={4} sm={2} lg={1} style={{ textAlign: "right" }}>
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t("trade.removeLine", { position })}
          onClick={onRemove}
        />
      </Col>
    </Row>
  );
}

// Column titles over the lines; below `lg` each line wraps, and the inputs' placeholders name them.
function LinesHeader() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  if (screens.lg === false) return null;
  const cell = (span: number, label: string, right = false) => (
    <Col span={span} style={right ? { textAlign: "right" } : undefined}>
      <Typography.Text type="secondary">{label}</Typography.Text>
    </Col>
  );
  return (
    <Row gutter={8}>
      {cell(8, t("trade.lineDescription"))}
      {cell(3, t("trade.quantity"))}
      {cell(2, t("trade.unit"))}
      {cell(3, t("trade.unitPrice"))}
      {cell(2, t("trade.discountPercent"))}
      {cell(5, t("trade.lineTotal"), true)}
    </Row>
  );
}

type Props = {
  kind: "quotation" | "order";
  form: FormInstance<EditorValues>;
  initialValues: EditorValues;
  // Editing an existing document: its customer never changes (the API refuses it).
  fixedCustomer?: { id: string; name: string };
  // A customer passed from its page, chosen already but still changeable.
  suggestedCustomer?: { id: string; name: string };
  saving: boolean;
  saveLabel: string;
  onSave: (payload: EditorPayload) => void;
  onCancel: () => void;
  notice?: ReactNode;
};

export function DocumentEditor({
  kind,
  form,
  initialValues,
  fixedCustomer,
  suggestedCustomer,
  saving,
  saveLabel,
  onSave,
  onCancel,
  notice,
}: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const approvalSettings = useApprovalSettings();
  const threshold = approvalSettings.data?.discountThresholdPercent;
  // Products picked in this session; the ones already on the document are fetched below.
  const [picked, setPicked] = useState<Map<string, Product>>(new Map());
  const initialIds = useMemo(
    () => [
      ...new Set((initialValues.lines ?? []).flatMap((line) => (line.productId ? [line.productId] : []))),
    ],
    [initialValues.lines],
  );
  const fetched = useProductsById(initialIds);
  const products = new Map(picked);
  for (const result of fetched) {
    if (result.data && !products.has(result.data.id)) products.set(result.data.id, result.data);
  }

  const customerId = Form.useWatch("customerId", form);
  const currency = Form.useWatch("currency", form) ?? initialValues.currency ?? "USD";
  const lines = (Form.useWatch("lines", form) ?? []) as (LineValues | undefined)[];
  const preview = previewDocument(
    lines.map((line) => ({
      quantity: line?.quantity,
      unitPrice: line?.unitPrice,
      discountPercent: line?.discountPercent,
      product: line?.productId && !line.free ? products.get(line.productId) : undefined,
    })),
    currency,
  );
  const overThreshold =
    threshold === undefined
      ? 0
      : preview.lines.filter((line) => line?.offListPercent != null && line.offListPercent > threshold)
          .length;

  const pickProduct = (name: number, product: Product) => {
    setPicked((previous) => new Map(previous).set(product.id, product));
    const current = form.getFieldValue(["lines", name]) as LineValues | undefined;
    // A new line starts at the product's minimum order quantity and its price for that quantity.
    const typed =
      current?.quantity && Number.isFinite(Number(current.quantity)) ? current.quantity : undefined;
    const quantity = typed ?? product.moq ?? "1";
    const price = referencePrice(product, currency, quantity);
    form.setFieldValue(["lines", name], {
      ...current,
      productId: product.id,
      description: product.name,
      unit: product.unit,
      quantity,
      unitPrice: price ? price.toFixed() : undefined,
    });
  };

  const submit = (values: EditorValues) => onSave(payloadOf(values));

  const half = { xs: 24, md: 12, xl: 8 } as const;
  return (
    <Form<EditorValues>
      name={kind === "quotation" ? "quotationEditor" : "orderEditor"}
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={submit}
      onFinishFailed={({ errorFields }) => {
        const [first] = errorFields;
        if (first) form.scrollToField(first.name, { block: "center" });
      }}
      onValuesChange={(changed: EditorValues) => {
        // Another customer has other contacts.
        if ("customerId" in changed) form.setFieldValue("contactId", undefined);
      }}
    >
      <Flex vertical gap={16}>
        {notice}
        <Card title={t("trade.customerAndTerms")}>
          <Row gutter={12}>
            <Col {...half}>
              <Form.Item
                label={t("trade.customer")}
                name="customerId"
                rules={[{ required: true, message: t("trade.pickCustomerRequired") }]}
              >
                {fixedCustomer ? (
                  <Select disabled options={[{ value: fixedCustomer.id, label: fixedCustomer.name }]} />
                ) : (
                  <CustomerSelect selected={suggestedCustomer} />
                )}
              </Form.Item>
            </Col>
            <Col {...half}>
              <ContactSelect customerId={customerId} />
            </Col>
            <Col {...half}>
              <Form.Item
                label={t("trade.currency")}
                name="currency"
                rules={[{ required: true, message: t("validation.required") }]}
              >
                <CurrencySelect />
              </Form.Item>
            </Col>
            <Col xs={24} xl={16}>
              <IncotermFields />
            </Col>
            {kind === "quotation" ? (
              <Col {...half}>
                <Form.Item
                  label={t("trade.validUntil")}
                  name="validUntil"
                  rules={[{ required: true, message: t("validation.required") }]}
                >
                  <DatePicker
                    style={{ width: "100%" }}
                    disabledDate={(date) => date.isBefore(dayjs(), "day")}
                    presets={[15, 30, 60, 90].map((days) => ({
                      label: t("trade.validForDays", { count: days }),
                      value: dayjs().add(days, "day"),
                    }))}
                  />
                </Form.Item>
              </Col>
            ) : (
              <Col {...half}>
                <Form.Item label={t("trade.requestedDeliveryDate")} name="requestedDeliveryDate">
                  <DatePicker
                    style={{ width: "100%" }}
                    disabledDate={(date) => date.isBefore(dayjs(), "day")}
                  />
                </Form.Item>
              </Col>
            )}
            <Col {...half}>
              <Form.Item
                label={t("trade.leadTimeDays")}
                name="leadTimeDays"
                normalize={nullToUndefined}
                extra={t("trade.leadTimeHelp")}
              >
                <InputNumber
                  min={0}
                  max={3650}
                  precision={0}
                  suffix={t("trade.daysUnit")}
                  style={{ width: "100%" }}
                />
              </Form.Item>
            </Col>
            {kind === "order" ? (
              <Col xs={24} md={12}>
                <Form.Item
                  label={t("trade.shippingMarks")}
                  name="shippingMarks"
                  extra={t("trade.shippingMarksHelp")}
                >
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
                </Form.Item>
              </Col>
            ) : null}
            <Col xs={24} md={kind === "order" ? 12 : 24}>
              <Form.Item label={t("trade.remarks")} name="remarks">
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t("trade.paymentTerms")}>
          <PaymentTermsEditor />
        </Card>

        <Card title={t("trade.lines")}>
          <Form.List
            name="lines"
            rules={[
              {
                validator: async (_rule, value: LineValues[] | undefined) => {
                  if (!value || value.length === 0) throw new Error(t("trade.linesRequired"));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Flex vertical gap={8}>
                {fields.length > 0 ? <LinesHeader /> : null}
                {fields.map(({ key, name }) => {
                  const line = lines[name];
                  return (
                    <LineRow
                      key={key}
                      name={name}
                      line={line}
                      product={line?.productId ? products.get(line.productId) : undefined}
                      currency={currency}
                      preview={preview.lines[name]}
                      threshold={threshold}
                      onPick={(product) => pickProduct(name, product)}
                      onRemove={() => remove(name)}
                    />
                  );
                })}
                <Form.ErrorList errors={errors} />
                <Space wrap>
                  <Button icon={<ShoppingOutlined />} onClick={() => add({ unit: "pcs" })}>
                    {t("trade.addProductLine")}
                  </Button>
                  <Button
                    icon={<EditOutlined />}
                    onClick={() => add({ free: true, unit: "pcs", quantity: "1" })}
                  >
                    {t("trade.addFreeLine")}
                  </Button>
                </Space>
              </Flex>
            )}
          </Form.List>
          <div style={{ marginTop: 16 }}>
            <Totals
              subtotal={preview.subtotal}
              discountTotal={preview.discountTotal}
              total={preview.total}
              currency={currency}
            />
            <Typography.Text type="secondary">{t("trade.previewNote")}</Typography.Text>
          </div>
        </Card>

        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <ContainerEstimateView estimate={preview.containerEstimate} />
          </Col>
          <Col xs={24} lg={12}>
            {overThreshold > 0 && threshold !== undefined ? (
              <Alert
                type="warning"
                showIcon
                title={t("trade.approvalNeeded", { count: overThreshold, threshold })}
                description={t("trade.approvalNeededHelp")}
              />
            ) : null}
          </Col>
        </Row>

        {/* The total and the save button stay in reach however long the document grows. */}
        <Flex
          justify="space-between"
          align="center"
          gap={12}
          wrap
          style={{
            position: "sticky",
            bottom: 0,
            zIndex: 5,
            padding: "12px 16px",
            background: token.colorBgContainer,
            border: `1px solid ${token.colorBorderSecondary}`,
            borderRadius: token.borderRadiusLG,
            boxShadow: token.boxShadowTertiary,
          }}
        >
          <Typography.Text strong style={{ fontSize: 16 }} aria-live="polite">
            {t("trade.grandTotal", { total: formatAmount(preview.total, currency) })}
          </Typography.Text>
          <Space>
            <Button onClick={onCancel}>{t("common.cancel")}</Button>
            <Button type="primary" htmlType="submit" loading={saving} icon={<SaveOutlined />}>
              {saveLabel}
            </Button>
          </Space>
        </Flex>
      </Flex>
    </Form>
  );
}
