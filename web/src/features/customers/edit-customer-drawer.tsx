import { Alert, App, Button, Drawer, Flex, Form, Grid } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type Customer,
  type DuplicateMatch,
  type UpdateCustomerInput,
  UpdateCustomerInputSchema,
} from "../../../../shared/schemas/customers";
import { useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import { CustomerFields } from "./customer-fields";
import { duplicateRefusal, useUpdateCustomer } from "./customers.api";
import { DuplicateMatchList } from "./duplicate-matches";

type Values = Record<string, unknown>;

const EDITABLE = [
  "name",
  "localName",
  "country",
  "city",
  "address",
  "website",
  "phones",
  "industry",
  "source",
  "tier",
  "stage",
  "tags",
  "productsOfInterest",
  "estimatedAnnualPurchase",
  "estimatedAnnualCurrency",
  "notes",
  "timeZone",
] as const satisfies readonly (keyof Customer & keyof UpdateCustomerInput)[];

function initialValues(customer: Customer): Values {
  return Object.fromEntries(EDITABLE.map((key) => [key, customer[key] ?? undefined]));
}

// Only what changed is sent: an unchanged name or phone must not trigger the duplicate check again,
// and a field emptied in the form is sent as null, which is how the API clears it.
function changes(customer: Customer, input: UpdateCustomerInput): UpdateCustomerInput {
  const patch: Record<string, unknown> = {};
  for (const key of EDITABLE) {
    const before = customer[key] ?? null;
    const after = input[key] ?? null;
    if (JSON.stringify(before) !== JSON.stringify(after)) patch[key] = after;
  }
  return patch as UpdateCustomerInput;
}

export function EditCustomerDrawer({
  open,
  customer,
  onClose,
}: {
  open: boolean;
  customer: Customer;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(UpdateCustomerInputSchema);
  const updateCustomer = useUpdateCustomer(customer.id);
  const showError = useShowError();
  // A fuzzy match with another customer waits for "this is not a duplicate".
  const [pending, setPending] = useState<{ matches: DuplicateMatch[]; patch?: UpdateCustomerInput }>();

  const save = (patch: UpdateCustomerInput) => {
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    updateCustomer.mutate(patch, {
      onSuccess: () => {
        void message.success(t("customerDetail.savedMessage"));
        setPending(undefined);
        onClose();
      },
      onError: (error) => {
        const duplicate = duplicateRefusal(error);
        if (duplicate) {
          setPending({
            matches: duplicate.matches,
            patch: duplicate.requiresConfirmation ? patch : undefined,
          });
          return;
        }
        showError(error, form);
      },
    });
  };

  const submit = (values: Values) => {
    const input = parse(form, values);
    if (input) save(changes(customer, input));
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t("customerDetail.editTitle", { name: customer.name })}
      size={screens.md === false ? "100%" : 720}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (!visible) setPending(undefined);
      }}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={updateCustomer.isPending} onClick={() => form.submit()}>
            {t("common.save")}
          </Button>
        </Flex>
      }
    >
      {pending ? (
        <Alert
          type={pending.patch ? "warning" : "error"}
          showIcon
          style={{ marginBottom: 16 }}
          title={pending.patch ? t("createCustomer.confirmTitle") : t("customerDetail.editBlocked")}
          description={
            <>
              <DuplicateMatchList matches={pending.matches} />
              {pending.patch ? (
                <Flex justify="flex-end">
                  <Button
                    type="primary"
                    danger
                    loading={updateCustomer.isPending}
                    onClick={() => pending.patch && save({ ...pending.patch, confirmNotDuplicate: true })}
                  >
                    {t("customerDetail.confirmSave")}
                  </Button>
                </Flex>
              ) : null}
            </>
          }
        />
      ) : null}
      <Form
        name="editCustomer"
        clearOnDestroy
        form={form}
        layout="vertical"
        initialValues={initialValues(customer)}
        onFinish={submit}
        onValuesChange={() => setPending(undefined)}
      >
        <CustomerFields field={field} detailed />
      </Form>
    </Drawer>
  );
}
