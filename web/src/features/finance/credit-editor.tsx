import { SafetyCertificateOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Col,
  DatePicker,
  Descriptions,
  Divider,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  Row,
  Skeleton,
  Switch,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Permission } from "../../../../shared/permissions";
import { type CustomerCredit, UpdateCustomerCreditInputSchema } from "../../../../shared/schemas/credit";
import { fieldIssues } from "../../api/client";
import { CurrencySelect } from "../../components/pickers";
import { errorMessage, useShowError } from "../../lib/errors";
import { formatAmount } from "../quotations/trade-display";
import { useMe } from "../session/me-context";
import { CreditBar } from "./credit-bar";
import { fieldOf, initialValues, toInput, type CreditValues as Values } from "./credit-values";
import { useCustomerCredit, useUpdateCustomerCredit } from "./finance.api";

// The insurers Chinese exporters insure buyers with most; any other name may be typed.
const INSURERS = ["Sinosure 中国信保", "Allianz Trade", "Coface", "Atradius", "PICC 人保财险"];

// The API's nested insurance paths, as the form's flat field names.
const INSURANCE_FIELDS = {
  "insurance.currency": "insuranceCurrency",
  "insurance.insurer": "insurer",
  "insurance.policyNumber": "policyNumber",
  "insurance.approvedLimit": "approvedLimit",
  "insurance.expiresOn": "expiresOn",
};

export function mayEditCredit(permissions: readonly Permission[]): boolean {
  return permissions.includes("credit.write");
}

export function CreditDrawer({
  customer,
  onClose,
}: {
  customer: { id: string; name: string } | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={customer !== undefined}
      onClose={onClose}
      title={customer ? t("finance.credit.editTitle", { name: customer.name }) : null}
      size={screens.md === false ? "100%" : 640}
      destroyOnHidden
    >
      {customer ? <CreditEditor customerId={customer.id} onDone={onClose} /> : null}
    </Drawer>
  );
}

function CreditEditor({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const credit = useCustomerCredit(customerId);
  if (credit.error) return <Alert type="error" showIcon title={errorMessage(credit.error, t)} />;
  if (!credit.data) return <Skeleton active />;
  return <CreditForm credit={credit.data} editable={mayEditCredit(me.permissions)} onDone={onDone} />;
}

function CreditForm({
  credit,
  editable,
  onDone,
}: {
  credit: CustomerCredit;
  editable: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateCustomerCredit(credit.customerId);
  const showError = useShowError();
  const insured = Form.useWatch("insured", form);
  const [refusal, setRefusal] = useState<string>();

  const submit = (values: Values) => {
    const parsed = UpdateCustomerCreditInputSchema.safeParse(toInput(values));
    if (!parsed.success) {
      form.setFields(
        parsed.error.issues.map((issue) => ({ name: fieldOf(issue.path), errors: [issue.message] })),
      );
      return;
    }
    setRefusal(undefined);
    update.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t("finance.credit.saved"));
        onDone();
      },
      onError: (error) => {
        setRefusal(errorMessage(error, t));
        if (fieldIssues(error).length > 0) showError(error, form, INSURANCE_FIELDS);
      },
    });
  };

  return (
    <Flex vertical gap={16}>
      {credit.creditLimit && credit.currency && credit.exposure !== null && credit.usedPercent !== null ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          items={[
            {
              key: "exposure",
              label: t("finance.credit.exposure"),
              children: (
                <Flex vertical gap={4}>
                  <span>
                    {formatAmount(credit.exposure, credit.currency)} /{" "}
                    {formatAmount(credit.creditLimit, credit.currency)}
                  </span>
                  <CreditBar percent={credit.usedPercent} level={credit.level ?? "ok"} />
                </Flex>
              ),
            },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{t("finance.credit.noLimit")}</Typography.Text>
      )}
      {credit.insuranceExpired ? (
        <Alert type="warning" showIcon title={t("finance.credit.insuranceExpired")} />
      ) : null}
      {credit.unconverted.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t("finance.credit.unconverted", {
            list: credit.unconverted.map((u) => formatAmount(u.outstanding, u.currency)).join(", "),
          })}
        />
      ) : null}
      <Form
        name="customerCredit"
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={initialValues(credit)}
        onFinish={submit}
      >
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item
              name="creditLimit"
              label={t("finance.credit.limit")}
              extra={t("finance.credit.limitHelp")}
            >
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="currency" label={t("finance.currency")}>
              <CurrencySelect allowClear />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          <SafetyCertificateOutlined /> {t("finance.credit.insurance")}
        </Divider>
        <Form.Item name="insured" label={t("finance.credit.insured")} valuePropName="checked">
          <Switch />
        </Form.Item>
        {insured ? (
          <>
            <Row gutter={12}>
              <Col span={14}>
                <Form.Item
                  name="insurer"
                  label={t("finance.credit.insurer")}
                  rules={[{ required: true, message: t("validation.required") }]}
                >
                  <AutoComplete
                    options={INSURERS.map((value) => ({ value }))}
                    placeholder={t("finance.credit.insurerPlaceholder")}
                  />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name="policyNumber" label={t("finance.credit.policyNumber")}>
                  <Input />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col span={10}>
                <Form.Item name="approvedLimit" label={t("finance.credit.approvedLimit")}>
                  <Input inputMode="decimal" />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="insuranceCurrency" label={t("finance.currency")}>
                  <CurrencySelect allowClear />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="expiresOn" label={t("finance.credit.expiresOn")}>
                  <DatePicker style={{ width: "100%" }} />
                </Form.Item>
              </Col>
            </Row>
          </>
        ) : null}
        {refusal ? <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} /> : null}
        {editable ? (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onDone}>{t("common.cancel")}</Button>
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              {t("common.save")}
            </Button>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t("finance.credit.readOnly")}</Typography.Text>
        )}
      </Form>
    </Flex>
  );
}

// The customer page's entry point to the same editor.
export function CustomerCreditButton({ customer }: { customer: { id: string; name: string } }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} onClick={() => setOpen(true)}>
        {t("finance.credit.button")}
      </Button>
      <CreditDrawer customer={open ? customer : undefined} onClose={() => setOpen(false)} />
    </>
  );
}
