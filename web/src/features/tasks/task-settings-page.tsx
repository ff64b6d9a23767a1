import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import { UpdateTaskSettingsSchema } from "../../../../shared/schemas/tasks";
import { PageHeader } from "../../components/page-header";
import { errorMessage, useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import { useTaskSettings, useUpdateTaskSettings } from "./tasks.api";

type Values = Record<string, unknown>;

// When reminders go out and when a late task is escalated to the assignee's manager.
export function TaskSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useTaskSettings();
  const update = useUpdateTaskSettings();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(UpdateTaskSettingsSchema);
  const showError = useShowError();

  const submit = (values: Values) => {
    const input = parse(form, values);
    if (!input) return;
    update.mutate(input, {
      onSuccess: () => void message.success(t("taskSettings.savedMessage")),
      onError: (error) => showError(error, form),
    });
  };

  return (
    <>
      <PageHeader title={t("taskSettings.title")} subtitle={t("taskSettings.subtitle")} />
      <Row>
        <Col xs={24} lg={16} xl={12}>
          <Card>
            {settings.data ? (
              <Form
                name="taskSettings"
                form={form}
                layout="vertical"
                initialValues={settings.data}
                onFinish={submit}
              >
                <Form.Item
                  label={t("taskSettings.escalateAfterDays")}
                  name="escalateAfterDays"
                  extra={t("taskSettings.escalateAfterDaysHelp")}
                  {...field("escalateAfterDays")}
                >
                  <InputNumber
                    min={1}
                    max={365}
                    precision={0}
                    suffix={t("taskSettings.days")}
                    style={{ width: 200 }}
                  />
                </Form.Item>
                <Form.Item
                  label={t("taskSettings.dueSoonHours")}
                  name="dueSoonHours"
                  extra={t("taskSettings.dueSoonHoursHelp")}
                  {...field("dueSoonHours")}
                >
                  <InputNumber
                    min={1}
                    max={168}
                    precision={0}
                    suffix={t("taskSettings.hours")}
                    style={{ width: 200 }}
                  />
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
