import { InboxOutlined } from "@ant-design/icons";
import { App, Button, type ButtonProps } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/errors";
import { formatDate } from "../../lib/time";
import { useMe } from "../session/me-context";
import { type ClaimRefusal, claimRefusal, useClaimCustomer } from "./pool.api";

function refusalText(refusal: ClaimRefusal, t: TFunction, timeZone: string): string {
  switch (refusal.reason) {
    case "not_in_pool":
      return t("pool.refusedNotInPool");
    case "limit_reached":
      return t("pool.refusedLimit", { limit: refusal.limit ?? "" });
    case "cooling_off":
      return refusal.until
        ? t("pool.refusedCoolingOff", { date: formatDate(refusal.until, timeZone) })
        : t("pool.refusedCoolingOffNoDate");
  }
}

// First come, first served: a refusal is explained in a dialog the user cannot miss.
export function ClaimButton({
  customer,
  onClaimed,
  ...props
}: { customer: { id: string; name: string }; onClaimed?: () => void } & Pick<
  ButtonProps,
  "type" | "size" | "block"
>) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useMe();
  const claim = useClaimCustomer();

  const onClick = () =>
    claim.mutate(customer.id, {
      onSuccess: () => {
        void message.success(t("pool.claimedMessage", { name: customer.name }));
        onClaimed?.();
      },
      onError: (error) => {
        const refusal = claimRefusal(error);
        modal.warning({
          title: t("pool.refusedTitle", { name: customer.name }),
          content: refusal ? refusalText(refusal, t, me.user.timeZone) : errorMessage(error, t),
          okText: t("common.close"),
        });
      },
    });

  return (
    <Button icon={<InboxOutlined />} loading={claim.isPending} onClick={onClick} {...props}>
      {t("pool.claim")}
    </Button>
  );
}
