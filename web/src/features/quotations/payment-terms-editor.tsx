import { CheckCircleFilled, DeleteOutlined, PlusOutlined, WarningFilled } from "@ant-design/icons";
import { Button, Col, Flex, Form, Input, InputNumber, Row, Select, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import {
  PAYMENT_DUE,
  PAYMENT_METHODS,
  type PaymentDue,
  type PaymentMethod,
  PaymentTermSchema,
} from "../../../../shared/schemas/quotations";
import { useSchemaForm } from "../../lib/schema-form";
import { percentSum } from "./pricing";

export type TermValues = {
  method?: PaymentMethod;
  percent?: number | null;
  due?: PaymentDue;
  days?: number | null;
  note?: string;
};

// The schedules export teams agree most often, one click each.
const PRESETS = {
  depositBalance: [
    { method: "TT", percent: 30, due: "on_confirmation" },
    { method: "TT", percent: 70, due: "before_shipment" },
  ],
  lcAtSight: [{ method: "LC", percent: 100, due: "at_sight" }],
  ttBeforeShipment: [{ method: "TT", percent: 100, due: "before_shipment" }],
  openAccount: [{ method: "OA", percent: 100, due: "after_bl", days: 60 }],
} as const satisfies Record<string, TermValues[]>;

// Cleared number inputs give null; the shared schemas say "not given" with undefined.
const nullToUndefined = (value: unknown) => (value === null ? undefined : value);

function SumIndicator({ sum }: { sum: number }) {
  const { t } = useTranslation();
  const complete = sum === 100;
  return (
    <Typography.Text type={complete ? "success" : "danger"} aria-live="polite">
      {complete ? <CheckCircleFilled /> : <WarningFilled />}{" "}
      {complete ? t("trade.termsComplete") : t("trade.termsSum", { sum })}
    </Typography.Text>
  );
}

// Rows of method, share, when it is due and (after the B/L date) how many days; the shares must add
// up to 100%, which the sum under the rows shows as the rep types.
export function PaymentTermsEditor() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const { field } = useSchemaForm(PaymentTermSchema);
  const terms = (Form.useWatch("paymentTerms", form) ?? []) as (TermValues | undefined)[];
  const sum = percentSum(terms.map((term) => term?.percent));

  return (
    <Form.List
      name="paymentTerms"
      rules={[
        {
          validator: async (_rule, value: TermValues[] | undefined) => {
            if (!value || value.length === 0) throw new Error(t("trade.termsRequired"));
            if (percentSum(value.map((term) => term.percent)) !== 100) {
              throw new Error(t("trade.termsMustAddUp"));
            }
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={8}>
          <Space wrap size={4}>
            <Typography.Text type="secondary">{t("trade.termsPresets")}</Typography.Text>
            {(Object.keys(PRESETS) as (keyof typeof PRESETS)[]).map((preset) => (
              <Button
                key={preset}
                size="small"
                onClick={() => {
                  form.setFieldValue(
                    "paymentTerms",
                    PRESETS[preset].map((term) => ({ ...term })),
                  );
                  void form.validateFields([["paymentTerms"]]);
                }}
              >
                {t(`trade.presets.${preset}`)}
              </Button>
            ))}
          </Space>
          {fields.map(({ key, name }) => {
            const due = terms[name]?.due;
            const position = name + 1;
            return (
              <Row key={key} gutter={8} align="top" wrap>
                <Col xs={12} md={4}>
                  <Form.Item name={[name, "method"]} {...field("method")}>
                    <Select
                      aria-label={t("trade.termMethodOf", { position })}
                      options={PAYMENT_METHODS.map((method) => ({
                        value: method,
                        label: t(`trade.paymentMethods.${method}`),
                      }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={3}>
                  <Form.Item name={[name, "percent"]} {...field("percent")}>
                    <InputNumber
                      aria-label={t("trade.termPercentOf", { position })}
                      min={0}
                      max={100}
                      step={5}
                      precision={2}
                      suffix="%"
                      style={{ width: "100%" }}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[name, "due"]} {...field("due")}>
                    <Select
                      aria-label={t("trade.termDueOf", { position })}
                      options={PAYMENT_DUE.map((option) => ({
                        value: option,
                        label: t(`trade.dueOptions.${option}`),
                      }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={3}>
                  <Form.Item
                    name={[name, "days"]}
                    normalize={nullToUndefined}
                    dependencies={[["paymentTerms", name, "due"]]}
                    rules={[
                      {
                        validator: async (_rule, value: unknown) => {
                          if (due === "after_bl" && (value === undefined || value === null)) {
                            throw new Error(t("trade.daysRequired"));
                          }
                        },
                      },
                    ]}
                  >
                    <InputNumber
                      aria-label={t("trade.termDaysOf", { position })}
                      min={0}
                      max={720}
                      precision={0}
                      placeholder={t("trade.daysPlaceholder")}
                      suffix={t("trade.daysUnit")}
                      style={{ width: "100%" }}
                    />
                  </Form.Item>
                </Col>
                <Col xs={20} md={7}>
                  <Form.Item name={[name, "note"]} {...field("note")}>
                    <Input
                      aria-label={t("trade.termNoteOf", { position })}
                      placeholder={t("trade.termNotePlaceholder")}
                    />
                  </Form.Item>
                </Col>
                <Col xs={4} md={1}>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t("trade.removeTerm", { position })}
                    onClick={() => remove(name)}
                  />
                </Col>
              </Row>
            );
          })}
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Button icon={<PlusOutlined />} onClick={() => add({ method: "TT", due: "before_shipment" })}>
              {t("trade.addTerm")}
            </Button>
            <SumIndicator sum={sum} />
          </Flex>
          <Form.ErrorList errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}
