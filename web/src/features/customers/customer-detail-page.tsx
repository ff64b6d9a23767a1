import {
  ClockCircleOutlined,
  EditOutlined,
  ExportOutlined,
  LockOutlined,
  SwapOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import {
  Alert,
  Button,
  Card,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Result,
  Space,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CustomerCard, CustomerDetail } from "../../../../shared/schemas/customers";
import { CountryLabel } from "../../components/country-label";
import { RelativeTime } from "../../components/date-time";
import { RecordPage } from "../../components/status-pages";
import { currentLocale } from "../../i18n";
import { countryName } from "../../lib/countries";
import { dayjs, formatDate, useCurrentMinute } from "../../lib/time";
import { CommentThread } from "../comments/comment-thread";
import { CustomerCreditButton } from "../finance/credit-editor";
import { CustomerTradeTab } from "../orders/customer-trade-tab";
import { ClaimButton } from "../pool/claim-button";
import { ReleaseModal, TransferModal } from "../pool/ownership-modals";
import { useMe } from "../session/me-context";
import { CustomerTasksTab } from "../tasks/customer-tasks-tab";
import { useAllUsers } from "../users/users.api";
import { CollaboratorsModal } from "./collaborators-modal";
import { ContactsTab } from "./contacts-tab";
import { OwnerLabel, StageTag, TierTag } from "./customer-tags";
import { useCustomer } from "./customers.api";
import { EditCustomerDrawer } from "./edit-customer-drawer";
import { TimelineTab } from "./timeline-tab";

const route = getRouteApi("/app/customers/$id");

type DetailedCustomer = Extract<CustomerDetail, { access: "full" }>;

// Office hours as most buyers keep them; outside them a call is better left for later.
const WORK_START_HOUR = 9;
const WORK_END_HOUR = 18;
// The pool clock is shown in warning colours from this many days before it runs out.
const RELEASE_WARNING_DAYS = 3;

function LocalClock({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const now = dayjs(useCurrentMinute()).tz(timeZone);
  const working = now.hour() >= WORK_START_HOUR && now.hour() < WORK_END_HOUR;
  return (
    <Tooltip title={`${timeZone} (UTC${now.format("Z")})`}>
      <Space size={6}>
        <ClockCircleOutlined />
        <time dateTime={now.format()} style={{ fontVariantNumeric: "tabular-nums" }}>
          {now.format("ddd HH:mm")}
        </time>
        <Tag color={working ? "green" : "default"}>
          {working ? t("customerDetail.officeHours") : t("customerDetail.afterHours")}
        </Tag>
      </Space>
    </Tooltip>
  );
}

function ReleaseDue({ value }: { value: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const soon = dayjs(value).diff(dayjs(), "day", true) <= RELEASE_WARNING_DAYS;
  return (
    <Typography.Text type={soon ? "danger" : undefined}>
      {formatDate(value, me.user.timeZone)} (<RelativeTime value={value} />)
      {soon ? ` · ${t("customerDetail.releaseSoonHint")}` : null}
    </Typography.Text>
  );
}

function BackToList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => void navigate({ to: "/customers", search: {} })}>
      {t("customerDetail.backToList")}
    </Button>
  );
}

function CardOnly({ card }: { card: CustomerCard }) {
  const { t } = useTranslation();
  return (
    <Result
      icon={<LockOutlined />}
      title={card.name}
      subTitle={
        card.inPublicPool
          ? t("customerDetail.cardInPool")
          : t("customerDetail.cardOwned", { owner: card.ownerName ?? t("common.none") })
      }
      extra={
        <Flex vertical align="center" gap={16}>
          <Space wrap>
            <CountryLabel code={card.country} />
            <TierTag tier={card.tier} />
            <StageTag stage={card.stage} />
            <OwnerLabel ownerName={card.ownerName} inPublicPool={card.inPublicPool} />
          </Space>
          <BackToList />
        </Flex>
      }
    />
  );
}

type Dialog = "edit" | "release" | "transfer" | "collaborators";

