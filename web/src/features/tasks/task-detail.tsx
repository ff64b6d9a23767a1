import {
  CheckOutlined,
  DeleteOutlined,
  EditOutlined,
  ExportOutlined,
  PlusOutlined,
  UndoOutlined,
} from "@ant-design/icons";
import { Link } from "@tanstack/react-router";
import {
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Input,
  Popover,
  Progress,
  Select,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  OPEN_TASK_STATUSES,
  type Recurrence,
  TASK_PRIORITIES,
  TASK_STATUSES,
  type Task,
  type TaskStatus,
  type UpdateTaskInput,
} from "../../../../shared/schemas/tasks";
import { RelativeTime } from "../../components/date-time";
import { useShowError } from "../../lib/errors";
import { CommentThread } from "../comments/comment-thread";
import { useMe } from "../session/me-context";
import { CustomerSelect } from "./customer-select";
import { useDuePresets } from "./due-presets";
import { RecurrenceEditor, recurrenceSummary } from "./recurrence-editor";
import { TaskHistory } from "./task-history";
import { StatusTag } from "./task-tags";
import { useUpdateTask } from "./tasks.api";
import { UserSelect } from "./user-select";
import { fromPickerValue, toPickerValue } from "./zoned-time";

type Patch = (input: UpdateTaskInput) => void;

function isOpen(status: TaskStatus): boolean {
  return (OPEN_TASK_STATUSES as readonly TaskStatus[]).includes(status);
}

function DescriptionField({ task, patch, canEdit }: { task: Task; patch: Patch; canEdit: boolean }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string>();
  if (draft !== undefined) {
    return (
      <Flex vertical gap={8}>
        <Input.TextArea
          autoFocus
          aria-label={t("taskFields.description")}
          autoSize={{ minRows: 3, maxRows: 16 }}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <Flex gap={8}>
          <Button
            type="primary"
            size="small"
            onClick={() => {
              patch({ description: draft.trim() ? draft : null });
              setDraft(undefined);
            }}
          >
            {t("common.save")}
          </Button>
          <Button size="small" onClick={() => setDraft(undefined)}>
            {t("common.cancel")}
          </Button>
        </Flex>
      </Flex>
    );
  }
  return (
    <Flex gap={8} align="flex-start">
      {/* Markdown source shown as typed: the server sanitizes only comments, so no HTML from it here. */}
      <Typography.Paragraph
        type={task.description ? undefined : "secondary"}
        style={{ margin: 0, whiteSpace: "pre-wrap", flex: 1 }}
      >
        {task.description || t("tasks.noDescription")}
      </Typography.Paragraph>
      {canEdit ? (
        <Button
          type="text"
          size="small"
          icon={<EditOutlined />}
          aria-label={t("tasks.editDescription")}
          onClick={() => setDraft(task.description ?? "")}
        />
      ) : null}
    </Flex>
  );
}

