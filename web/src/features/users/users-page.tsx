import { PlusOutlined } from "@ant-design/icons";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import {
  App,
  Button,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { can, ROLES } from "../../../../shared/permissions";
import type { User } from "../../../../shared/schemas/identity";
import { RelativeTime } from "../../components/date-time";
import { PageHeader } from "../../components/page-header";
import { useShowError } from "../../lib/errors";
import { useMe } from "../session/me-context";
import { useTeams } from "../teams/teams.api";
import { UserFormDrawer } from "./user-form-drawer";
import { type UserStatus, type UsersSearch, useSetUserActive, useUsers } from "./users.api";

const route = getRouteApi("/app/settings/users");

// `user` outlives `open` so the drawer keeps its title and values while it animates closed.
type Editing = { open: boolean; user?: User };

function FilterBar({ search }: { search: UsersSearch }) {
  const { t } = useTranslation();
  const navigate = route.useNavigate();
  const teams = useTeams();
  const [text, setText] = useState(search.q ?? "");
  // Back/forward navigation changes the URL under the search box; follow it.
  useEffect(() => setText(search.q ?? ""), [search.q]);
  const update = (patch: Partial<UsersSearch>) =>
    navigate({ search: (previous) => ({ ...previous, ...patch }) });
  const statuses: UserStatus[] = ["active", "inactive", "all"];

  return (
    <Flex gap={8} wrap style={{ marginBottom: 12 }}>
      <Input.Search
        allowClear
        value={text}
        onChange={(event) => setText(event.target.value)}
        onSearch={(value) => update({ q: value.trim() || undefined })}
        placeholder={t("users.searchPlaceholder")}
        aria-label={t("users.searchPlaceholder")}
        style={{ width: 260, maxWidth: "100%" }}
      />
      <Select
        allowClear
        value={search.role}
        onChange={(role) => update({ role })}
        placeholder={t("users.roleAll")}
        aria-label={t("users.role")}
        options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        style={{ width: 160 }}
      />
      <Select
        allowClear
        value={search.teamId}
        onChange={(teamId) => update({ teamId })}
        placeholder={t("users.teamAll")}
        aria-label={t("users.team")}
        loading={teams.isPending}
        options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
        style={{ width: 180 }}
      />
      <Select
        value={search.status ?? "active"}
        onChange={(status) => update({ status: status === "active" ? undefined : status })}
        aria-label={t("users.status")}
        options={statuses.map((status) => ({
          value: status,
          label: t(status === "all" ? "users.statusAll" : `users.${status}`),
        }))}
        style={{ width: 150 }}
      />
    </Flex>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const search = route.useSearch();
  const users = useUsers(search);
  const teams = useTeams();
  const setActive = useSetUserActive();
  const showError = useShowError();
  const [editing, setEditing] = useState<Editing>({ open: false });
  const teamNames = new Map((teams.data ?? []).map((team) => [team.id, team.name]));
  // A leaving rep's customers go to colleagues before the account is deactivated (or after).
  const mayHandOver = me.permissions.includes("customers.assign");
  const navigate = useNavigate();

  const toggleActive = (user: User, active: boolean) =>
    setActive.mutateAsync({ id: user.id, active }).then(
      () =>
        message.success(
          t(active ? "users.reactivatedMessage" : "users.deactivatedMessage", { name: user.name }),
        ),
      (error: unknown) => showError(error),
    );

  const columns: TableColumnsType<User> = [
    {
      title: t("users.name"),
      dataIndex: "name",
      render: (name: string, user) => (
        <Space size={4}>
          {name}
          {user.id === me.user.id ? <Tag color="blue">{t("users.you")}</Tag> : null}
        </Space>
      ),
    },
    { title: t("users.email"), dataIndex: "email" },
    { title: t("users.role"), dataIndex: "role", render: (_, user) => t(`roles.${user.role}`) },
    {
      title: t("users.team"),
      dataIndex: "teamId",
      render: (_, user) =>
        user.teamId ? (teamNames.get(user.teamId) ?? t("common.none")) : t("common.none"),
    },
    {
      title: t("users.status"),
      dataIndex: "active",
      render: (_, user) =>
        user.active ? <Tag color="green">{t("users.active")}</Tag> : <Tag>{t("users.inactive")}</Tag>,
    },
    {
      title: t("users.created"),
      dataIndex: "createdAt",
      render: (_, user) => <RelativeTime value={user.createdAt} />,
    },
    {
      title: t("common.actions"),
      key: "actions",
      fixed: "right",
      render: (_, user) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ open: true, user })}>
            {t("common.edit")}
          </Button>
          {mayHandOver && can(user.role, "customers.write") ? (
            <Button
              type="link"
              size="small"
              onClick={() => void navigate({ to: "/settings/handover", search: { from: user.id } })}
            >
              {t("handover.action")}
            </Button>
          ) : null}
          {user.id === me.user.id ? null : user.active ? (
            <Popconfirm
              title={t("users.deactivateConfirm", { name: user.name })}
              okText={t("users.deactivate")}
              okButtonProps={{ danger: true }}
              cancelText={t("common.cancel")}
              onConfirm={() => toggleActive(user, false)}
            >
              <Button type="link" size="small" danger>
                {t("users.deactivate")}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => void toggleActive(user, true)}>
              {t("users.reactivate")}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("users.title")}
        subtitle={t("users.subtitle")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true })}>
            {t("users.new")}
          </Button>
        }
      />
      <FilterBar search={search} />
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={users.data?.items}
        loading={users.isFetching}
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: <Empty description={`${t("users.empty")} ${t("users.emptyHint")}`} /> }}
      />
      <UserFormDrawer
        open={editing.open}
        user={editing.user}
        onClose={() => setEditing((previous) => ({ ...previous, open: false }))}
      />
    </>
  );
}
