import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { Button, Col, Divider, Form, Input, Row } from "antd";
import { useTranslation } from "react-i18next";
import { SetupInputSchema } from "../../../../shared/schemas/identity";
import { ApiError } from "../../api/client";
import { CurrencySelect, TimeZoneSelect } from "../../components/pickers";
import { currentLocale } from "../../i18n";
import { useShowError } from "../../lib/errors";
import { useConfirmField, useSchemaForm } from "../../lib/schema-form";
import { browserTimeZone } from "../../lib/time";
import { AuthLayout } from "./auth-layout";
import { setupKey, useSetup } from "./session.api";

type SetupValues = Record<string, unknown>;

export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SetupValues>();
  const { field, parse } = useSchemaForm(SetupInputSchema);
  const confirmField = useConfirmField(form, "password");
  const setup = useSetup();
  const showError = useShowError();

  const submit = (values: SetupValues) => {
    const input = parse(form, values);
    if (!input) return;
    setup.mutate(
      { ...input, locale: currentLocale() },
      {
        onSuccess: () => navigate({ to: "/" }),
        onError: (error) => {
          showError(error, form);
          // Someone else finished setup meanwhile: this installation now only needs a sign-in.
          if (error instanceof ApiError && error.code === "setup_done") {
            queryClient.setQueryData(setupKey, { needed: false });
            void navigate({ to: "/login" });
          }
        },
      },
    );
  };

  return (
    <AuthLayout title={t("setup.title")} subtitle={t("setup.subtitle")}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ currency: "CNY", timeZone: browserTimeZone() }}
      >
        <Divider titlePlacement="start">{t("setup.company")}</Divider>
        <Form.Item label={t("setup.workspaceName")} name="workspaceName" {...field("workspaceName")}>
          <Input autoComplete="organization" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t("setup.currency")}
              name="currency"
              extra={t("setup.currencyHelp")}
              {...field("currency")}
            >
              <CurrencySelect />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t("setup.timeZone")} name="timeZone" {...field("timeZone")}>
              <TimeZoneSelect />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t("setup.admin")}</Divider>
        <Form.Item label={t("setup.adminName")} name="adminName" {...field("adminName")}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item label={t("setup.email")} name="email" {...field("email")}>
          <Input type="email" autoComplete="email" />
        </Form.Item>
        <Form.Item
          label={t("setup.password")}
          name="password"
          extra={t("setup.passwordHelp")}
          {...field("password")}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label={t("setup.confirmPassword")} name="confirmPassword" {...confirmField}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={setup.isPending}>
          {t("setup.submit")}
        </Button>
      </Form>
    </AuthLayout>
  );
}
