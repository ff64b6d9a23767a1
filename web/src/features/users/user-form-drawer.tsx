import { App, Button, Drawer, Flex, Form, Grid, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import { ROLES } from "../../../../shared/permissions";
import { CreateUserInputSchema, UpdateUserInputSchema, type User } from "../../../../shared/schemas/identity";
import { LanguageSelect, TimeZoneSelect } from "../../components/pickers";
import { currentLocale } from "../../i18n";
import { useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import { useMe } from "../session/me-context";
import { useTeams } from "../teams/teams.api";
import { useCreateUser, useUpdateUser } from "./users.api";

type Values = Record<string, unknown>;

// `user` undefined: create a new user; otherwise edit that one.
export function UserFormDrawer({ open, user, onClose }: { open: boolean; user?: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const createSchema = useSchemaForm(CreateUserInputSchema);
  const updateSchema = useSchemaForm(UpdateUserInputSchema);
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  const teams = useTeams();
  const showError = useShowError();
  const field = user ? updateSchema.field : createSchema.field;

  const initialValues: Values = user
    ? {
        name: user.name,
        email: user.email,
        role: user.role,
        teamId: user.teamId ?? undefined,
        locale: user.locale,
        timeZone: user.timeZone,
      }
    : { role: "sales", locale: currentLocale(), timeZone: me.workspace.timeZone };

  const submit = (values: Values) => {
    const onError = (error: unknown) => showError(error, form);
    if (user) {
      const input = updateSchema.parse(form, values);
      if (!input) return;
      // A cleared team select means "no team", which the API spells null.
      updateUser.mutate(
        { id: user.id, input: { ...input, teamId: input.teamId ?? null } },
        {
          onSuccess: () => {
            void message.success(t("users.savedMessage"));
            onClose();
          },
          onError,
        },
      );
      return;
    }
    const input = createSchema.parse(form, values);
    if (!input) return;
    createUser.mutate(input, {
      onSuccess: (created) => {
        void message.success(t("users.createdMessage", { name: created.name }));
        onClose();
      },
      onError,
    });
  };

  const pending = createUser.isPending || updateUser.isPending;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={user ? t("users.edit") : t("users.new")}
      size={screens.sm === false ? "100%" : 480}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={pending} onClick={() => form.submit()}>
            {user ? t("common.save") : t("common.create")}
          </Button>
        </Flex>
      }
    >
      {/* clearOnDestroy: the next opening starts from its own initial values, not the last user's. */}
      <Form clearOnDestroy form={form} layout="vertical" initialValues={initialValues} onFinish={submit}>
        <Form.Item label={t("users.name")} name="name" {...field("name")}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t("users.email")} name="email" {...field("email")}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item label={t("users.role")} name="role" {...field("role")}>
          <Select options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
        </Form.Item>
        <Form.Item label={t("users.team")} name="teamId" {...field("teamId")}>
          <Select
            allowClear
            placeholder={t("users.noTeam")}
            loading={teams.isPending}
            options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          />
        </Form.Item>
        {user ? (
          <Form.Item
            label={t("users.resetPassword")}
            name="password"
            extra={t("users.resetPasswordHelp")}
            {...field("password")}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : (
          <Form.Item
            label={t("users.password")}
            name="password"
            extra={t("users.passwordHelp")}
            {...field("password")}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item label={t("users.locale")} name="locale" {...field("locale")}>
          <LanguageSelect />
        </Form.Item>
        <Form.Item label={t("users.timeZone")} name="timeZone" {...field("timeZone")}>
          <TimeZoneSelect />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
