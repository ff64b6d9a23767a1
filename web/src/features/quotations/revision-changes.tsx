import { Link } from "@tanstack/react-router";
import { Card, Table, type TableColumnsType, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PaymentTermSchema, type RevisionDiff } from "../../../../shared/schemas/quotations";
import { enUS } from "../../i18n/en-US";
import { formatAmount, formatQuantity, paymentTermText } from "./trade-display";

type Row = { key: string; what: ReactNode; before: ReactNode; after: ReactNode };
type Digest = RevisionDiff["linesAdded"][number];

type DiffField = keyof typeof enUS.quotations.diffFields;

function isDiffField(value: string): value is DiffField {
  return Object.hasOwn(enUS.quotations.diffFields, value);
}

const TermsSchema = z.array(PaymentTermSchema);

// The API reports changed values as it stores them; each is shown as the document prints it.
function valueText(field: string, value: unknown, currency: string, t: TFunction): ReactNode {
  if (value === null || value === undefined || value === "") {
    return <Typography.Text type="secondary">—</Typography.Text>;
  }
  if (field === "paymentTerms") {
    const terms = TermsSchema.safeParse(value);
    if (terms.success) return terms.data.map((term) => paymentTermText(term, t)).join("; ");
  }
  if ((field === "total" || field === "lineTotal" || field === "unitPrice") && typeof value === "string") {
    return formatAmount(value, currency);
  }
  if (field === "discountPercent" && typeof value === "number") return `${value}%`;
  if (field === "quantity" && typeof value === "string") return formatQuantity(value);
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function lineText(line: Digest, currency: string): string {
  const discount = line.discountPercent > 0 ? ` −${line.discountPercent}%` : "";
  return `${formatQuantity(line.quantity)} × ${formatAmount(line.unitPrice, currency)}${discount} = ${formatAmount(line.lineTotal, currency)}`;
}

function lineName(line: { sku: string | null; description: string }): ReactNode {
  return (
    <span>
      {line.sku ? <Typography.Text code>{line.sku}</Typography.Text> : null} {line.description}
    </span>
  );
}

// What changed from the previous revision, as one before/after table: terms first, then lines.
export function RevisionChanges({
  changes,
  revision,
  currency,
}: {
  changes: RevisionDiff;
  revision: number;
  currency: string;
}) {
  const { t } = useTranslation();
  const currencyChange = changes.fields.find((change) => change.field === "currency");
  // Amounts of the previous revision are in its own currency.
  const beforeCurrency = typeof currencyChange?.from === "string" ? currencyChange.from : currency;
  const fieldLabel = (field: string) => (isDiffField(field) ? t(`quotations.diffFields.${field}`) : field);

  const rows: Row[] = [
    ...changes.fields.map((change) => ({
      key: `field:${change.field}`,
      what: fieldLabel(change.field),
      before: valueText(change.field, change.from, beforeCurrency, t),
      after: valueText(change.field, change.to, currency, t),
    })),
    ...changes.linesChanged.flatMap((line, index) =>
      line.changes.map((change) => ({
        key: `changed:${index}:${change.field}`,
        what: (
          <span>
            {lineName(line)} · {fieldLabel(change.field)}
          </span>
        ),
        before: valueText(change.field, change.from, beforeCurrency, t),
        after: valueText(change.field, change.to, currency, t),
      })),
    ),
    ...changes.linesAdded.map((line, index) => ({
      key: `added:${index}`,
      what: (
        <span>
          <Tag color="green">{t("quotations.lineAdded")}</Tag>
          {lineName(line)}
        </span>
      ),
      before: <Typography.Text type="secondary">—</Typography.Text>,
      after: lineText(line, currency),
    })),
    ...changes.linesRemoved.map((line, index) => ({
      key: `removed:${index}`,
      what: (
        <span>
          <Tag color="red">{t("quotations.lineRemoved")}</Tag>
          {lineName(line)}
        </span>
      ),
      before: lineText(line, beforeCurrency),
      after: <Typography.Text type="secondary">—</Typography.Text>,
    })),
  ];

  const columns: TableColumnsType<Row> = [
    { title: t("quotations.diffWhat"), dataIndex: "what", key: "what" },
    {
      title: t("quotations.diffBefore", { revision: changes.fromRevision }),
      dataIndex: "before",
      key: "before",
      render: (value: ReactNode) => <Typography.Text delete>{value}</Typography.Text>,
    },
    {
      title: t("quotations.diffAfter", { revision }),
      dataIndex: "after",
      key: "after",
      render: (value: ReactNode) => <Typography.Text strong>{value}</Typography.Text>,
    },
  ];

  return (
    <Card
      title={t("quotations.changesTitle", { from: changes.fromRevision, to: revision })}
      extra={
        <Link to="/quotations/$id" params={{ id: changes.fromId }}>
          {t("quotations.openRevision", { revision: changes.fromRevision })}
        </Link>
      }
    >
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t("quotations.noChanges")}</Typography.Text>
      ) : (
        <Table<Row> size="small" rowKey="key" columns={columns} dataSource={rows} pagination={false} />
      )}
    </Card>
  );
}
