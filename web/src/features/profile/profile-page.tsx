import { App, Button, Card, Col, Descriptions, Form, Input, Row } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ChangePasswordInputSchema, UpdateProfileInputSchema } from "../../../../shared/schemas/identity";
import { PageHeader } from "../../components/page-header";
import { LanguageSelect, TimeZoneSelect } from "../../components/pickers";
import { useShowError } from "../../lib/errors";
import { useConfirmField, useSchemaForm } from "../../lib/schema-form";
import { useMe } from "../session/me-context";
import { useChangePassword, useUpdateMe } from "../session/session.api";
import { TokensCard } from "./tokens-card";

type Values = Record<string, unknown>;

function DetailsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(UpdateProfileInputSchema);
  const updateMe = useUpdateMe();
  const showError = useShowError();
  const { name, locale, timeZone } = me.user;
  // The saved profile can also change elsewhere (the language switch in the top bar): follow it.
  useEffect(() => form.setFieldsValue({ name, locale, timeZone }), [form, name, locale, timeZone]);

  const submit = (values: Values) => {
    const input = parse(form, values);
    if (!input) return;
    updateMe.mutate(input, {
      onSuccess: () => void message.success(t("profile.savedMessage")),
      onError: (error) => showError(error, form),
    });
  };

  return (
    <Card title={t("profile.details")} style={{ height: "100%" }}>
      <Descriptions
        column={1}
        size="small"
        style={{ marginBottom: 16 }}
        items={[
          { key: "email", label: t("profile.email"), children: me.user.email },
          { key: "role", label: t("profile.role"), children: t(`roles.${me.user.role}`) },
        ]}
      />
      <Form form={form} layout="vertical" initialValues={{ name, locale, timeZone }} onFinish={submit}>
        <Form.Item label={t("profile.name")} name="name" {...field("name")}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item label={t("profile.locale")} name="locale" {...field("locale")}>
          <LanguageSelect />
        </Form.Item>
        <Form.Item
          label={t("profile.timeZone")}
          name="timeZone"
          extra={t("profile.timeZoneHelp")}
          {...field("timeZone")}
        >
          <TimeZoneSelect />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={updateMe.isPending}>
          {t("common.save")}
        </Button>
      </Form>
    </Card>
  );
}

function PasswordCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(ChangePasswordInputSchema);
  const confirmField = useConfirmField(form, "newPassword");
  const changePassword = useChangePassword();
  const showError = useShowError();

  const submit = (values: Values) => {
    const input = parse(form, values);
    if (!input) return;
    changePassword.mutate(input, {
      onSuccess: () => {
        form.resetFields();
        void message.success(t("profile.passwordChanged"));
      },
      onError: (error) => showError(error, form),
    });
  };

  return (
    <Card title={t("profile.passwordTitle")} style={{ height: "100%" }}>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t("profile.currentPassword")} name="currentPassword" {...field("currentPassword")}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={t("profile.newPassword")}
          name="newPassword"
          extra={t("profile.newPasswordHelp")}
          {...field("newPassword")}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label={t("profile.confirmPassword")} name="confirmPassword" {...confirmField}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={changePassword.isPending}>
          {t("profile.changePassword")}
        </Button>
      </Form>
    </Card>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("profile.title")} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={12}>
          <DetailsCard />
        </Col>
        <Col xs={24} lg={12}>
          <PasswordCard />
        </Col>
      </Row>
      <TokensCard />
    </>
  );
}
