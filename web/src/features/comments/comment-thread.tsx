import { DeleteOutlined, EditOutlined } from "@ant-design/icons";
import { useLocation } from "@tanstack/react-router";
import {
  Alert,
  App,
  Avatar,
  Button,
  Empty,
  Flex,
  Form,
  type FormInstance,
  Popconfirm,
  Popover,
  Spin,
  Typography,
  theme,
} from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Comment } from "../../../../shared/schemas/comments";
import { RelativeTime } from "../../components/date-time";
import { errorMessage, useShowError } from "../../lib/errors";
import { useMe } from "../session/me-context";
import {
  cannotSeeOf,
  type Thread,
  useCommentRevisions,
  useComments,
  useCreateComment,
  useDeleteComment,
  useUpdateComment,
} from "./comments.api";
import { MentionInput } from "./mention-input";
import "./comments.css";

type Values = { body?: string };

// The server renders and sanitizes the Markdown (no raw HTML, no scripts, safe links only), so its
// HTML is inserted as is; the raw body is never rendered as HTML.
function CommentBody({ html }: { html: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: bodyHtml is sanitized by the server.
  return <div className="tw-comment-body" dangerouslySetInnerHTML={{ __html: html }} />;
}

function Revisions({ comment }: { comment: Comment }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const revisions = useCommentRevisions(comment.id, open);
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      title={t("comments.revisionsTitle")}
      content={
        <Flex vertical gap={12} style={{ maxWidth: 420, maxHeight: 360, overflowY: "auto" }}>
          {revisions.isPending ? (
            <Spin size="small" />
          ) : (
            (revisions.data ?? []).map((revision) => (
              <Flex key={revision.replacedAt} vertical gap={4}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("comments.revisionWritten")} <RelativeTime value={revision.writtenAt} />
                </Typography.Text>
                <CommentBody html={revision.bodyHtml} />
              </Flex>
            ))
          )}
        </Flex>
      }
    >
      <Button type="link" size="small" style={{ padding: 0, height: "auto" }}>
        {t("comments.edited")}
      </Button>
    </Popover>
  );
}

// A refusal because a mentioned colleague may not see the record names them on the text field.
function useCommentError(thread: Thread) {
  const { t } = useTranslation();
  const showError = useShowError();
  return (error: unknown, form: FormInstance<Values>) => {
    const blocked = cannotSeeOf(error);
    if (!blocked) return showError(error, form);
    form.setFields([
      {
        name: "body",
        errors: [
          t("comments.cannotSee", {
            count: blocked.length,
            names: blocked.map((user) => user.name).join(", "),
            record: t(`comments.records.${thread.entityType}`),
          }),
        ],
      },
    ]);
  };
}

