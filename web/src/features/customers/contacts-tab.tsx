import { LinkedinOutlined, MailOutlined, PhoneOutlined, PlusOutlined, StarFilled } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Space,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Contact, ContactInputSchema, type Customer } from "../../../../shared/schemas/customers";
import { useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import { duplicateRefusal, useAddContact } from "./customers.api";

type Values = Record<string, unknown>;

function AddContactModal({
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
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(ContactInputSchema);
  const addContact = useAddContact(customer.id);
  const showError = useShowError();

  const submit = (values: Values) => {
    const input = parse(form, values);
    if (!input) return;
    addContact.mutate(input, {
      onSuccess: (contact) => {
        void message.success(t("contacts.addedMessage", { name: contact.name }));
        onClose();
      },
      onError: (error) => {
        // The e-mail or phone already belongs to another customer's contact.
        const duplicate = duplicateRefusal(error)?.matches[0];
        if (duplicate) {
          form.setFields([
            {
              name: "email",
              errors: [
                t("contacts.belongsToOther", {
                  name: duplicate.name,
                  owner: duplicate.ownerName ?? t("customers.publicPool"),
                }),
              ],
            },
          ]);
          return;
        }
        showError(error, form, { emails: "email", phones: "phone" });
      },
    });
  };

  const half = { xs: 24, sm: 12 } as const;
  return (
    <Modal
      open={open}
      title={t("contacts.addTitle", { name: customer.name })}
      okText={t("contacts.add")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={addContact.isPending}
      width={640}
      destroyOnHidden
    >
      <Form name="contact" clearOnDestroy form={form} layout="vertical" onFinish={submit}>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item label={t("contacts.name")} name="name" {...field("name")}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t("contacts.title")} name="title" {...field("title")}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t("contacts.email")} name="email" {...field("email")}>
              <Input type="email" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t("contacts.phone")} name="phone" {...field("phone")}>
              <Input type="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label="WhatsApp" name="whatsapp" {...field("whatsapp")}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t("contacts.wechat")} name="wechat" {...field("wechat")}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label="LinkedIn" name="linkedinUrl" {...field("linkedinUrl")}>
              <Input autoComplete="off" placeholder="https://www.linkedin.com/in/…" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t("contacts.preferredLanguage")}
              name="preferredLanguage"
              {...field("preferredLanguage")}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t("contacts.notes")} name="notes" {...field("notes")}>
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
            <Form.Item name="isPrimary" valuePropName="checked">
              <Checkbox>{t("contacts.makePrimary")}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

function ContactCard({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ height: "100%" }}>
      <Flex vertical gap={4}>
        <Space size={6} wrap>
          <Typography.Text strong>{contact.name}</Typography.Text>
          {contact.isPrimary ? (
            <Tag icon={<StarFilled />} color="gold">
              {t("contacts.primary")}
            </Tag>
          ) : null}
        </Space>
        {contact.title ? <Typography.Text type="secondary">{contact.title}</Typography.Text> : null}
        {contact.emails.map((email) => (
          <a key={email} href={`mailto:${email}`}>
            <MailOutlined /> {email}
          </a>
        ))}
        {contact.phones.map((phone) => (
          <a key={phone} href={`tel:${phone}`}>
            <PhoneOutlined /> {phone}
          </a>
        ))}
        {contact.whatsapp ? <span>WhatsApp: {contact.whatsapp}</span> : null}
        {contact.wechat ? (
          <span>
            {t("contacts.wechat")}: {contact.wechat}
          </span>
        ) : null}
        {contact.linkedinUrl ? (
          <a href={contact.linkedinUrl} target="_blank" rel="noreferrer noopener">
            <LinkedinOutlined /> LinkedIn
          </a>
        ) : null}
        {contact.preferredLanguage ? (
          <Typography.Text type="secondary">
            {t("contacts.preferredLanguage")}: {contact.preferredLanguage}
          </Typography.Text>
        ) : null}
        {contact.notes ? (
          <Typography.Paragraph style={{ margin: 0 }}>{contact.notes}</Typography.Paragraph>
        ) : null}
      </Flex>
    </Card>
  );
}

export function ContactsTab({
  customer,
  canWork,
}: {
  customer: Customer & { contacts: Contact[] };
  canWork: boolean;
}) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  return (
    <Flex vertical gap={12}>
      {canWork ? (
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} style={{ alignSelf: "flex-start" }}>
          {t("contacts.add")}
        </Button>
      ) : null}
      {customer.contacts.length === 0 ? (
        <Empty description={canWork ? t("contacts.emptyHint") : t("contacts.empty")} />
      ) : (
        <Row gutter={[12, 12]}>
          {customer.contacts.map((contact) => (
            <Col key={contact.id} xs={24} md={12} xl={8}>
              <ContactCard contact={contact} />
            </Col>
          ))}
        </Row>
      )}
      <AddContactModal open={adding} customer={customer} onClose={() => setAdding(false)} />
    </Flex>
  );
}
