import { DollarOutlined, PercentageOutlined } from "@ant-design/icons";
import { Alert, Flex, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Approval, ApprovalReason } from "../../../../shared/schemas/orders";
import { formatAmount } from "../quotations/trade-display";

// The server's reason messages are English; the structured fields say the same in the reader's language.
function approvalReasonText(reason: ApprovalReason, currency: string, t: TFunction): string {
  if (reason.kind === "discount") {
    return t("approvals.reasonDiscount", {
      line: reason.sku ?? reason.description,
      percent: reason.discountOffListPercent,
      threshold: reason.thresholdPercent,
      net: formatAmount(reason.netUnitPrice, currency),
      list: formatAmount(reason.listPrice, currency),
    });
  }
  // Shipping on open terms after the credit insurance expired: the server's message names insurer and date.
  if (reason.kind === "credit_insurance") return reason.message;
  return t("approvals.reasonCredit", {
    open: formatAmount(reason.openAmount, reason.currency),
    total: formatAmount(reason.orderTotal, reason.currency),
    limit: formatAmount(reason.creditLimit, reason.currency),
  });
}

export function ApprovalReasons({
  approval,
}: {
  approval: Pick<Approval, "reasons" | "notes" | "currency">;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4}>
      {approval.reasons.map((reason) => (
        <Typography.Text key={`${reason.kind}:${reason.message}`}>
          {reason.kind === "discount" ? <PercentageOutlined /> : <DollarOutlined />}{" "}
          {approvalReasonText(reason, approval.currency, t)}
        </Typography.Text>
      ))}
      {approval.notes.map((note) => (
        <Alert key={note} type="info" showIcon title={note} />
      ))}
    </Flex>
  );
}
