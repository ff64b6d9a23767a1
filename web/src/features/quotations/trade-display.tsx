import { WarningOutlined } from "@ant-design/icons";
import { Link } from "@tanstack/react-router";
import {
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Progress,
  Row,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { PRODUCT_UNITS, type ProductUnit } from "../../../../shared/schemas/products";
import {
  CONTAINER_TYPES,
  type ContainerEstimate,
  type Incoterm,
  type Line,
  type PaymentTerm,
  type QuotationStatus,
  type QuotationSummary,
} from "../../../../shared/schemas/quotations";
import { currentLocale } from "../../i18n";
import { dayjs } from "../../lib/time";
import { currencyDigits } from "./pricing";

// An amount as the API gives it (an exact decimal string) with its currency, grouped for the reader's
// language without passing through a float: Intl formats decimal strings exactly.
export function formatAmount(amount: string, currency: string): string {
  const digits = currencyDigits(currency);
  const formatted = new Intl.NumberFormat(currentLocale(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: Math.max(digits, 4),
  }).format(amount as `${number}`);
  return `${currency} ${formatted}`;
}

export function formatQuantity(quantity: string): string {
  return new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: 4 }).format(quantity as `${number}`);
}

const QUOTATION_STATUS_COLORS: Record<QuotationStatus, string> = {
  draft: "default",
  sent: "blue",
  accepted: "green",
  rejected: "red",
  expired: "orange",
};

export function QuotationStatusTag({ status }: { status: QuotationStatus }) {
  const { t } = useTranslation();
  return <Tag color={QUOTATION_STATUS_COLORS[status]}>{t(`quotationStatus.${status}`)}</Tag>;
}

function incotermText(incoterm: Incoterm, namedPlace: string, t: TFunction): string {
  return `${incoterm} ${namedPlace} · ${t(`trade.incoterms.${incoterm}`)}`;
}

// "30% T/T deposit on order confirmation": the schedule the way a contract spells it.
export function paymentTermText(
  term: Pick<PaymentTerm, "method" | "percent" | "due"> & { days?: number | null },
  t: TFunction,
) {
  return t("trade.paymentTermLine", {
    percent: term.percent,
    method: t(`trade.paymentMethods.${term.method}`),
    due: t(`trade.paymentDue.${term.due}`, { days: term.days ?? 0 }),
  });
}

function PaymentTermsText({ terms }: { terms: PaymentTerm[] }) {
  const { t } = useTranslation();
  return (
    <Flex vertical>
      {terms.map((term, index) => (
        // Terms have no id; their order is what they mean.
        // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity of an instalment
        <span key={index}>
          {paymentTermText(term, t)}
          {term.note ? <Typography.Text type="secondary"> · {term.note}</Typography.Text> : null}
        </span>
      ))}
    </Flex>
  );
}

type Commercial = Pick<
  QuotationSummary,
  | "customerId"
  | "customerName"
  | "contactName"
  | "ownerName"
  | "currency"
  | "incoterm"
  | "incotermVersion"
  | "namedPlace"
  | "paymentTerms"
  | "leadTimeDays"
  | "remarks"
>;

// The terms every quotation and order carries, with the document's own fields added by the caller.
export function CommercialTerms({
  document,
  extra = [],
}: {
  document: Commercial;
  extra?: NonNullable<DescriptionsProps["items"]>;
}) {
  const { t } = useTranslation();
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const items: NonNullable<DescriptionsProps["items"]> = [
    {
      key: "customer",
      label: t("trade.customer"),
      children: (
        <Link to="/customers/$id" params={{ id: document.customerId }}>
          {document.customerName}
        </Link>
      ),
    },
    { key: "contact", label: t("trade.contact"), children: document.contactName ?? none },
    { key: "owner", label: t("trade.owner"), children: document.ownerName ?? none },
    { key: "currency", label: t("trade.currency"), children: document.currency },
    {
      key: "incoterm",
      label: t("trade.incoterm"),
      children: (
        <span>
          {incotermText(document.incoterm, document.namedPlace, t)}{" "}
          <Typography.Text type="secondary">
            {t("trade.incotermsVersion", { version: document.incotermVersion })}
          </Typography.Text>
        </span>
      ),
    },
    {
      key: "leadTime",
      label: t("trade.leadTimeDays"),
      children: document.leadTimeDays === null ? none : t("trade.days", { count: document.leadTimeDays }),
    },
    ...extra,
    {
      key: "paymentTerms",
      label: t("trade.paymentTerms"),
      span: "filled",
      children: <PaymentTermsText terms={document.paymentTerms} />,
    },
    {
      key: "remarks",
      label: t("trade.remarks"),
      span: "filled",
      children: document.remarks ? (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>
          {document.remarks}
        </Typography.Paragraph>
      ) : (
        none
      ),
    },
  ];
  return <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} items={items} />;
}

// A document date ("2026-03-31") is a calendar day, the same day wherever it is read.
export function DateText({ value }: { value: string | null }) {
  // Subscribed so the month names follow a language switch.
  useTranslation();
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
  return <span>{dayjs(value).format("LL")}</span>;
}

export function unitLabel(unit: string, t: TFunction): string {
  return isProductUnit(unit) ? t(`units.${unit}`) : unit;
}

function isProductUnit(value: string): value is ProductUnit {
  return (PRODUCT_UNITS as readonly string[]).includes(value);
}

