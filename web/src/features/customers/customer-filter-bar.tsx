import { ClearOutlined, FilterOutlined } from "@ant-design/icons";
import { Button, DatePicker, Flex, Grid, Input, Segmented, Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { can } from "../../../../shared/permissions";
import { CUSTOMER_SOURCES, CUSTOMER_STAGES, CUSTOMER_TIERS } from "../../../../shared/schemas/customers";
import { CountrySelect } from "../../components/pickers";
import { type Dayjs, dayjs } from "../../lib/time";
import { useAllUsers } from "../users/users.api";
import { CUSTOMER_SCOPES, type CustomersSearch } from "./customers.api";

const IDLE_DAY_CHOICES = [7, 14, 30, 60, 90, 180];

// Filters that narrow the list; the scope, sorting and paging are not "filters" a user clears.
const FILTER_KEYS = [
  "q",
  "ownerId",
  "tier",
  "stage",
  "country",
  "source",
  "tag",
  "createdFrom",
  "createdTo",
  "idleDays",
] as const satisfies readonly (keyof CustomersSearch)[];

type Props = {
  search: CustomersSearch;
  onChange: (patch: Partial<CustomersSearch>) => void;
  // The pool page has no scope, owner or idle-days filters: nobody owns its customers.
  variant: "customers" | "pool";
};

// Keeps its own text while the user types; the URL (and the query) changes on Enter or on clearing.
function SearchBox({
  value,
  onCommit,
  label,
  width,
}: {
  value: string | undefined;
  onCommit: (value: string | undefined) => void;
  label: string;
  width: number;
}) {
  const [text, setText] = useState(value ?? "");
  // Back/forward navigation changes the URL under the box; follow it.
  useEffect(() => setText(value ?? ""), [value]);
  return (
    <Input.Search
      allowClear
      value={text}
      onChange={(event) => setText(event.target.value)}
      onSearch={(next) => onCommit(next.trim() || undefined)}
      placeholder={label}
      aria-label={label}
      style={{ width, maxWidth: "100%" }}
    />
  );
}

export function CustomerFilterBar({ search, onChange, variant }: Props) {
  const { t } = useTranslation();
  const users = useAllUsers();
  // On a phone the filters would fill the screen: they fold away behind one button.
  const phone = Grid.useBreakpoint().md === false;
  const [unfolded, setUnfolded] = useState(false);
  // Any filter change starts again from the first page.
  const update = (patch: Partial<CustomersSearch>) => onChange({ ...patch, page: undefined });
  const owners = (users.data?.items ?? []).filter((user) => can(user.role, "customers.write"));
  const active = FILTER_KEYS.filter((key) => key !== "q" && search[key] !== undefined).length;
  const filtered = active > 0 || search.q !== undefined;
  const folded = phone && !unfolded;
  const range: [Dayjs | null, Dayjs | null] | null =
    search.createdFrom || search.createdTo
      ? [
          search.createdFrom ? dayjs(search.createdFrom) : null,
          search.createdTo ? dayjs(search.createdTo) : null,
        ]
      : null;

  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }}>
      {variant === "customers" ? (
        <Segmented
          value={search.scope ?? "mine"}
          onChange={(scope) => update({ scope })}
          options={CUSTOMER_SCOPES.map((scope) => ({ value: scope, label: t(`scopes.${scope}`) }))}
          style={{ alignSelf: "flex-start" }}
        />
      ) : null}
      <Flex gap={8} wrap>
        <SearchBox
          value={search.q}
          onCommit={(q) => update({ q })}
          label={t("customers.searchPlaceholder")}
          width={280}
        />
        {phone ? (
          <Button icon={<FilterOutlined />} onClick={() => setUnfolded(!unfolded)}>
            {active > 0 ? t("customers.filtersActive", { count: active }) : t("customers.filters")}
          </Button>
        ) : null}
        {folded ? null : (
          <>
            <Select
              allowClear
              value={search.tier}
              onChange={(tier) => update({ tier })}
              placeholder={t("customerFields.tier")}
              aria-label={t("customerFields.tier")}
              options={CUSTOMER_TIERS.map((tier) => ({
                value: tier,
                label: t("customers.tierTag", { tier }),
              }))}
              style={{ width: 110 }}
            />
            <Select
              allowClear
              value={search.stage}
              onChange={(stage) => update({ stage })}
              placeholder={t("customerFields.stage")}
              aria-label={t("customerFields.stage")}
              options={CUSTOMER_STAGES.map((stage) => ({ value: stage, label: t(`stages.${stage}`) }))}
              style={{ width: 130 }}
            />
            <CountrySelect
              allowClear
              value={search.country}
              onChange={(country) => update({ country })}
              placeholder={t("customerFields.country")}
              aria-label={t("customerFields.country")}
              style={{ width: 200 }}
            />
            <Select
              allowClear
              value={search.source}
              onChange={(source) => update({ source })}
              placeholder={t("customerFields.source")}
              aria-label={t("customerFields.source")}
              options={CUSTOMER_SOURCES.map((source) => ({ value: source, label: t(`sources.${source}`) }))}
              style={{ width: 150 }}
            />
            <SearchBox
              value={search.tag}
              onCommit={(tag) => update({ tag })}
              label={t("customers.tagFilter")}
              width={160}
            />
            {variant === "customers" ? (
              <>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: "label" }}
                  value={search.ownerId}
                  onChange={(ownerId) => update({ ownerId })}
                  placeholder={t("customerFields.owner")}
                  aria-label={t("customerFields.owner")}
                  loading={users.isPending}
                  options={owners.map((user) => ({ value: user.id, label: user.name }))}
                  style={{ width: 170 }}
                />
                <Select
                  allowClear
                  value={search.idleDays}
                  onChange={(idleDays) => update({ idleDays })}
                  placeholder={t("customers.idleFilter")}
                  aria-label={t("customers.idleFilter")}
                  options={IDLE_DAY_CHOICES.map((days) => ({
                    value: days,
                    label: t("customers.idleDays", { count: days }),
                  }))}
                  style={{ width: 200 }}
                />
              </>
            ) : null}
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              value={range}
              onChange={(dates) =>
                update({
                  createdFrom: dates?.[0]?.format("YYYY-MM-DD"),
                  createdTo: dates?.[1]?.format("YYYY-MM-DD"),
                })
              }
              placeholder={[t("customers.createdFrom"), t("customers.createdTo")]}
              aria-label={t("customerFields.createdAt")}
              style={{ width: 260 }}
            />
          </>
        )}
        {filtered ? (
          <Button
            icon={<ClearOutlined />}
            onClick={() => update(Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined])))}
          >
            {t("customers.clearFilters")}
          </Button>
        ) : null}
      </Flex>
    </Flex>
  );
}
