import { PlusOutlined } from "@ant-design/icons";
import { Link } from "@tanstack/react-router";
import { App, Button, Empty, Form, Input, Modal, Select, Table, type TableColumnsType } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateTeamInputSchema, type Team } from "../../../../shared/schemas/identity";
import { RelativeTime } from "../../components/date-time";
import { PageHeader } from "../../components/page-header";
import { useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import { useAllUsers } from "../users/users.api";
import { useCreateTeam, useTeams, useUpdateTeam } from "./teams.api";

type Values = Record<string, unknown>;

// `team` undefined: create a new team; otherwise edit that one.
function TeamFormModal({ open, team, onClose }: { open: boolean; team?: Team; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(CreateTeamInputSchema);
  const users = useAllUsers();
  const createTeam = useCreateTeam();
  const updateTeam = useUpdateTeam();
  const showError = useShowError();
  const managers = (users.data?.items ?? []).filter((user) => user.active || user.id === team?.managerId);

  const submit = (values: Values) => {
    const parsed = parse(form, values);
    if (!parsed) return;
    // A cleared manager select means "no manager", which the API spells null.
    const input = { ...parsed, managerId: parsed.managerId ?? null };
    const onError = (error: unknown) => showError(error, form);
    if (team) {
      updateTeam.mutate(
        { id: team.id, input },
        {
          onSuccess: () => {
            void message.success(t("teams.savedMessage"));
            onClose();
          },
          onError,
        },
      );
    } else {
      createTeam.mutate(input, {
        onSuccess: (created) => {
          void message.success(t("teams.createdMessage", { name: created.name }));
          onClose();
        },
        onError,
      });
    }
  };

  return (
    <Modal
      open={open}
      title={team ? t("teams.edit") : t("teams.new")}
      okText={team ? t("common.save") : t("common.create")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={createTeam.isPending || updateTeam.isPending}
      destroyOnHidden
    >
      {/* clearOnDestroy: the next opening starts from its own initial values, not the last team's. */}
      <Form
        clearOnDestroy
        form={form}
        layout="vertical"
        initialValues={team ? { name: team.name, managerId: team.managerId ?? undefined } : {}}
        onFinish={submit}
      >
        <Form.Item label={t("teams.name")} name="name" {...field("name")}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t("teams.manager")} name="managerId" {...field("managerId")}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("teams.noManager")}
            loading={users.isPending}
            options={managers.map((user) => ({ value: user.id, label: `${user.name} (${user.email})` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Editing = { open: boolean; team?: Team };

export function TeamsPage() {
  const { t } = useTranslation();
  const teams = useTeams();
  const users = useAllUsers();
  const [editing, setEditing] = useState<Editing>({ open: false });
  const userNames = new Map((users.data?.items ?? []).map((user) => [user.id, user.name]));

  const columns: TableColumnsType<Team> = [
    { title: t("teams.name"), dataIndex: "name" },
    {
      title: t("teams.manager"),
      dataIndex: "managerId",
      render: (_, team) =>
        team.managerId ? (userNames.get(team.managerId) ?? t("common.none")) : t("teams.noManager"),
    },
    {
      title: t("teams.members"),
      dataIndex: "memberCount",
      align: "right",
      render: (_, team) => (
        <Link to="/settings/users" search={{ teamId: team.id }}>
          {team.memberCount}
        </Link>
      ),
    },
    {
      title: t("teams.created"),
      dataIndex: "createdAt",
      render: (_, team) => <RelativeTime value={team.createdAt} />,
    },
    {
      title: t("common.actions"),
      key: "actions",
      fixed: "right",
      render: (_, team) => (
        <Button type="link" size="small" onClick={() => setEditing({ open: true, team })}>
          {t("common.edit")}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("teams.title")}
        subtitle={t("teams.subtitle")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true })}>
            {t("teams.new")}
          </Button>
        }
      />
      <Table<Team>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={teams.data}
        loading={teams.isFetching}
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: <Empty description={`${t("teams.empty")} ${t("teams.emptyHint")}`} /> }}
      />
      <TeamFormModal
        open={editing.open}
        team={editing.team}
        onClose={() => setEditing((previous) => ({ ...previous, open: false }))}
      />
    </>
  );
}
