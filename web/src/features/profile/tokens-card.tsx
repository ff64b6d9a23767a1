import { CopyOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  type InputRef,
  Modal,
  Popconfirm,
  Table,
  type TableColumnsType,
  Typography,
} from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiToken, CreateTokenInputSchema } from "../../../../shared/schemas/identity";
import { RelativeTime } from "../../components/date-time";
import { useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import { useCreateToken, useRevokeToken, useTokens } from "./tokens.api";

type Values = Record<string, unknown>;

function NewTokenModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (token: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(CreateTokenInputSchema);
  const createToken = useCreateToken();
  const showError = useShowError();

  const submit = (values: Values) => {
    const input = parse(form, values);
    if (!input) return;
    createToken.mutate(input.name, {
      onSuccess: (created) => onCreated(created.token),
      onError: (error) => showError(error, form),
    });
  };

  return (
    <Modal
      open={open}
      title={t("profile.newToken")}
      okText={t("profile.createToken")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={createToken.isPending}
      destroyOnHidden
    >
      {/* Named, so its field ids ("token_name") do not clash with the profile form's "name". */}
      <Form name="token" form={form} layout="vertical" onFinish={submit} clearOnDestroy>
        <Form.Item label={t("profile.tokenName")} name="name" {...field("name")}>
          <Input placeholder={t("profile.tokenNamePlaceholder")} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// The secret exists in the browser only while this dialog is open; the server keeps just its hash.
function CreatedTokenModal({ token, onClose }: { token: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const inputRef = useRef<InputRef>(null);

  const copy = async () => {
    try {
      // navigator.clipboard only exists on secure origins (https or localhost).
      if (!navigator.clipboard || !token) throw new Error("clipboard unavailable");
      await navigator.clipboard.writeText(token);
      void message.success(t("common.copied"));
    } catch {
      inputRef.current?.select();
      void message.warning(t("profile.tokenCopyManually"));
    }
  };

  return (
    <Modal
      open={token !== undefined}
      title={t("profile.tokenCreatedTitle")}
      onCancel={onClose}
      // Closing by a stray click would lose the secret for good.
      mask={{ closable: false }}
      footer={<Button onClick={onClose}>{t("common.close")}</Button>}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t("profile.tokenCreatedWarning")} style={{ marginBottom: 16 }} />
      <Flex gap={8}>
        <Input
          ref={inputRef}
          readOnly
          value={token ?? ""}
          aria-label={t("profile.tokenCreatedTitle")}
          onFocus={(event) => event.currentTarget.select()}
          style={{ fontFamily: "monospace" }}
        />
        <Button type="primary" icon={<CopyOutlined />} onClick={() => void copy()}>
          {t("common.copy")}
        </Button>
      </Flex>
    </Modal>
  );
}

export function TokensCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tokens = useTokens();
  const revokeToken = useRevokeToken();
  const showError = useShowError();
  const [creating, setCreating] = useState(false);
  const [createdToken, setCreatedToken] = useState<string>();

  const columns: TableColumnsType<ApiToken> = [
    { title: t("profile.tokenName"), dataIndex: "name" },
    { title: t("profile.prefix"), dataIndex: "prefix", render: (prefix: string) => <code>{prefix}…</code> },
    {
      title: t("profile.created"),
      dataIndex: "createdAt",
      render: (_, token) => <RelativeTime value={token.createdAt} />,
    },
    {
      title: t("profile.lastUsed"),
      dataIndex: "lastUsedAt",
      render: (_, token) =>
        token.lastUsedAt ? (
          <RelativeTime value={token.lastUsedAt} />
        ) : (
          <Typography.Text type="secondary">{t("profile.neverUsed")}</Typography.Text>
        ),
    },
    {
      title: t("common.actions"),
      key: "actions",
      render: (_, token) => (
        <Popconfirm
          title={t("profile.revokeConfirm", { name: token.name })}
          okText={t("profile.revoke")}
          okButtonProps={{ danger: true }}
          cancelText={t("common.cancel")}
          onConfirm={() =>
            revokeToken.mutateAsync(token.id).then(
              () => message.success(t("profile.revokedMessage")),
              (error: unknown) => showError(error),
            )
          }
        >
          <Button type="link" size="small" danger>
            {t("profile.revoke")}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card
      title={t("profile.tokensTitle")}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t("profile.newToken")}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t("profile.tokensDescription")}</Typography.Paragraph>
      <Table<ApiToken>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={tokens.data}
        loading={tokens.isFetching}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("profile.tokensEmpty")} />,
        }}
      />
      <NewTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setCreatedToken(token);
        }}
      />
      <CreatedTokenModal token={createdToken} onClose={() => setCreatedToken(undefined)} />
    </Card>
  );
}
