import type { UseMutationResult, UseQueryResult } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Form, Row, Skeleton } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { PageHeader } from "../../components/page-header";
import { errorMessage, useShowError } from "../../lib/errors";
import { type SchemaForm, useSchemaForm } from "../../lib/schema-form";

type Values = Record<string, unknown>;

// A page of workspace rules: the current values in a form validated by the update schema, saved at once.
export function SettingsFormPage<S extends z.ZodObject, T extends object>({
  name,
  title,
  subtitle,
  savedMessage,
  schema,
  settings,
  update,
  children,
}: {
  name: string;
  title: string;
  subtitle: string;
  savedMessage: string;
  schema: S;
  settings: UseQueryResult<T>;
  update: UseMutationResult<T, Error, z.output<S>>;
  children: (field: SchemaForm<S>["field"]) => ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(schema);
  const showError = useShowError();

  const submit = (values: Values) => {
    const input = parse(form, values);
    if (!input) return;
    update.mutate(input, {
      onSuccess: () => void message.success(savedMessage),
      onError: (error) => showError(error, form),
    });
  };

  return (
    <>
      <PageHeader title={title} subtitle={subtitle} />
      <Row>
        <Col xs={24} lg={16} xl={12}>
          <Card>
            {settings.data ? (
              <Form name={name} form={form} layout="vertical" initialValues={settings.data} onFinish={submit}>
                {children(field)}
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
