import { InboxOutlined, UserOutlined } from "@ant-design/icons";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { CustomerStage, CustomerTier } from "../../../../shared/schemas/customers";

const TIER_COLORS: Record<CustomerTier, string> = { A: "gold", B: "blue", C: "default", D: "default" };

const STAGE_COLORS: Record<CustomerStage, string> = {
  new: "default",
  contacted: "blue",
  quoted: "cyan",
  sampled: "purple",
  ordered: "green",
  repeat: "success",
  lost: "red",
};

export function TierTag({ tier }: { tier: CustomerTier }) {
  const { t } = useTranslation();
  return <Tag color={TIER_COLORS[tier]}>{t("customers.tierTag", { tier })}</Tag>;
}

export function StageTag({ stage }: { stage: CustomerStage }) {
  const { t } = useTranslation();
  return <Tag color={STAGE_COLORS[stage]}>{t(`stages.${stage}`)}</Tag>;
}

// The owner's name, or a "public pool" tag for a customer nobody owns.
export function OwnerLabel({ ownerName, inPublicPool }: { ownerName: string | null; inPublicPool: boolean }) {
  const { t } = useTranslation();
  if (inPublicPool) {
    return (
      <Tag icon={<InboxOutlined />} color="orange">
        {t("customers.publicPool")}
      </Tag>
    );
  }
  return (
    <span style={{ whiteSpace: "nowrap" }}>
      <UserOutlined /> {ownerName ?? t("common.none")}
    </span>
  );
}
