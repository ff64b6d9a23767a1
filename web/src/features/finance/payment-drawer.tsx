import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Typography,
} from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { CreatePaymentInputSchema, type Receivable } from "../../../../shared/schemas/receivables";
import { fieldIssues } from "../../api/client";
import { CurrencySelect } from "../../components/pickers";
import { errorMessage, useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import { type Dayjs, dayjs } from "../../lib/time";
import { formatAmount } from "../quotations/trade-display";
import {
  allocationInput,
  isPositive,
  netReceived,
  openInCurrency,
  parseAmount,
  suggestAllocations,
  summarise,
} from "./allocation";
import { useCreatePayment, useReceivables } from "./finance.api";
import { DueText } from "./finance-display";

// Where the drawer starts: from a receivable's row the customer and currency are already known.
export type PaymentStart = { customerId?: string; customerName?: string; currency?: string };

type Values = {
  customerId?: string;
  amount?: string;
  currency?: string;
  receivedAt?: Dayjs;
  bankReference?: string;
  bankCharges?: string;
};

export function PaymentDrawer({ start, onClose }: { start: PaymentStart | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={start !== undefined}
      onClose={onClose}
      title={t("finance.payment.title")}
      size={screens.md === false ? "100%" : 820}
      destroyOnHidden
    >
      {start ? <PaymentForm start={start} onDone={onClose} /> : null}
    </Drawer>
  );
}

function PaymentForm({ start, onDone }: { start: PaymentStart; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(CreatePaymentInputSchema);
  const showError = useShowError();
  const create = useCreatePayment();
  const receivables = useReceivables({});
  const [allocations, setAllocations] = useState<Record<string, string>>({});
  // Until the user types an allocation, the amount is spread over the oldest receivables by itself.
  const [typedByHand, setTypedByHand] = useState(false);

  const customerId = Form.useWatch("customerId", form);
  const currency = Form.useWatch("currency", form);
  const amount = Form.useWatch("amount", form);
  const bankCharges = Form.useWatch("bankCharges", form);
  const net = netReceived(amount, bankCharges, currency ?? "");

  const all = receivables.data?.items ?? [];
  const customers = useMemo(() => {
    const byId = new Map<string, string>();
    if (start.customerId && start.customerName) byId.set(start.customerId, start.customerName);
    for (const r of all) if (isPositive(r.outstanding)) byId.set(r.customerId, r.customerName);
    return [...byId]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [all, start]);
  const ofCustomer = all.filter((r) => r.customerId === customerId);
  const open = openInCurrency(ofCustomer, currency);
  // Nothing open in the chosen currency may mean the customer owes in another one.
  const otherCurrencies = [
    ...new Set(ofCustomer.filter((r) => isPositive(r.outstanding)).map((r) => r.currency)),
  ].filter((code) => code !== currency);
  const summary = summarise(amount, currency ?? "", allocations, open);
  const openKey = open.map((r) => `${r.id}:${r.outstanding}`).join(",");

  // biome-ignore lint/correctness/useExhaustiveDependencies: openKey stands for the open receivables
  useEffect(() => {
    if (!typedByHand) setAllocations(suggestAllocations(amount, open));
  }, [amount, openKey, typedByHand]);

  const pickCustomer = (id: string | undefined) => {
    // A customer usually pays in the currency of what they owe.
    const owed = all.find((r) => r.customerId === id && isPositive(r.outstanding));
    if (owed) form.setFieldValue("currency", owed.currency);
    setTypedByHand(false);
  };

  const submit = (values: Values) => {
    const input = parse(form, {
      ...values,
      receivedAt: values.receivedAt?.format("YYYY-MM-DD"),
      allocations: allocationInput(allocations, open),
    });
    if (!input) return;
    create.mutate(input, {
      onSuccess: (payment) => {
        void message.success(
          t("finance.payment.recorded", {
            amount: formatAmount(payment.amount, payment.currency),
            allocated: formatAmount(payment.allocated, payment.currency),
          }),
        );
        onDone();
      },
      // The refusal is shown in the drawer; issues that name a field are also put on it.
      onError: (error) => {
        if (fieldIssues(error).length > 0) showError(error, form);
      },
    });
  };

  const columns: TableColumnsType<Receivable> = [
    {
      title: t("finance.order"),
      key: "order",
      render: (_, r) => `${r.orderNumber} · ${t("finance.instalment", { sequence: r.sequence })}`,
    },
    { title: t("finance.dueDate"), key: "due", render: (_, r) => <DueText receivable={r} /> },
    {
      title: t("finance.outstanding"),
      key: "outstanding",
      align: "right",
      render: (_, r) => formatAmount(r.outstanding, r.currency),
    },
    {
      title: t("finance.payment.allocate"),
      key: "allocate",
      width: 170,
      render: (_, r) => {
        const beyond = summary.beyondOutstanding.includes(r.id);
        const invalid = summary.invalid.includes(r.id);
        return (
          <Flex vertical>
            <Input
              value={allocations[r.id] ?? ""}
              inputMode="decimal"
              status={beyond || invalid ? "error" : undefined}
              aria-label={t("finance.payment.allocateTo", { order: r.orderNumber, sequence: r.sequence })}
              onChange={(event) => {
                setTypedByHand(true);
                setAllocations((previous) => ({ ...previous, [r.id]: event.target.value }));
              }}
            />
            {beyond || invalid ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {invalid ? t("finance.payment.notAnAmount") : t("finance.payment.beyondOutstanding")}
              </Typography.Text>
            ) : null}
          </Flex>
        );
      },
    },
  ];

  const blocked = summary.overAllocated !== null || summary.invalid.length > 0;

  return (
    <Form
      name="recordPayment"
      form={form}
      layout="vertical"
      initialValues={{ customerId: start.customerId, currency: start.currency, receivedAt: dayjs() }}
      onFinish={submit}
      onValuesChange={() => create.reset()}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="customerId" label={t("finance.customer")} {...field("customerId")}>
            <Select
              showSearch={{ optionFilterProp: "label" }}
              options={customers}
              loading={receivables.isPending}
              placeholder={t("finance.payment.pickCustomer")}
              notFoundContent={t("finance.payment.noCustomers")}
              onChange={pickCustomer}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="receivedAt"
            label={t("finance.payment.receivedAt")}
            rules={[{ required: true, message: t("validation.required") }]}
          >
            <DatePicker style={{ width: "100%" }} disabledDate={(date) => date.isAfter(dayjs(), "day")} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="amount" label={t("finance.payment.amount")} {...field("amount")}>
            <Input inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="currency" label={t("finance.currency")} {...field("currency")}>
            <CurrencySelect />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="bankCharges"
            label={t("finance.payment.bankCharges")}
            tooltip={t("finance.payment.bankChargesHelp")}
            {...field("bankCharges")}
          >
            <Input inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="bankReference"
            label={t("finance.payment.bankReference")}
            {...field("bankReference")}
          >
            <Input />
          </Form.Item>
        </Col>
      </Row>

      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t("finance.payment.allocations")}</Typography.Text>
        <Button size="small" disabled={open.length === 0} onClick={() => setTypedByHand(false)}>
          {t("finance.payment.suggest")}
        </Button>
      </Flex>
      <Table<Receivable>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={open}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{
          emptyText: (
            <Empty
              description={
                customerId
                  ? otherCurrencies.length > 0
                    ? t("finance.payment.owedInOther", { currencies: otherCurrencies.join(", ") })
                    : t("finance.payment.nothingOpen")
                  : t("finance.payment.pickFirst")
              }
            />
          ),
        }}
      />

      {currency && parseAmount(amount) ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          style={{ marginTop: 16 }}
          items={[
            {
              key: "allocated",
              label: t("finance.payment.allocated"),
              children: formatAmount(summary.allocated, currency),
            },
            {
              key: "unallocated",
              label: t("finance.payment.unallocated"),
              children: (
                <Typography.Text type={isPositive(summary.unallocated) ? "warning" : undefined} strong>
                  {formatAmount(summary.unallocated, currency)}
                </Typography.Text>
              ),
            },
            ...(net
              ? [
                  {
                    key: "net",
                    label: t("finance.payment.netReceived"),
                    children: formatAmount(net, currency),
                  },
                ]
              : []),
            {
              key: "stillOwed",
              label: t("finance.payment.stillOwed"),
              children: formatAmount(summary.stillOwed, currency),
            },
          ]}
        />
      ) : null}
      {summary.overAllocated ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t("finance.payment.overAllocated", {
            amount: formatAmount(summary.overAllocated, currency ?? ""),
          })}
        />
      ) : currency && isPositive(summary.unallocated) && parseAmount(amount) ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t("finance.payment.overpayment", { amount: formatAmount(summary.unallocated, currency) })}
        />
      ) : null}
      {currency && isPositive(summary.stillOwed) ? (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          title={t("finance.payment.underpayment", { amount: formatAmount(summary.stillOwed, currency) })}
        />
      ) : null}
      {create.error ? (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={errorMessage(create.error, t)} />
      ) : null}

      <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
        <Button onClick={onDone}>{t("common.cancel")}</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending} disabled={blocked}>
          {t("finance.payment.submit")}
        </Button>
      </Flex>
    </Form>
  );
}