function ChecklistField({ task, patch, canEdit }: { task: Task; patch: Patch; canEdit: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const items = task.checklist;
  const done = items.filter((item) => item.done).length;
  const save = (next: { id?: string; text: string; done: boolean }[]) => patch({ checklist: next });
  const add = () => {
    if (!text.trim()) return;
    save([...items, { text: text.trim(), done: false }]);
    setText("");
  };
  return (
    <Flex vertical gap={6}>
      {items.length > 0 ? (
        <Progress
          percent={Math.round((done / items.length) * 100)}
          format={() => `${done}/${items.length}`}
          size="small"
        />
      ) : null}
      {items.map((item) => (
        <Flex key={item.id} align="center" gap={8}>
          <Checkbox
            checked={item.done}
            disabled={!canEdit}
            onChange={(event) =>
              save(
                items.map((other) =>
                  other.id === item.id ? { ...other, done: event.target.checked } : other,
                ),
              )
            }
            style={{ flex: 1 }}
          >
            <Typography.Text delete={item.done} type={item.done ? "secondary" : undefined}>
              {item.text}
            </Typography.Text>
          </Checkbox>
          {canEdit ? (
            <Button
              type="text"
              size="small"
              icon={<DeleteOutlined />}
              aria-label={t("tasks.removeItemNamed", { text: item.text })}
              onClick={() => save(items.filter((other) => other.id !== item.id))}
            />
          ) : null}
        </Flex>
      ))}
      {canEdit ? (
        <Flex gap={8}>
          <Input
            size="small"
            value={text}
            onChange={(event) => setText(event.target.value)}
            onPressEnter={add}
            placeholder={t("tasks.checklistPlaceholder")}
            aria-label={t("tasks.addChecklistItem")}
            maxLength={500}
          />
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={add}
            aria-label={t("tasks.addChecklistItem")}
          />
        </Flex>
      ) : null}
    </Flex>
  );
}

function RecurrenceField({ task, patch, canEdit }: { task: Task; patch: Patch; canEdit: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const [draft, setDraft] = useState<Recurrence | null>();
  const summary = task.recurrence ? recurrenceSummary(task.recurrence, t) : t("recurrence.none");
  if (!canEdit || !task.dueAt) {
    return <Typography.Text type={task.recurrence ? undefined : "secondary"}>{summary}</Typography.Text>;
  }
  return (
    <Popover
      trigger="click"
      open={draft !== undefined}
      onOpenChange={(open) => setDraft(open ? task.recurrence : undefined)}
      content={
        <Flex vertical gap={12} style={{ maxWidth: 420 }}>
          <RecurrenceEditor
            value={draft}
            onChange={setDraft}
            anchor={toPickerValue(task.dueAt, me.user.timeZone)}
          />
          <Typography.Text type="secondary">{t("recurrence.help")}</Typography.Text>
          <Flex gap={8} justify="flex-end">
            <Button size="small" onClick={() => setDraft(undefined)}>
              {t("common.cancel")}
            </Button>
            <Button
              type="primary"
              size="small"
              onClick={() => {
                patch({ recurrence: draft ?? null });
                setDraft(undefined);
              }}
            >
              {t("common.save")}
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Button type="link" size="small" style={{ padding: 0 }}>
        {summary} <EditOutlined />
      </Button>
    </Popover>
  );
}

function LinkedRecord({ task, patch, canEdit }: { task: Task; patch: Patch; canEdit: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  if (task.linkedType === "meeting" && task.linkedId) {
    // An action item stays with its meeting.
    return (
      <Link to="/meetings/$id" params={{ id: task.linkedId }}>
        {task.linkedName ?? task.linkedId.slice(0, 8)}
      </Link>
    );
  }
  const customer = task.customerId ? { id: task.customerId, name: task.linkedName } : undefined;
  const link = customer ? (
    <Link to="/customers/$id" params={{ id: customer.id }}>
      {customer.name ?? customer.id.slice(0, 8)}
    </Link>
  ) : (
    <Typography.Text type="secondary">—</Typography.Text>
  );
  if (!canEdit || !me.permissions.includes("customers.read")) return link;
  return (
    <Flex gap={8} align="center" style={{ width: "100%" }}>
      <CustomerSelect
        size="small"
        aria-label={t("taskFields.customer")}
        value={task.customerId ?? undefined}
        known={customer ? [customer] : []}
        onChange={(value) => patch({ customerId: typeof value === "string" ? value : null })}
        style={{ flex: 1, maxWidth: 320 }}
      />
      {customer ? (
        <Tooltip title={t("tasks.openCustomer")}>
          <Link to="/customers/$id" params={{ id: customer.id }} aria-label={t("tasks.openCustomer")}>
            <ExportOutlined />
          </Link>
        </Tooltip>
      ) : null}
    </Flex>
  );
}

export function TaskDetail({ task }: { task: Task }) {
  const { t } = useTranslation();
  const me = useMe();
  const timeZone = me.user.timeZone;
  const update = useUpdateTask();
  const showError = useShowError();
  const presets = useDuePresets();
  const canEdit = me.permissions.includes("tasks.write");
  const patch: Patch = (input) =>
    update.mutate({ id: task.id, input }, { onError: (error) => showError(error) });
  const open = isOpen(task.status);

  const facts: DescriptionsProps["items"] = [
    {
      key: "status",
      label: t("taskFields.status"),
      children: canEdit ? (
        <Select
          size="small"
          aria-label={t("taskFields.status")}
          value={task.status}
          onChange={(status) => patch({ status })}
          options={TASK_STATUSES.map((status) => ({ value: status, label: <StatusTag status={status} /> }))}
          style={{ minWidth: 140 }}
        />
      ) : (
        <StatusTag status={task.status} />
      ),
    },
    {
      key: "assignee",
      label: t("taskFields.assignee"),
      children: canEdit ? (
        <UserSelect
          size="small"
          aria-label={t("taskFields.assignee")}
          value={task.assigneeId}
          onChange={(value) => {
            if (typeof value === "string" && value !== task.assigneeId) patch({ assigneeId: value });
          }}
          style={{ minWidth: 200 }}
        />
      ) : (
        task.assigneeName
      ),
    },
    {
      key: "due",
      label: t("taskFields.dueAt"),
      children: (
        <Flex gap={8} align="center" wrap>
          <DatePicker
            size="small"
            aria-label={t("taskFields.dueAt")}
            disabled={!canEdit}
            showTime={{ format: "HH:mm", minuteStep: 5 }}
            format="YYYY-MM-DD HH:mm"
            presets={presets}
            value={task.dueAt ? toPickerValue(task.dueAt, timeZone) : null}
            onChange={(value) => patch({ dueAt: value ? fromPickerValue(value, timeZone) : null })}
            placeholder={t("tasks.noDue")}
          />
          {task.overdue ? <Tag color="red">{t("tasks.overdue")}</Tag> : null}
        </Flex>
      ),
    },
    {
      key: "priority",
      label: t("taskFields.priority"),
      children: (
        <Select
          size="small"
          aria-label={t("taskFields.priority")}
          disabled={!canEdit}
          value={task.priority}
          onChange={(priority) => patch({ priority })}
          options={TASK_PRIORITIES.map((priority) => ({
            value: priority,
            label: t(`taskPriorities.${priority}`),
          }))}
          style={{ minWidth: 120 }}
        />
      ),
    },
    {
      key: "linked",
      label: task.linkedType === "meeting" ? t("taskFields.meeting") : t("taskFields.customer"),
      children: <LinkedRecord task={task} patch={patch} canEdit={canEdit} />,
    },
    {
      key: "watchers",
      label: t("taskFields.watchers"),
      children: (
        <UserSelect
          mode="multiple"
          size="small"
          aria-label={t("taskFields.watchers")}
          disabled={!canEdit}
          value={task.watcherIds}
          onChange={(value) => patch({ watcherIds: [value].flat() })}
          placeholder={t("tasks.noWatchers")}
          style={{ width: "100%" }}
        />
      ),
    },
    {
      key: "recurrence",
      label: t("taskFields.recurrence"),
      children: (
        <Flex gap={8} align="center" wrap>
          <RecurrenceField task={task} patch={patch} canEdit={canEdit} />
          {task.occurrence ? (
            <Typography.Text type="secondary">
              {t("tasks.occurrence", { number: task.occurrence })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      key: "created",
      label: t("taskFields.createdBy"),
      children: (
        <span>
          {task.createdByName ?? t("audit.system")} · <RelativeTime value={task.createdAt} />
        </span>
      ),
    },
    ...(task.completedAt
      ? [
          {
            key: "completed",
            label: t("taskFields.completedAt"),
            children: <RelativeTime value={task.completedAt} />,
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={12}>
        <Typography.Title
          level={4}
          delete={task.status === "cancelled"}
          style={{ margin: 0, flex: 1 }}
          editable={
            canEdit
              ? {
                  tooltip: t("common.edit"),
                  onChange: (title) => {
                    if (title.trim() && title !== task.title) patch({ title });
                  },
                }
              : false
          }
        >
          {task.title}
        </Typography.Title>
        {canEdit ? (
          open ? (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={update.isPending}
              onClick={() => patch({ status: "done" })}
            >
              {t("tasks.markDone")}
            </Button>
          ) : (
            <Button
              icon={<UndoOutlined />}
              loading={update.isPending}
              onClick={() => patch({ status: "todo" })}
            >
              {t("tasks.reopen")}
            </Button>
          )
        ) : null}
      </Flex>
      <Descriptions size="small" column={1} items={facts} styles={{ label: { width: 120 } }} />
      <div>
        <Typography.Text strong>{t("taskFields.description")}</Typography.Text>
        <DescriptionField task={task} patch={patch} canEdit={canEdit} />
      </div>
      <div>
        <Typography.Text strong>{t("taskFields.checklist")}</Typography.Text>
        <ChecklistField task={task} patch={patch} canEdit={canEdit} />
      </div>
      <Tabs
        items={[
          {
            key: "comments",
            label: t("comments.title"),
            children: (
              <CommentThread
                thread={{ entityType: "task", entityId: task.id }}
                canComment={me.permissions.includes("comments.write")}
              />
            ),
          },
          { key: "history", label: t("taskHistory.title"), children: <TaskHistory taskId={task.id} /> },
        ]}
      />
    </Flex>
  );
}
