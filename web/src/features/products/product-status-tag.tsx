import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { ProductStatus } from "../../../../shared/schemas/products";

export function ProductStatusTag({ status }: { status: ProductStatus }) {
  const { t } = useTranslation();
  return <Tag color={status === "active" ? "green" : "default"}>{t(`productStatus.${status}`)}</Tag>;
}
