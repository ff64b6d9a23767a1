import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { Alert, Button, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { LoginInputSchema } from "../../../../shared/schemas/identity";
import { errorMessage } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import { AuthLayout } from "./auth-layout";
import { safeRedirect, useLogin } from "./session.api";

const route = getRouteApi("/login");

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = route.useSearch();
  const [form] = Form.useForm<Record<string, unknown>>();
  const { field, parse } = useSchemaForm(LoginInputSchema);
  const login = useLogin();

  const submit = (values: Record<string, unknown>) => {
    const input = parse(form, values);
    if (!input) return;
    login.mutate(input, { onSuccess: () => navigate({ href: safeRedirect(search.redirect) }) });
  };

  return (
    <AuthLayout title={t("login.title")} subtitle={t("login.subtitle")}>
      {login.error ? (
        <Alert type="error" showIcon title={errorMessage(login.error, t)} style={{ marginBottom: 16 }} />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t("login.email")} name="email" {...field("email")}>
          <Input type="email" autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label={t("login.password")} name="password" {...field("password")}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
          {t("login.submit")}
        </Button>
      </Form>
    </AuthLayout>
  );
}
