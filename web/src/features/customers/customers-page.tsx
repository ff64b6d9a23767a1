import { DownloadOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { Button, Dropdown, Empty, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/page-header";
import { useMe } from "../session/me-context";
import { CreateCustomerDrawer } from "./create-customer-drawer";
import { CustomerFilterBar } from "./customer-filter-bar";
import { CustomerTable } from "./customer-table";
import { type CustomersSearch, exportUrl, useCustomerList } from "./customers.api";
import { SavedViews } from "./saved-views";

const route = getRouteApi("/app/customers");

// Says why the list is empty and what to do about it.
function EmptyList({ filtered, mine, canCreate }: { filtered: boolean; mine: boolean; canCreate: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (filtered) return <Empty description={t("customers.emptyFiltered")} />;
  if (!canCreate) return <Empty description={t("customers.empty")} />;
  return (
    <Empty description={mine ? t("customers.emptyMine") : t("customers.emptyCreate")}>
      <Button onClick={() => void navigate({ to: "/pool" })}>{t("customers.openPool")}</Button>
    </Empty>
  );
}

export function CustomersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [creating, setCreating] = useState(false);
  const scope = search.scope ?? "mine";
  const params = { ...search, scope };
  const list = useCustomerList(params);
  const can = (permission: (typeof me.permissions)[number]) => me.permissions.includes(permission);
  const update = (patch: Partial<CustomersSearch>) =>
    navigate({ search: (previous) => ({ ...previous, ...patch }) });
  const { scope: _scope, sort: _sort, page: _page, pageSize: _pageSize, ...filters } = search;
  const filtered = Object.values(filters).some((value) => value !== undefined);

  return (
    <>
      <PageHeader
        title={t("customers.title")}
        subtitle={t("customers.subtitle")}
        extra={
          <Space wrap>
            <SavedViews search={search} onApply={(view) => navigate({ search: view })} />
            {can("customers.export") ? (
              <Dropdown
                trigger={["click"]}
                menu={{
                  items: (["xlsx", "csv"] as const).map((format) => ({
                    key: format,
                    label: (
                      <a href={exportUrl(params, format)} download>
                        {t(`customers.export_${format}`)}
                      </a>
                    ),
                  })),
                }}
              >
                <Button icon={<DownloadOutlined />}>{t("customers.export")}</Button>
              </Dropdown>
            ) : null}
            {can("customers.import") ? (
              <Button
                icon={<UploadOutlined />}
                onClick={() => void navigate({ to: "/customers/import", search: {} })}
              >
                {t("customers.import")}
              </Button>
            ) : null}
            {can("customers.write") ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t("customers.new")}
              </Button>
            ) : null}
          </Space>
        }
      />
      <CustomerFilterBar search={search} onChange={update} variant="customers" />
      <CustomerTable
        items={list.data?.items}
        total={list.data?.total ?? 0}
        totalIsEstimate={list.data?.totalIsEstimate ?? false}
        loading={list.isFetching}
        search={search}
        onChange={update}
        empty={<EmptyList filtered={filtered} mine={scope === "mine"} canCreate={can("customers.write")} />}
      />
      <CreateCustomerDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
