import { getRouteApi, Link } from "@tanstack/react-router";
import { Empty, Flex, Select, Table, type TableColumnsType, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ROLES, type Role } from "../../../../shared/permissions";
import type { AuditEntry } from "../../../../shared/schemas/identity";
import { RelativeTime } from "../../components/date-time";
import { PageHeader } from "../../components/page-header";
import { enUS } from "../../i18n/en-US";
import { useTeams } from "../teams/teams.api";
import { useAllUsers } from "../users/users.api";
import { useAudit } from "./audit.api";

const route = getRouteApi("/app/settings/audit");

type EntityType = keyof typeof enUS.audit.entityTypes;
type ActionKey = keyof typeof enUS.audit.actions;
const ENTITY_TYPES = Object.keys(enUS.audit.entityTypes) as EntityType[];

function isEntityType(value: string): value is EntityType {
  return Object.hasOwn(enUS.audit.entityTypes, value);
}

// Actions are dotted codes ("user.created"); i18next reads dots as nesting, so the catalogue uses "_".
function actionKey(action: string): ActionKey | undefined {
  const key = action.replaceAll(".", "_");
  return Object.hasOwn(enUS.audit.actions, key) ? (key as ActionKey) : undefined;
}

function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === "object" && value !== null && "from" in value && "to" in value;
}

// Changes name users and teams by id; show the name the reader knows them by.
function Changes({ changes, names }: { changes: unknown; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const describe = (field: string, value: unknown): string => {
    if (value === null || value === undefined) return t("common.none");
    if (field === "role" && isRole(value)) return t(`roles.${value}`);
    if (typeof value === "string") return names.get(value) ?? value;
    return JSON.stringify(value);
  };
  if (changes === null || changes === undefined) {
    return <Typography.Text type="secondary">{t("audit.noChanges")}</Typography.Text>;
  }
  if (typeof changes !== "object" || Array.isArray(changes)) return <code>{JSON.stringify(changes)}</code>;
  return (
    <Flex vertical gap={2}>
      {Object.entries(changes).map(([field, value]) => (
        <span key={field}>
          <Typography.Text type="secondary">{field}: </Typography.Text>
          {isChange(value)
            ? `${describe(field, value.from)} → ${describe(field, value.to)}`
            : describe(field, value)}
        </span>
      ))}
    </Flex>
  );
}

// A customer's name is recorded when it is created or renamed; other entries show a short id.
function customerName(entry: AuditEntry): string | undefined {
  const changes = entry.changes;
  // contact.added also records a name: the contact's.
  if (!entry.action.startsWith("customer.")) return undefined;
  if (typeof changes !== "object" || changes === null || !("name" in changes)) return undefined;
  const name = changes.name;
  if (typeof name === "string") return name;
  return isChange(name) && typeof name.to === "string" ? name.to : undefined;
}

export function AuditPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const audit = useAudit(search);
  const users = useAllUsers();
  const teams = useTeams();
  const names = new Map<string, string>([
    ...(users.data?.items ?? []).map((user) => [user.id, user.name] as const),
    ...(teams.data ?? []).map((team) => [team.id, team.name] as const),
  ]);

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t("audit.time"),
      dataIndex: "createdAt",
      render: (_, entry) => <RelativeTime value={entry.createdAt} />,
    },
    {
      title: t("audit.actor"),
      dataIndex: "actorName",
      render: (_, entry) =>
        entry.actorName ?? <Typography.Text type="secondary">{t("audit.system")}</Typography.Text>,
    },
    {
      title: t("audit.action"),
      dataIndex: "action",
      render: (_, entry) => {
        const key = actionKey(entry.action);
        return key ? (
          <Tooltip title={entry.action}>{t(`audit.actions.${key}`)}</Tooltip>
        ) : (
          <code>{entry.action}</code>
        );
      },
    },
    {
      title: t("audit.entity"),
      dataIndex: "entityType",
      render: (_, entry) => (
        <span>
          <Tag>
            {isEntityType(entry.entityType) ? t(`audit.entityTypes.${entry.entityType}`) : entry.entityType}
          </Tag>
          {entry.entityId && entry.entityType === "customer" ? (
            <Link to="/customers/$id" params={{ id: entry.entityId }}>
              {customerName(entry) ?? entry.entityId.slice(0, 8)}
            </Link>
          ) : entry.entityId ? (
            <Tooltip title={entry.entityId}>
              {names.get(entry.entityId) ?? entry.entityId.slice(0, 8)}
            </Tooltip>
          ) : null}
        </span>
      ),
    },
    {
      title: t("audit.changes"),
      key: "changes",
      render: (_, entry) => <Changes changes={entry.changes} names={names} />,
    },
  ];

  return (
    <>
      <PageHeader title={t("audit.title")} subtitle={t("audit.subtitle")} />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          value={search.entityType}
          onChange={(entityType: string | undefined) => navigate({ search: { entityType } })}
          placeholder={t("audit.entityAll")}
          aria-label={t("audit.entity")}
          options={ENTITY_TYPES.map((type) => ({ value: type, label: t(`audit.entityTypes.${type}`) }))}
          style={{ width: 180 }}
        />
      </Flex>
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={audit.data}
        loading={audit.isFetching}
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: <Empty description={`${t("audit.empty")} ${t("audit.emptyHint")}`} /> }}
      />
    </>
  );
}
