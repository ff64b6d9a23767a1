import { LockOutlined } from "@ant-design/icons";
import { Link } from "@tanstack/react-router";
import {
  Card,
  Flex,
  Grid,
  List,
  Pagination,
  Space,
  Table,
  type TableColumnsType,
  type TablePaginationConfig,
  Tooltip,
  Typography,
  theme,
} from "antd";
import type { SorterResult } from "antd/es/table/interface";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CustomerListItem } from "../../../../shared/schemas/customers";
import { CountryLabel } from "../../components/country-label";
import { RelativeTime } from "../../components/date-time";
import { currentLocale } from "../../i18n";
import { OwnerLabel, StageTag, TierTag } from "./customer-tags";
import { type CustomerSort, type CustomersSearch, DEFAULT_PAGE_SIZE } from "./customers.api";

type SortField = "name" | "createdAt" | "lastFollowUpAt" | "nextFollowUpAt";

type Props = {
  items: CustomerListItem[] | undefined;
  total: number;
  totalIsEstimate: boolean;
  loading: boolean;
  search: CustomersSearch;
  onChange: (patch: Partial<CustomersSearch>) => void;
  empty: ReactNode;
  // Per-row actions (the pool's "Claim"), shown in a last column or at the foot of a card.
  actions?: (item: CustomerListItem) => ReactNode;
  // The pool's customers have no owner: the column would say "public pool" on every row.
  showOwner?: boolean;
};

function sortOrder(sort: CustomerSort | undefined, field: SortField) {
  if (sort === field) return "ascend" as const;
  if (sort === `-${field}`) return "descend" as const;
  return null;
}

function isSortField(value: unknown): value is SortField {
  return (
    value === "name" || value === "createdAt" || value === "lastFollowUpAt" || value === "nextFollowUpAt"
  );
}

