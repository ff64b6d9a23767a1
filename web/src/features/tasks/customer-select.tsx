import { Select, type SelectProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { useCustomerList } from "../customers/customers.api";

type Named = { id: string; name: string | null };

type Props = Omit<SelectProps<string | string[]>, "options" | "showSearch" | "filterOption"> & {
  // Customers already chosen, so their names show before any search has found them.
  known?: readonly Named[];
};

// Searches the customers the user may open in full: only those can carry a task or a meeting.
export function CustomerSelect({ known = [], ...props }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const q = useDebouncedValue(text.trim(), 250);
  const list = useCustomerList({ scope: "all", q: q || undefined, sort: "name", pageSize: 20 });
  const found = (list.data?.items ?? []).filter((item) => item.access === "full");
  const options = [
    ...known.filter((item) => !found.some((customer) => customer.id === item.id)),
    ...found,
  ].map((item) => ({ value: item.id, label: item.name ?? item.id.slice(0, 8) }));
  return (
    <Select
      allowClear
      placeholder={t("tasks.customerPlaceholder")}
      {...props}
      showSearch={{ filterOption: false, onSearch: setText }}
      loading={list.isFetching}
      options={options}
    />
  );
}
