import { CopyOutlined, LinkOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Descriptions,
  Flex,
  Input,
  type InputRef,
  Modal,
  Popconfirm,
  Skeleton,
  Typography,
} from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { RelativeTime } from "../../components/date-time";
import { useShowError } from "../../lib/errors";
import { useCalendarToken, useCreateCalendarToken, useRevokeCalendarToken } from "./calendar.api";

// The private feed URL exists in the browser only while this dialog is open; the server keeps a hash.
function CreatedUrl({ url }: { url: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const inputRef = useRef<InputRef>(null);
  const copy = async () => {
    try {
      // navigator.clipboard only exists on secure origins (https or localhost).
      if (!navigator.clipboard) throw new Error("clipboard unavailable");
      await navigator.clipboard.writeText(url);
      void message.success(t("common.copied"));
    } catch {
      inputRef.current?.select();
      void message.warning(t("calendar.copyManually"));
    }
  };
  return (
    <Flex vertical gap={12}>
      <Alert type="warning" showIcon title={t("calendar.urlOnce")} />
      <Flex gap={8}>
        <Input
          ref={inputRef}
          readOnly
          value={url}
          aria-label={t("calendar.subscriptionUrl")}
          onFocus={(event) => event.currentTarget.select()}
          style={{ fontFamily: "monospace" }}
        />
        <Button type="primary" icon={<CopyOutlined />} onClick={() => void copy()}>
          {t("common.copy")}
        </Button>
      </Flex>
      {/* Apple Calendar and Outlook open webcal: links as a subscription straight away. */}
      <a href={url.replace(/^https?:/, "webcal:")}>
        <LinkOutlined /> {t("calendar.openInApp")}
      </a>
    </Flex>
  );
}

export function SubscribeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const status = useCalendarToken(open);
  const create = useCreateCalendarToken();
  const revoke = useRevokeCalendarToken();
  const showError = useShowError();
  const [url, setUrl] = useState<string>();
  const close = () => {
    setUrl(undefined);
    onClose();
  };
  const exists = status.data?.exists ?? false;

  return (
    <Modal
      open={open}
      title={t("calendar.subscribeTitle")}
      onCancel={close}
      // A stray click outside would lose the URL for good.
      mask={{ closable: !url }}
      footer={<Button onClick={close}>{t("common.close")}</Button>}
      destroyOnHidden
    >
      <Typography.Paragraph>{t("calendar.subscribeHelp")}</Typography.Paragraph>
      {url ? (
        <CreatedUrl url={url} />
      ) : status.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Flex vertical gap={12}>
          {exists && status.data ? (
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: "created",
                  label: t("calendar.urlCreated"),
                  children: status.data.createdAt ? <RelativeTime value={status.data.createdAt} /> : "—",
                },
                {
                  key: "used",
                  label: t("calendar.urlLastUsed"),
                  children: status.data.lastUsedAt ? (
                    <RelativeTime value={status.data.lastUsedAt} />
                  ) : (
                    t("calendar.urlNeverUsed")
                  ),
                },
              ]}
            />
          ) : null}
          {exists ? <Alert type="info" showIcon title={t("calendar.replaceHint")} /> : null}
          <Flex gap={8} wrap>
            <Button
              type="primary"
              loading={create.isPending}
              onClick={() =>
                create.mutate(undefined, { onSuccess: setUrl, onError: (error) => showError(error) })
              }
            >
              {exists ? t("calendar.replaceUrl") : t("calendar.createUrl")}
            </Button>
            {exists ? (
              <Popconfirm
                title={t("calendar.stopConfirm")}
                okText={t("calendar.stop")}
                okButtonProps={{ danger: true }}
                cancelText={t("common.cancel")}
                onConfirm={() =>
                  revoke.mutateAsync().then(
                    () => message.success(t("calendar.stoppedMessage")),
                    (error: unknown) => showError(error),
                  )
                }
              >
                <Button danger>{t("calendar.stop")}</Button>
              </Popconfirm>
            ) : null}
          </Flex>
        </Flex>
      )}
    </Modal>
  );
}