// The lines as the server priced them; costs only come in answers to managers and admins.
export function DocumentLines({
  lines,
  currency,
  costCurrency,
}: {
  lines: Line[];
  currency: string;
  // Costs are kept in the workspace currency, whatever the document's.
  costCurrency?: string;
}) {
  const { t } = useTranslation();
  const showCost = lines.some((line) => line.unitCost !== undefined);
  const columns: TableColumnsType<Line> = [
    { title: "#", dataIndex: "position", key: "position", width: 48 },
    {
      title: t("trade.lineDescription"),
      key: "description",
      render: (_, line) => (
        <Flex vertical>
          <span>
            {line.sku ? <Typography.Text code>{line.sku}</Typography.Text> : null} {line.description}
          </span>
          {line.descriptionZh ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {line.descriptionZh}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { title: t("trade.hsCode"), key: "hsCode", render: (_, line) => line.hsCode ?? "—" },
    {
      title: t("trade.quantity"),
      key: "quantity",
      align: "right",
      render: (_, line) => `${formatQuantity(line.quantity)} ${unitLabel(line.unit, t)}`,
    },
    {
      title: t("trade.unitPrice"),
      key: "unitPrice",
      align: "right",
      render: (_, line) => formatAmount(line.unitPrice, currency),
    },
    {
      title: t("trade.discountPercent"),
      key: "discount",
      align: "right",
      render: (_, line) => (
        <span>
          {line.discountPercent > 0 ? `${line.discountPercent}%` : "—"}
          {line.discountOffListPercent !== null && line.discountOffListPercent > 0 && line.listPrice ? (
            <Tooltip
              title={t("trade.offListHint", {
                percent: line.discountOffListPercent,
                list: formatAmount(line.listPrice, currency),
              })}
            >
              <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                {t("trade.offList", { percent: line.discountOffListPercent })}
              </Typography.Text>
            </Tooltip>
          ) : null}
        </span>
      ),
    },
    {
      title: t("trade.lineTotal"),
      key: "lineTotal",
      align: "right",
      render: (_, line) => <Typography.Text strong>{formatAmount(line.lineTotal, currency)}</Typography.Text>,
    },
    ...(showCost
      ? [
          {
            title: t("trade.unitCost"),
            key: "unitCost",
            align: "right" as const,
            render: (_: unknown, line: Line) =>
              line.unitCost ? formatAmount(line.unitCost, costCurrency ?? "") : "—",
          },
        ]
      : []),
  ];
  return (
    <Table<Line>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={lines}
      pagination={false}
      scroll={{ x: "max-content" }}
    />
  );
}

export function Totals({
  subtotal,
  discountTotal,
  total,
  currency,
}: {
  subtotal: string;
  discountTotal: string;
  total: string;
  currency: string;
}) {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col xs={24} sm={8}>
        <Statistic title={t("trade.subtotal")} value={formatAmount(subtotal, currency)} />
      </Col>
      <Col xs={24} sm={8}>
        <Statistic title={t("trade.discountTotal")} value={formatAmount(discountTotal, currency)} />
      </Col>
      <Col xs={24} sm={8}>
        <Statistic
          title={t("trade.total")}
          value={formatAmount(total, currency)}
          styles={{ content: { fontWeight: 600 } }}
        />
      </Col>
    </Row>
  );
}

// How full one container would be: 0.45 fills under half of a 20GP, 2.3 needs three of them.
function FillBar({ type, fill }: { type: (typeof CONTAINER_TYPES)[number]; fill: number }) {
  const { t } = useTranslation();
  const containers = Math.max(1, Math.ceil(fill));
  const percent = Math.round(fill * 100);
  return (
    <div>
      <Flex justify="space-between" gap={8}>
        <Typography.Text strong>{type}</Typography.Text>
        <Typography.Text type="secondary">
          {containers > 1
            ? t("trade.container.needs", { count: containers, percent })
            : t("trade.container.fill", { percent })}
        </Typography.Text>
      </Flex>
      <Progress
        percent={containers > 1 ? 100 : percent}
        showInfo={false}
        status={containers > 1 ? "exception" : "normal"}
        aria-label={`${type} ${percent}%`}
      />
    </div>
  );
}

export function ContainerEstimateView({ estimate }: { estimate: ContainerEstimate }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t("trade.container.title")}>
      <Flex vertical gap={12}>
        <Row gutter={16}>
          <Col span={8}>
            <Statistic title={t("trade.container.cartons")} value={estimate.cartons} />
          </Col>
          <Col span={8}>
            <Statistic title={t("trade.container.cbm")} value={`${estimate.cbm} m³`} />
          </Col>
          <Col span={8}>
            <Statistic title={t("trade.container.grossWeight")} value={`${estimate.grossWeightKg} kg`} />
          </Col>
        </Row>
        {CONTAINER_TYPES.map((type) => (
          <FillBar key={type} type={type} fill={estimate.fills[type]} />
        ))}
        {estimate.linesWithoutPacking > 0 ? (
          <Typography.Text type="warning">
            <WarningOutlined /> {t("trade.container.withoutPacking", { count: estimate.linesWithoutPacking })}
          </Typography.Text>
        ) : null}
      </Flex>
    </Card>
  );
}

type Margin = NonNullable<QuotationSummary["margin"]>;

// Only in answers to managers and admins: what the goods cost and what is left of the total.
export function MarginView({ margin, currency }: { margin: Margin; currency: string }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      title={t("trade.margin.title")}
      column={{ xs: 1, md: 2 }}
      items={[
        {
          key: "cost",
          label: t("trade.margin.cost"),
          children: formatAmount(margin.costTotal, margin.costCurrency),
        },
        {
          key: "margin",
          label: t("trade.margin.amount"),
          children:
            margin.amount === null ? (
              <Typography.Text type="secondary">{margin.note ?? "—"}</Typography.Text>
            ) : (
              `${formatAmount(margin.amount, currency)}${margin.percent === null ? "" : ` (${margin.percent}%)`}`
            ),
        },
      ]}
    />
  );
}
