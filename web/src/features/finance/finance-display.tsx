import { Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Receivable, ReceivableStatus } from "../../../../shared/schemas/receivables";
import { DateText, formatAmount } from "../quotations/trade-display";

const STATUS_COLORS: Record<ReceivableStatus, string> = {
  awaiting_event: "default",
  open: "blue",
  overdue: "red",
  paid: "green",
};

export function ReceivableStatusTag({ status }: { status: ReceivableStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`finance.status.${status}`)}</Tag>;
}

// A due date once its event has happened; until then, the event it waits for ("awaiting B/L").
export function DueText({ receivable }: { receivable: Pick<Receivable, "dueDate" | "dueRule" | "dueDays"> }) {
  const { t } = useTranslation();
  if (receivable.dueDate) return <DateText value={receivable.dueDate} />;
  return (
    <Typography.Text type="secondary">
      {t(`finance.awaiting.${receivable.dueRule}`, { days: receivable.dueDays ?? 0 })}
    </Typography.Text>
  );
}

// A signed amount in the reporting currency: losses red, gains green.
export function GainLoss({ amount, currency }: { amount: string; currency: string }) {
  const negative = amount.trim().startsWith("-");
  const zero = /^-?0*(\.0*)?$/.test(amount.trim());
  return (
    <Typography.Text type={zero ? undefined : negative ? "danger" : "success"}>
      {!negative && !zero ? "+" : ""}
      {formatAmount(amount, currency)}
    </Typography.Text>
  );
}
