import { useNavigate } from "@tanstack/react-router";
import { Alert, App, Button, Col, Divider, Drawer, Flex, Form, Grid, Input, Row, Select, theme } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { can } from "../../../../shared/permissions";
import {
  ContactInputSchema,
  type CreateCustomerInput,
  CreateCustomerInputSchema,
  type DuplicateCheckInput,
  type DuplicateMatch,
} from "../../../../shared/schemas/customers";
import { useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { useMe } from "../session/me-context";
import { useAllUsers } from "../users/users.api";
import { CustomerFields } from "./customer-fields";
import { duplicateRefusal, useCreateCustomer, useDuplicateCheck } from "./customers.api";
import { DuplicateHints, DuplicateMatchList } from "./duplicate-matches";

type Values = Record<string, unknown>;
type ContactValues = Partial<Record<"name" | "title" | "email" | "phone", string>>;

// The first contact's fields are named like the API's "contacts.0.*", so server issues land on them;
// its phone and e-mail are single fields here but lists in the API.
const CONTACT = ["contacts", "0"] as const;
const CONTACT_ALIASES = { "contacts.0.phones": "contacts.0.phone", "contacts.0.emails": "contacts.0.email" };
const OWNER_ME = "me";
const OWNER_POOL = "pool";

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

function firstContact(values: Values): ContactValues | undefined {
  const contacts = values.contacts as Record<string, ContactValues | undefined> | undefined;
  const raw = contacts?.["0"];
  const contact = {
    name: text(raw?.name),
    title: text(raw?.title),
    email: text(raw?.email),
    phone: text(raw?.phone),
  };
  return Object.values(contact).some(Boolean) ? contact : undefined;
}

// Shown when the server refused: blocked by an exact match, or waiting for "not a duplicate".
type Refusal = { matches: DuplicateMatch[]; confirm?: CreateCustomerInput };

function RefusalNotice({
  refusal,
  pending,
  onDismiss,
  onConfirm,
}: {
  refusal: Refusal;
  pending: boolean;
  onDismiss: () => void;
  onConfirm: (input: CreateCustomerInput) => void;
}) {
  const { t } = useTranslation();
  const { confirm } = refusal;
  return (
    <Alert
      type={confirm ? "warning" : "error"}
      showIcon
      title={confirm ? t("createCustomer.confirmTitle") : t("createCustomer.blockedTitle")}
      description={
        <>
          {confirm ? t("createCustomer.confirmHelp") : t("createCustomer.blockedHelp")}
          <DuplicateMatchList matches={refusal.matches} />
          {confirm ? (
            <Flex justify="flex-end" gap={8} wrap>
              <Button onClick={onDismiss}>{t("createCustomer.reviewFirst")}</Button>
              <Button type="primary" danger loading={pending} onClick={() => onConfirm(confirm)}>
                {t("createCustomer.confirmCreate")}
              </Button>
            </Flex>
          ) : null}
        </>
      }
    />
  );
}

export function CreateCustomerDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const me = useMe();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(CreateCustomerInputSchema);
  const contactSchema = useSchemaForm(ContactInputSchema);
  const createCustomer = useCreateCustomer();
  const showError = useShowError();
  const users = useAllUsers();
  const [refusal, setRefusal] = useState<Refusal>();
  const mayAssign = me.permissions.includes("customers.assign");

  // What the live 查重 compares: typed values, once the typist pauses.
  const name = text(Form.useWatch("name", form));
  const website = text(Form.useWatch("website", form));
  const country = text(Form.useWatch("country", form));
  const email = text(Form.useWatch([...CONTACT, "email"], form));
  const phone = text(Form.useWatch([...CONTACT, "phone"], form));
  const probe = useMemo(() => {
    const input: DuplicateCheckInput = {};
    // A single letter names no company: checking starts from two.
    if (name && name.length >= 2) input.name = name;
    if (website) input.website = website;
    if (country) input.country = country;
    if (email?.includes("@")) input.email = email;
    if (phone) input.phone = phone;
    return input;
  }, [name, website, country, email, phone]);
  const debounced = useDebouncedValue(probe, 300);
  const asked = Boolean(debounced.name || debounced.website || debounced.email || debounced.phone);
  const duplicates = useDuplicateCheck(asked ? debounced : {});

  const owners = (users.data?.items ?? []).filter(
    (user) => user.active && user.id !== me.user.id && can(user.role, "customers.write"),
  );

  const create = (input: CreateCustomerInput) =>
    createCustomer.mutate(input, {
      onSuccess: (customer) => {
        void message.success(t("createCustomer.createdMessage", { name: customer.name }));
        onClose();
        void navigate({ to: "/customers/$id", params: { id: customer.id } });
      },
      onError: (error) => {
        const duplicate = duplicateRefusal(error);
        if (duplicate) {
          setRefusal({
            matches: duplicate.matches,
            confirm: duplicate.requiresConfirmation ? input : undefined,
          });
          return;
        }
        showError(error, form, CONTACT_ALIASES);
      },
    });

  const submit = (values: Values) => {
    const contact = firstContact(values);
    const owner = values.owner;
    const input = parse(form, {
      ...values,
      contacts: contact ? [contact] : undefined,
      ownerId:
        owner === OWNER_POOL ? null : owner === OWNER_ME || typeof owner !== "string" ? undefined : owner,
    });
    if (input) create(input);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t("createCustomer.title")}
      size={screens.md === false ? "100%" : 720}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (!visible) setRefusal(undefined);
      }}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={createCustomer.isPending} onClick={() => form.submit()}>
            {t("common.create")}
          </Button>
        </Flex>
      }
    >
      {refusal || asked ? (
        // Sticky, so the hints stay in sight whichever field is being typed in.
        <div
          style={{
            position: "sticky",
            top: -24,
            zIndex: 2,
            background: token.colorBgElevated,
            margin: "-24px -24px 16px",
            padding: "12px 24px",
            maxHeight: "40vh",
            overflowY: "auto",
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {refusal ? (
            <RefusalNotice
              refusal={refusal}
              pending={createCustomer.isPending}
              onDismiss={() => setRefusal(undefined)}
              onConfirm={(input) => create({ ...input, confirmNotDuplicate: true })}
            />
          ) : (
            <DuplicateHints matches={duplicates.data} checking={duplicates.isFetching} />
          )}
        </div>
      ) : null}
      <Form
        name="createCustomer"
        clearOnDestroy
        form={form}
        layout="vertical"
        initialValues={{ tier: "C", stage: "new", owner: OWNER_ME }}
        onFinish={submit}
        // What was refused was the submitted version; an edited form is a new question.
        onValuesChange={() => setRefusal(undefined)}
      >
        <CustomerFields field={field} detailed={false} />
        <Divider titlePlacement="start">{t("createCustomer.firstContact")}</Divider>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t("contacts.name")}
              name={[...CONTACT, "name"]}
              dependencies={[
                [...CONTACT, "email"],
                [...CONTACT, "phone"],
                [...CONTACT, "title"],
              ]}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_rule, value: unknown) => {
                    const others = ["email", "phone", "title"].some((key) =>
                      text(getFieldValue([...CONTACT, key])),
                    );
                    if (others && !text(value)) throw new Error(t("createCustomer.contactNameRequired"));
                  },
                }),
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t("contacts.title")}
              name={[...CONTACT, "title"]}
              {...contactSchema.field("title")}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t("contacts.email")}
              name={[...CONTACT, "email"]}
              {...contactSchema.field("email")}
            >
              <Input type="email" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t("contacts.phone")}
              name={[...CONTACT, "phone"]}
              {...contactSchema.field("phone")}
            >
              <Input type="tel" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        {mayAssign ? (
          <>
            <Divider titlePlacement="start">{t("createCustomer.ownership")}</Divider>
            <Form.Item label={t("customerFields.owner")} name="owner" extra={t("createCustomer.ownerHelp")}>
              <Select
                showSearch={{ optionFilterProp: "label" }}
                loading={users.isPending}
                options={[
                  { value: OWNER_ME, label: t("createCustomer.ownerMe") },
                  { value: OWNER_POOL, label: t("customers.publicPool") },
                  ...owners.map((user) => ({ value: user.id, label: user.name })),
                ]}
              />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Drawer>
  );
}
