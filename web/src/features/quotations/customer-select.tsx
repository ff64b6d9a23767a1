import { Select, type SelectProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { useCustomerList } from "../customers/customers.api";

type Props = Omit<SelectProps<string>, "options" | "showSearch"> & {
  // The customer already chosen (e.g. passed from its page), shown before any search finds it.
  selected?: { id: string; name: string };
};

// Only customers the user may see in full and someone owns: a colleague's customer is a card, and a
// public-pool customer must be claimed first; the API refuses documents for either.
export function CustomerSelect({ selected, onChange, ...props }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  // The pick stays labelled by name after the search moves on to other customers.
  const [picked, setPicked] = useState(selected);
  const current = picked ?? selected;
  const q = useDebouncedValue(text.trim(), 250);
  const list = useCustomerList({ scope: "all", q: q || undefined, sort: "-updatedAt" });
  const found = (list.data?.items ?? []).flatMap((customer) =>
    customer.access === "full" && !customer.inPublicPool
      ? [{ value: customer.id, label: customer.name }]
      : [],
  );
  const options =
    current && !found.some((option) => option.value === current.id)
      ? [{ value: current.id, label: current.name }, ...found]
      : found;
  return (
    <Select<string>
      {...props}
      showSearch={{ filterOption: false, onSearch: setText }}
      loading={list.isFetching}
      placeholder={t("trade.pickCustomer")}
      notFoundContent={list.isFetching ? null : t("trade.noCustomerFound")}
      options={options}
      onChange={(id, option) => {
        const chosen = options.find((candidate) => candidate.value === id);
        if (chosen) setPicked({ id: chosen.value, name: chosen.label });
        onChange?.(id, option);
      }}
    />
  );
}
