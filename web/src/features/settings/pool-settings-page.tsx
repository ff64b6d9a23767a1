import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import { UpdatePoolSettingsSchema } from "../../../../shared/schemas/customers";
import { PageHeader } from "../../components/page-header";
import { errorMessage, useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import { usePoolSettings, useUpdatePoolSettings } from "./settings.api";

type Values = Record<string, unknown>;

export function PoolSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = usePoolSettings();
  const update = useUpdatePoolSettings();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(UpdatePoolSettingsSchema);
  const showError = useShowError();

  const submit = (values: Values) => {
    const input = parse(form, values);
    if (!input) return;
    update.mutate(input, {
      onSuccess: () => void message.success(t("poolSettings.savedMessage")),
      onError: (error) => showError(error, form),
    });
  };

  return (
    <>
      <PageHeader title={t("poolSettings.title")} subtitle={t("poolSettings.subtitle")} />
      <Row>
        <Col xs={24} lg={16} xl={12}>
          <Card>
            {settings.data ? (
              <Form
                name="poolSettings"
                form={form}
                layout="vertical"
                initialValues={settings.data}
                onFinish={submit}
              >
                <Form.Item
                  label={t("poolSettings.releaseAfterDays")}
                  name="releaseAfterDays"
                  extra={t("poolSettings.releaseAfterDaysHelp")}
                  {...field("releaseAfterDays")}
                >
                  <InputNumber min={1} precision={0} suffix={t("poolSettings.days")} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item
                  label={t("poolSettings.maxPrivatePerRep")}
                  name="maxPrivatePerRep"
                  extra={t("poolSettings.maxPrivatePerRepHelp")}
                  {...field("maxPrivatePerRep")}
                >
                  <InputNumber min={1} precision={0} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item
                  label={t("poolSettings.reclaimCooldownDays")}
                  name="reclaimCooldownDays"
                  extra={t("poolSettings.reclaimCooldownDaysHelp")}
                  {...field("reclaimCooldownDays")}
                >
                  <InputNumber min={0} precision={0} suffix={t("poolSettings.days")} style={{ width: 200 }} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={update.isPending}>
                  {t("common.save")}
                </Button>
              </Form>
            ) : settings.error ? (
              <Alert type="error" showIcon title={errorMessage(settings.error, t)} />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
