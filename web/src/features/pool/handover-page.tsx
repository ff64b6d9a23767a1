import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { App, Button, Card, Col, Form, Input, List, Radio, Result, Row, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { can } from "../../../../shared/permissions";
import { HandoverInputSchema, type HandoverResultSchema } from "../../../../shared/schemas/customers";
import { PageHeader } from "../../components/page-header";
import { currentLocale } from "../../i18n";
import { useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import { formatTotal } from "../customers/customer-table";
import { useCustomerList } from "../customers/customers.api";
import { useAllUsers } from "../users/users.api";
import { useHandover } from "./pool.api";

const route = getRouteApi("/app/settings/handover");

type Values = Record<string, unknown>;
type Outcome = { fromName: string; result: z.infer<typeof HandoverResultSchema> };

// A rep leaves: their whole book moves to colleagues in one step, recorded in every customer's history.
export function HandoverPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const search = route.useSearch();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(HandoverInputSchema);
  const users = useAllUsers();
  const handover = useHandover();
  const showError = useShowError();
  const [outcome, setOutcome] = useState<Outcome>();
  const fromUserId = Form.useWatch("fromUserId", form) as string | undefined;
  // How many customers will move, so the manager confirms a number, not a guess.
  const book = useCustomerList({ scope: "all", ownerId: fromUserId, pageSize: 1 }, { enabled: !!fromUserId });
  const everyone = (users.data?.items ?? []).filter((user) => can(user.role, "customers.write"));
  const names = new Map(everyone.map((user) => [user.id, user.name]));

  const submit = (values: Values) => {
    const input = parse(form, values);
    if (!input) return;
    const fromName = names.get(input.fromUserId) ?? "";
    modal.confirm({
      title: t("handover.confirmTitle", { name: fromName }),
      content: `${t("handover.confirmBody", {
        count: book.data?.total ?? 0,
        recipients: new Intl.ListFormat(currentLocale(), { type: "conjunction" }).format(
          input.toUserIds.map((id) => names.get(id) ?? id),
        ),
      })} ${t("handover.dealsFollow")}`,
      okText: t("handover.submit"),
      cancelText: t("common.cancel"),
      onOk: () =>
        handover.mutateAsync(input).then(
          (result) => setOutcome({ fromName, result }),
          (error: unknown) => showError(error, form),
        ),
    });
  };

  if (outcome) {
    return (
      <>
        <PageHeader title={t("handover.title")} />
        <Result
          status="success"
          title={t("handover.doneTitle", { count: outcome.result.moved, name: outcome.fromName })}
          subTitle={t("handover.dealsMoved", {
            quotations: outcome.result.quotationsMoved,
            orders: outcome.result.ordersMoved,
          })}
          extra={[
            <Button
              key="again"
              onClick={() => {
                setOutcome(undefined);
                form.resetFields();
              }}
            >
              {t("handover.another")}
            </Button>,
            <Button
              key="list"
              type="primary"
              onClick={() => void navigate({ to: "/customers", search: { scope: "all" } })}
            >
              {t("handover.viewCustomers")}
            </Button>,
          ]}
        >
          <List
            size="small"
            dataSource={outcome.result.assignments}
            renderItem={(assignment) => (
              <List.Item key={assignment.userId}>
                <Typography.Text>{names.get(assignment.userId) ?? assignment.userId}</Typography.Text>
                <Typography.Text strong>
                  {t("handover.received", { count: assignment.count })}
                </Typography.Text>
              </List.Item>
            )}
          />
        </Result>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t("handover.title")} subtitle={t("handover.subtitle")} />
      <Row>
        <Col xs={24} lg={16} xl={12}>
          <Card>
            <Form
              name="handover"
              form={form}
              layout="vertical"
              initialValues={{ fromUserId: search.from, mode: "round-robin" }}
              onFinish={submit}
            >
              <Form.Item
                label={t("handover.from")}
                name="fromUserId"
                extra={
                  fromUserId && book.data
                    ? t("handover.bookSize", {
                        count: book.data.total,
                        total: formatTotal(book.data.total, book.data.totalIsEstimate),
                      })
                    : t("handover.fromHelp")
                }
                {...field("fromUserId")}
              >
                <Select
                  showSearch={{ optionFilterProp: "label" }}
                  loading={users.isPending}
                  options={everyone.map((user) => ({
                    value: user.id,
                    label: user.active ? user.name : `${user.name} (${t("users.inactive")})`,
                  }))}
                />
              </Form.Item>
              <Form.Item label={t("handover.to")} name="toUserIds" {...field("toUserIds")}>
                <Select
                  mode="multiple"
                  showSearch={{ optionFilterProp: "label" }}
                  loading={users.isPending}
                  options={everyone
                    .filter((user) => user.active && user.id !== fromUserId)
                    .map((user) => ({ value: user.id, label: user.name }))}
                />
              </Form.Item>
              <Form.Item label={t("handover.mode")} name="mode" {...field("mode")}>
                <Radio.Group
                  options={[
                    { value: "round-robin", label: t("handover.roundRobin") },
                    { value: "all-to-first", label: t("handover.allToFirst") },
                  ]}
                />
              </Form.Item>
              <Form.Item label={t("pool.reason")} name="reason" {...field("reason")}>
                <Input.TextArea autoSize={{ minRows: 2 }} placeholder={t("handover.reasonPlaceholder")} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={handover.isPending}>
                {t("handover.submit")}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}