function CommentEditor({
  thread,
  comment,
  onDone,
}: {
  thread: Thread;
  comment: Comment;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const update = useUpdateComment(thread);
  const onError = useCommentError(thread);
  const submit = ({ body }: Values) => {
    const text = body?.trim();
    if (!text) return;
    update.mutate(
      { id: comment.id, body: text },
      { onSuccess: onDone, onError: (error) => onError(error, form) },
    );
  };
  return (
    <Form form={form} initialValues={{ body: comment.body ?? "" }} onFinish={submit}>
      <Form.Item name="body" style={{ marginBottom: 8 }}>
        <MentionInput autoSize={{ minRows: 2, maxRows: 12 }} aria-label={t("comments.editLabel")} autoFocus />
      </Form.Item>
      <Flex gap={8}>
        <Button type="primary" size="small" htmlType="submit" loading={update.isPending}>
          {t("common.save")}
        </Button>
        <Button size="small" onClick={onDone}>
          {t("common.cancel")}
        </Button>
      </Flex>
    </Form>
  );
}

function CommentItem({ thread, comment }: { thread: Thread; comment: Comment }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const me = useMe();
  const hash = useLocation({ select: (location) => location.hash });
  const ref = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState(false);
  const remove = useDeleteComment(thread);
  const showError = useShowError();
  const mine = comment.authorId === me.user.id && comment.deletedAt === null;
  const anchor = `comment-${comment.id}`;
  const targeted = hash === anchor;

  // Opened from a mention notification: bring that comment into view once the thread has loaded.
  useEffect(() => {
    if (targeted) ref.current?.scrollIntoView({ behavior: "smooth", block: "center" });
  }, [targeted]);

  return (
    <Flex
      ref={ref}
      id={anchor}
      gap={10}
      className={targeted ? "tw-comment-target" : undefined}
      style={{ padding: "8px 4px", borderRadius: token.borderRadius }}
    >
      <Avatar size="small" style={{ flexShrink: 0, marginTop: 2 }}>
        {(comment.authorName ?? "?").slice(0, 1).toUpperCase()}
      </Avatar>
      <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
        <Flex gap={8} align="baseline" wrap>
          <Typography.Text strong>{comment.authorName ?? t("common.none")}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <RelativeTime value={comment.createdAt} />
          </Typography.Text>
          {comment.editedAt && comment.deletedAt === null ? <Revisions comment={comment} /> : null}
          {mine && !editing ? (
            <Flex gap={4} style={{ marginInlineStart: "auto" }}>
              <Button
                type="text"
                size="small"
                icon={<EditOutlined />}
                aria-label={t("comments.edit")}
                onClick={() => setEditing(true)}
              />
              <Popconfirm
                title={t("comments.deleteConfirm")}
                okText={t("comments.delete")}
                okButtonProps={{ danger: true }}
                cancelText={t("common.cancel")}
                onConfirm={() =>
                  remove.mutateAsync(comment.id).then(
                    () => message.success(t("comments.deletedMessage")),
                    (error: unknown) => showError(error),
                  )
                }
              >
                <Button
                  type="text"
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={t("comments.delete")}
                />
              </Popconfirm>
            </Flex>
          ) : null}
        </Flex>
        {comment.deletedAt !== null ? (
          <Typography.Text type="secondary" italic>
            {t("comments.deleted")}
          </Typography.Text>
        ) : editing ? (
          <CommentEditor thread={thread} comment={comment} onDone={() => setEditing(false)} />
        ) : (
          <CommentBody html={comment.bodyHtml ?? ""} />
        )}
      </Flex>
    </Flex>
  );
}

function Composer({ thread }: { thread: Thread }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateComment(thread);
  const onError = useCommentError(thread);
  const submit = ({ body }: Values) => {
    const text = body?.trim();
    if (!text) return;
    create.mutate(text, { onSuccess: () => form.resetFields(), onError: (error) => onError(error, form) });
  };
  return (
    <Form form={form} name={`comment-${thread.entityId}`} onFinish={submit}>
      <Form.Item name="body" style={{ marginBottom: 8 }} extra={t("comments.help")}>
        <MentionInput
          autoSize={{ minRows: 2, maxRows: 12 }}
          placeholder={t("comments.placeholder")}
          aria-label={t("comments.label")}
          onKeyDown={(event) => {
            // Ctrl/⌘+Enter posts; Enter alone makes a new line (and picks a suggestion).
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.submit();
          }}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={create.isPending}>
        {t("comments.post")}
      </Button>
    </Form>
  );
}

export function CommentThread({ thread, canComment }: { thread: Thread; canComment: boolean }) {
  const { t } = useTranslation();
  const comments = useComments(thread);
  const items = comments.data?.items ?? [];
  const hidden = (comments.data?.total ?? 0) - items.length;
  return (
    <Flex vertical gap={12}>
      {comments.isPending ? (
        <Spin />
      ) : comments.error ? (
        <Alert type="error" showIcon title={errorMessage(comments.error, t)} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("comments.empty")} />
      ) : (
        <Flex vertical>
          {hidden > 0 ? (
            <Typography.Text type="secondary">{t("comments.older", { count: hidden })}</Typography.Text>
          ) : null}
          {items.map((comment) => (
            <CommentItem key={comment.id} thread={thread} comment={comment} />
          ))}
        </Flex>
      )}
      {canComment ? <Composer thread={thread} /> : null}
    </Flex>
  );
}