function FullCustomer({ customer }: { customer: DetailedCustomer }) {
  const { t } = useTranslation();
  const me = useMe();
  const users = useAllUsers();
  const [dialog, setDialog] = useState<Dialog>();
  const [tab, setTab] = useState("overview");
  const names = new Map((users.data?.items ?? []).map((user) => [user.id, user.name]));
  const can = (permission: (typeof me.permissions)[number]) => me.permissions.includes(permission);
  const inPool = customer.ownerId === null;
  // The API decides; these only hide what it would refuse. Seeing a private customer in full already
  // means being its owner, a collaborator, the owner's manager or an admin.
  const canWork = can("customers.write") && (!inPool || me.user.role === "admin");
  const canRelease =
    can("customers.write") && !inPool && (customer.ownerId === me.user.id || can("customers.assign"));
  const local = customer.localContext;
  const country = countryName(customer.country, currentLocale());
  const close = () => setDialog(undefined);

  const facts: DescriptionsProps["items"] = [
    {
      key: "owner",
      label: t("customerFields.owner"),
      children: <OwnerLabel ownerName={customer.ownerName} inPublicPool={inPool} />,
    },
    ...(local
      ? [
          {
            key: "localTime",
            label: t("customerDetail.localTime"),
            children: <LocalClock timeZone={local.timeZone} />,
          },
        ]
      : []),
    {
      key: "next",
      label: t("customerFields.nextFollowUpAt"),
      children: customer.nextFollowUpAt ? (
        <Typography.Text type={dayjs(customer.nextFollowUpAt).isBefore(dayjs()) ? "danger" : undefined}>
          {formatDate(customer.nextFollowUpAt, me.user.timeZone)} (
          <RelativeTime value={customer.nextFollowUpAt} />)
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">{t("customerDetail.noNextFollowUp")}</Typography.Text>
      ),
    },
    {
      key: "last",
      label: t("customerFields.lastFollowUpAt"),
      children: customer.lastFollowUpAt ? (
        <RelativeTime value={customer.lastFollowUpAt} />
      ) : (
        <Typography.Text type="secondary">{t("customerDetail.never")}</Typography.Text>
      ),
    },
    ...(customer.releaseDueAt
      ? [
          {
            key: "release",
            label: t("customerFields.releaseDueAt"),
            children: <ReleaseDue value={customer.releaseDueAt} />,
          },
        ]
      : []),
    ...(customer.collaboratorIds.length > 0
      ? [
          {
            key: "collaborators",
            label: t("customerFields.collaborators"),
            children: customer.collaboratorIds.map((id) => names.get(id) ?? id.slice(0, 8)).join(", "),
          },
        ]
      : []),
  ];

  const overviewItems: NonNullable<DescriptionsProps["items"]> = [
    {
      key: "country",
      label: t("customerFields.country"),
      children: <CountryLabel code={customer.country} />,
    },
    { key: "city", label: t("customerFields.city"), children: customer.city },
    { key: "address", label: t("customerFields.address"), children: customer.address },
    {
      key: "website",
      label: t("customerFields.website"),
      children: customer.website ? (
        <a
          href={/^https?:\/\//i.test(customer.website) ? customer.website : `https://${customer.website}`}
          target="_blank"
          rel="noreferrer noopener"
        >
          {customer.website} <ExportOutlined />
        </a>
      ) : null,
    },
    { key: "phones", label: t("customerFields.phones"), children: customer.phones.join(", ") },
    {
      key: "emailDomains",
      label: t("customerFields.emailDomains"),
      children: customer.emailDomains.join(", "),
    },
    { key: "industry", label: t("customerFields.industry"), children: customer.industry },
    {
      key: "source",
      label: t("customerFields.source"),
      children: customer.source ? t(`sources.${customer.source}`) : null,
    },
    {
      key: "tags",
      label: t("customerFields.tags"),
      children: customer.tags.map((tag) => (
        <Link key={tag} to="/customers" search={{ scope: "all", tag }}>
          <Tag>{tag}</Tag>
        </Link>
      )),
    },
    {
      key: "products",
      label: t("customerFields.productsOfInterest"),
      children: customer.productsOfInterest.map((product) => <Tag key={product}>{product}</Tag>),
    },
    {
      key: "estimate",
      label: t("customerFields.estimatedAnnualPurchase"),
      children: customer.estimatedAnnualPurchase
        ? `${customer.estimatedAnnualCurrency ?? ""} ${customer.estimatedAnnualPurchase}`.trim()
        : null,
    },
    { key: "timeZone", label: t("customerFields.timeZone"), children: customer.timeZone },
    {
      key: "created",
      label: t("customerFields.createdAt"),
      children: (
        <span>
          <RelativeTime value={customer.createdAt} />
          {customer.createdBy ? ` · ${names.get(customer.createdBy) ?? ""}` : null}
        </span>
      ),
    },
    {
      key: "updated",
      label: t("customerFields.updatedAt"),
      children: <RelativeTime value={customer.updatedAt} />,
    },
    {
      key: "notes",
      label: t("customerFields.notes"),
      span: "filled",
      children: customer.notes ? (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>
          {customer.notes}
        </Typography.Paragraph>
      ) : null,
    },
  ];
  // An unknown value shows as a dash, so the reader sees it is not filled in rather than missing.
  const overview = overviewItems.map((item) => ({
    ...item,
    children: item.children || <Typography.Text type="secondary">—</Typography.Text>,
  }));

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Flex vertical gap={6}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {customer.name}
            </Typography.Title>
            {customer.localName ? (
              <Typography.Text type="secondary">{customer.localName}</Typography.Text>
            ) : null}
            <Space size={4} wrap>
              <CountryLabel code={customer.country} />
              <TierTag tier={customer.tier} />
              <StageTag stage={customer.stage} />
            </Space>
          </Flex>
          <Space wrap>
            {inPool && can("customers.write") ? <ClaimButton type="primary" customer={customer} /> : null}
            {canWork ? (
              <Button icon={<EditOutlined />} onClick={() => setDialog("edit")}>
                {t("common.edit")}
              </Button>
            ) : null}
            {canWork ? (
              <Button icon={<TeamOutlined />} onClick={() => setDialog("collaborators")}>
                {t("customerDetail.collaborators")}
              </Button>
            ) : null}
            {can("customers.assign") ? (
              <Button icon={<SwapOutlined />} onClick={() => setDialog("transfer")}>
                {t("pool.transfer")}
              </Button>
            ) : null}
            {can("credit.write") ? <CustomerCreditButton customer={customer} /> : null}
            {canRelease ? (
              <Button danger onClick={() => setDialog("release")}>
                {t("pool.release")}
              </Button>
            ) : null}
          </Space>
        </Flex>
        {local?.holiday ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            title={t("customerDetail.holidayNotice", { country, holiday: local.holiday })}
          />
        ) : local?.isWeekend ? (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title={t("customerDetail.weekendNotice", { country })}
          />
        ) : null}
        {inPool ? (
          <Alert type="info" showIcon style={{ marginTop: 12 }} title={t("customerDetail.inPoolNotice")} />
        ) : null}
        <Descriptions size="small" style={{ marginTop: 16 }} column={{ xs: 1, sm: 2, lg: 3 }} items={facts} />
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: "overview",
              label: t("customerDetail.overview"),
              children: <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={overview} />,
            },
            {
              key: "contacts",
              label: t("customerDetail.contactsTab", { count: customer.contacts.length }),
              children: <ContactsTab customer={customer} canWork={canWork} />,
            },
            {
              key: "timeline",
              label: t("customerDetail.timeline"),
              children: <TimelineTab customer={customer} canWork={canWork} />,
            },
            ...(can("quotations.read") || can("orders.read")
              ? [
                  {
                    key: "trade",
                    label: t("trade.customerTab"),
                    children: <CustomerTradeTab customerId={customer.id} />,
                  },
                ]
              : []),
            ...(can("tasks.read")
              ? [
                  {
                    key: "tasks",
                    label: t("tasks.title"),
                    children: <CustomerTasksTab customer={customer} />,
                  },
                ]
              : []),
            {
              key: "comments",
              label: t("comments.title"),
              children: (
                <CommentThread
                  thread={{ entityType: "customer", entityId: customer.id }}
                  canComment={can("comments.write")}
                />
              ),
            },
          ]}
        />
      </Card>
      <EditCustomerDrawer open={dialog === "edit"} customer={customer} onClose={close} />
      <CollaboratorsModal open={dialog === "collaborators"} customer={customer} onClose={close} />
      <TransferModal open={dialog === "transfer"} customer={customer} onClose={close} />
      <ReleaseModal open={dialog === "release"} customer={customer} onClose={close} />
    </Flex>
  );
}

export function CustomerDetailPage() {
  const { t } = useTranslation();
  const { id } = route.useParams();
  const customer = useCustomer(id);
  return (
    <RecordPage
      query={customer}
      notFound={{
        title: t("customerDetail.notFoundTitle"),
        subTitle: t("customerDetail.notFound"),
        extra: <BackToList />,
      }}
    >
      {(record) =>
        record.access === "limited" ? <CardOnly card={record} /> : <FullCustomer customer={record} />
      }
    </RecordPage>
  );
}