// A colleague's customer is only a card: its name, greyed, with who to ask; never a link to details.
function CustomerName({ item }: { item: CustomerListItem }) {
  const { t } = useTranslation();
  if (item.access === "limited") {
    return (
      <Tooltip title={t("customers.limitedHint", { owner: item.ownerName ?? t("common.none") })}>
        <Typography.Text type="secondary">
          <LockOutlined /> {item.name}
        </Typography.Text>
      </Tooltip>
    );
  }
  return (
    <Flex vertical>
      <Link to="/customers/$id" params={{ id: item.id }} style={{ fontWeight: 500 }}>
        {item.name}
      </Link>
      {item.localName ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.localName}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

function FollowUp({ value, due }: { value: string | null; due?: boolean }) {
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
  // A next follow-up in the past is overdue: the one thing in the row that asks for action.
  const overdue = due && new Date(value).getTime() < Date.now();
  return (
    <Typography.Text type={overdue ? "danger" : undefined}>
      <RelativeTime value={value} />
    </Typography.Text>
  );
}

export function formatTotal(total: number, estimate: boolean): string {
  const formatted = new Intl.NumberFormat(currentLocale()).format(total);
  return estimate ? `${formatted}+` : formatted;
}

export function CustomerTable({
  items,
  total,
  totalIsEstimate,
  loading,
  search,
  onChange,
  empty,
  actions,
  showOwner = true,
}: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const page = search.page ?? 1;
  const pageSize = search.pageSize ?? DEFAULT_PAGE_SIZE;
  const showTotal = () => t("customers.total", { total: formatTotal(total, totalIsEstimate) });

  // Below `md` a row of nine columns cannot be read: each customer becomes a card.
  if (screens.md === false) {
    return (
      <>
        <List
          loading={loading}
          dataSource={items}
          locale={{ emptyText: empty }}
          renderItem={(item) => (
            <List.Item key={item.id} style={{ padding: "6px 0", border: 0 }}>
              <Card size="small" style={{ width: "100%", opacity: item.access === "limited" ? 0.7 : 1 }}>
                <Flex vertical gap={6}>
                  <CustomerName item={item} />
                  <Space size={4} wrap>
                    <CountryLabel code={item.country} />
                    <TierTag tier={item.tier} />
                    <StageTag stage={item.stage} />
                  </Space>
                  {showOwner ? (
                    <OwnerLabel ownerName={item.ownerName} inPublicPool={item.inPublicPool} />
                  ) : null}
                  {item.access === "full" && item.nextFollowUpAt ? (
                    <Typography.Text type="secondary">
                      {t("customerFields.nextFollowUpAt")}: <FollowUp value={item.nextFollowUpAt} due />
                    </Typography.Text>
                  ) : null}
                  {actions ? actions(item) : null}
                </Flex>
              </Card>
            </List.Item>
          )}
        />
        <Pagination
          simple
          align="center"
          current={page}
          pageSize={pageSize}
          total={total}
          showTotal={showTotal}
          onChange={(next) => onChange({ page: next })}
          style={{ marginTop: 8 }}
        />
      </>
    );
  }

  const columns: TableColumnsType<CustomerListItem> = [
    {
      title: t("customerFields.name"),
      key: "name",
      // The name stays in view while the other columns scroll sideways.
      fixed: "left",
      sorter: true,
      sortOrder: sortOrder(search.sort, "name"),
      render: (_, item) => <CustomerName item={item} />,
    },
    {
      title: t("customerFields.country"),
      key: "country",
      render: (_, item) => <CountryLabel code={item.country} />,
    },
    { title: t("customerFields.tier"), key: "tier", render: (_, item) => <TierTag tier={item.tier} /> },
    { title: t("customerFields.stage"), key: "stage", render: (_, item) => <StageTag stage={item.stage} /> },
    ...(showOwner
      ? [
          {
            title: t("customerFields.owner"),
            key: "owner",
            render: (_: unknown, item: CustomerListItem) => (
              <OwnerLabel ownerName={item.ownerName} inPublicPool={item.inPublicPool} />
            ),
          },
        ]
      : []),
    {
      title: t("customerFields.nextFollowUpAt"),
      key: "nextFollowUpAt",
      sorter: true,
      sortOrder: sortOrder(search.sort, "nextFollowUpAt"),
      render: (_, item) => <FollowUp value={item.access === "full" ? item.nextFollowUpAt : null} due />,
    },
    {
      title: t("customerFields.lastFollowUpAt"),
      key: "lastFollowUpAt",
      sorter: true,
      sortOrder: sortOrder(search.sort, "lastFollowUpAt"),
      render: (_, item) => <FollowUp value={item.access === "full" ? item.lastFollowUpAt : null} />,
    },
    {
      title: t("customerFields.primaryContact"),
      key: "contact",
      render: (_, item) =>
        item.access === "full" && item.primaryContact ? (
          <Flex vertical style={{ maxWidth: 180 }}>
            <Typography.Text ellipsis>{item.primaryContact.name}</Typography.Text>
            {item.primaryContact.email ? (
              // Long addresses are cut; the full one shows on hover.
              <Typography.Text type="secondary" ellipsis={{ tooltip: true }} style={{ fontSize: 12 }}>
                {item.primaryContact.email}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t("customerFields.createdAt"),
      key: "createdAt",
      sorter: true,
      sortOrder: sortOrder(search.sort, "createdAt"),
      render: (_, item) =>
        item.access === "full" ? (
          <RelativeTime value={item.createdAt} />
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];
  if (actions) {
    columns.push({
      title: t("common.actions"),
      key: "actions",
      fixed: "right",
      render: (_, item) => actions(item),
    });
  }
  // A colleague's customer is greyed across the row. The colour is opaque, so the fixed name cell
  // still hides what scrolls beneath it.
  const greyed = columns.map((column) => ({
    ...column,
    onCell: (item: CustomerListItem) =>
      item.access === "limited" ? { style: { background: token.colorBgLayout } } : {},
  }));

  const onTableChange = (
    pagination: TablePaginationConfig,
    _filters: unknown,
    sorter: SorterResult<CustomerListItem> | SorterResult<CustomerListItem>[],
  ) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = single?.columnKey;
    const sort: CustomerSort | undefined =
      single?.order && isSortField(field) ? (single.order === "descend" ? `-${field}` : field) : undefined;
    const nextPageSize = pagination.pageSize ?? pageSize;
    onChange({
      sort,
      // A new sort or page size starts from the first page.
      page: sort !== search.sort || nextPageSize !== pageSize ? undefined : pagination.current,
      pageSize: nextPageSize === DEFAULT_PAGE_SIZE ? undefined : nextPageSize,
    });
  };

  return (
    <Table<CustomerListItem>
      rowKey="id"
      size="middle"
      columns={greyed}
      dataSource={items}
      loading={loading}
      onChange={onTableChange}
      pagination={{
        current: page,
        pageSize,
        total,
        showTotal,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
      }}
      scroll={{ x: "max-content" }}
      locale={{ emptyText: empty }}
    />
  );
}
