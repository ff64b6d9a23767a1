import { InfoCircleOutlined } from "@ant-design/icons";
import { getRouteApi } from "@tanstack/react-router";
import { Empty, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/page-header";
import { CustomerFilterBar } from "../customers/customer-filter-bar";
import { CustomerTable } from "../customers/customer-table";
import { type CustomersSearch, useCustomerList } from "../customers/customers.api";
import { useMe } from "../session/me-context";
import { usePoolSettings } from "../settings/settings.api";
import { ClaimButton } from "./claim-button";

const route = getRouteApi("/app/pool");

export function PoolPage() {
  const { t } = useTranslation();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useCustomerList({ ...search, scope: "pool" });
  const settings = usePoolSettings();
  const mayClaim = me.permissions.includes("customers.write");
  const update = (patch: Partial<CustomersSearch>) =>
    navigate({ search: (previous) => ({ ...previous, ...patch }) });
  const { sort: _sort, page: _page, pageSize: _pageSize, ...filters } = search;
  const filtered = Object.values(filters).some((value) => value !== undefined);

  return (
    <>
      <PageHeader title={t("pool.title")} subtitle={t("pool.subtitle")} />
      {settings.data ? (
        <Typography.Paragraph type="secondary">
          <InfoCircleOutlined />{" "}
          {t("pool.rules", {
            days: settings.data.releaseAfterDays,
            limit: settings.data.maxPrivatePerRep,
            cooldown: settings.data.reclaimCooldownDays,
          })}
        </Typography.Paragraph>
      ) : null}
      <CustomerFilterBar search={search} onChange={update} variant="pool" />
      <CustomerTable
        items={list.data?.items}
        total={list.data?.total ?? 0}
        totalIsEstimate={list.data?.totalIsEstimate ?? false}
        loading={list.isFetching}
        search={search}
        onChange={update}
        empty={<Empty description={filtered ? t("customers.emptyFiltered") : t("pool.empty")} />}
        showOwner={false}
        actions={mayClaim ? (item) => <ClaimButton size="small" customer={item} /> : undefined}
      />
    </>
  );
}
