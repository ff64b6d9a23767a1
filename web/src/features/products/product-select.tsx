import { Flex, Select, type SelectProps, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Product } from "../../../../shared/schemas/products";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { useProducts } from "./products.api";

type Props = Omit<SelectProps<string>, "options" | "onChange" | "showSearch"> & {
  // The product already on the line: shown even when the current search does not find it.
  selected?: Product;
  onPick: (product: Product) => void;
};

// Searches the active catalogue by SKU, English or Chinese name as the rep types.
export function ProductSelect({ selected, onPick, ...props }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const q = useDebouncedValue(text.trim(), 250);
  const list = useProducts({ q: q || undefined, status: "active" });
  const found = list.data?.items ?? [];
  const products = selected && !found.some((p) => p.id === selected.id) ? [selected, ...found] : found;
  return (
    <Select<string>
      {...props}
      showSearch={{ filterOption: false, onSearch: setText }}
      loading={list.isFetching}
      placeholder={t("trade.pickProduct")}
      notFoundContent={list.isFetching ? null : t("trade.noProductFound")}
      onChange={(id) => {
        const product = products.find((candidate) => candidate.id === id);
        if (product) onPick(product);
      }}
      options={products.map((product) => ({ value: product.id, label: `${product.sku} · ${product.name}` }))}
      optionRender={(option) => {
        const product = products.find((candidate) => candidate.id === option.value);
        if (!product) return option.label;
        return (
          <Flex vertical>
            <span>
              <Typography.Text code>{product.sku}</Typography.Text> {product.name}
            </span>
            {product.nameZh ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {product.nameZh}
              </Typography.Text>
            ) : null}
          </Flex>
        );
      }}
    />
  );
}
