import {
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { useMutationState } from "@tanstack/react-query";
import { Alert, Card, Flex, Spin, Typography, theme } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  OPEN_TASK_STATUSES,
  TASK_STATUSES,
  type Task,
  type TaskStatus,
  TaskStatusSchema,
} from "../../../../shared/schemas/tasks";
import { errorMessage, useShowError } from "../../lib/errors";
import { LinkedLabel, TaskTitle } from "./task-table";
import { DueLabel, PriorityTag, StatusTag } from "./task-tags";
import { type TaskQuery, type TaskUpdate, updateTaskKey, useTaskList, useUpdateTask } from "./tasks.api";

// Open work is shown in full (up to a page); of finished work only the most recent, or the done
// column would grow forever.
const OPEN_LIMIT = 200;
const CLOSED_LIMIT = 30;
// Five columns fit side by side on a laptop; narrower screens scroll sideways.
const COLUMN_WIDTH = 220;

// The column under the pointer; moved with the keyboard (no pointer), the one the card overlaps most.
const dropTarget: CollisionDetection = (args) => {
  const underPointer = pointerWithin(args);
  return underPointer.length > 0 ? underPointer : rectIntersection(args);
};

function TaskCard({
  task,
  onOpen,
  dragging,
}: {
  task: Task;
  onOpen: (id: string) => void;
  dragging?: boolean;
}) {
  const { token } = theme.useToken();
  return (
    <Card
      size="small"
      style={{
        cursor: "grab",
        boxShadow: dragging ? token.boxShadowSecondary : undefined,
        borderColor: task.overdue ? token.colorErrorBorder : undefined,
      }}
      styles={{ body: { padding: 10 } }}
    >
      <Flex vertical gap={6}>
        <TaskTitle task={task} onOpen={onOpen} />
        <Flex gap={6} wrap align="center">
          <PriorityTag priority={task.priority} />
          {task.dueAt ? <DueLabel dueAt={task.dueAt} overdue={task.overdue} /> : null}
        </Flex>
        <Flex justify="space-between" gap={8} style={{ fontSize: 12 }}>
          <Typography.Text type="secondary" ellipsis style={{ minWidth: 0 }}>
            {task.assigneeName}
          </Typography.Text>
          {task.linkedId ? (
            <Typography.Text ellipsis style={{ minWidth: 0, maxWidth: "55%" }}>
              <LinkedLabel task={task} />
            </Typography.Text>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}

function DraggableTask({ task, onOpen }: { task: Task; onOpen: (id: string) => void }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: task.id });
  return (
    // The overlay shows the moving card; the original stays as a faint placeholder.
    <div ref={setNodeRef} {...attributes} {...listeners} style={{ opacity: isDragging ? 0.35 : 1 }}>
      <TaskCard task={task} onOpen={onOpen} />
    </div>
  );
}

function Column({
  status,
  tasks,
  more,
  onOpen,
}: {
  status: TaskStatus;
  tasks: Task[];
  more: boolean;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { setNodeRef, isOver } = useDroppable({ id: status });
  return (
    <section
      ref={setNodeRef}
      aria-label={t(`taskStatuses.${status}`)}
      style={{
        flex: `1 0 ${COLUMN_WIDTH}px`,
        // Long names are cut short inside the cards instead of widening the column.
        minWidth: 0,
        display: "flex",
        flexDirection: "column",
        gap: 8,
        padding: 8,
        borderRadius: token.borderRadiusLG,
        background: isOver ? token.colorPrimaryBg : token.colorFillQuaternary,
        outline: isOver ? `2px dashed ${token.colorPrimary}` : undefined,
        minHeight: 240,
      }}
    >
      <Flex justify="space-between" align="center" style={{ padding: "0 4px" }}>
        <StatusTag status={status} />
        <Typography.Text type="secondary">{more ? `${tasks.length}+` : tasks.length}</Typography.Text>
      </Flex>
      {tasks.map((task) => (
        <DraggableTask key={task.id} task={task} onOpen={onOpen} />
      ))}
      {tasks.length === 0 ? (
        <Typography.Text type="secondary" style={{ textAlign: "center", padding: 16 }}>
          {t("tasks.boardEmptyColumn")}
        </Typography.Text>
      ) : null}
    </section>
  );
}

// Kanban by status: dragging a card to another column changes its status.
export function TaskBoard({ filters, onOpen }: { filters: TaskQuery; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const update = useUpdateTask();
  const open = useTaskList({ ...filters, status: OPEN_TASK_STATUSES, sort: "dueAt", pageSize: OPEN_LIMIT });
  const closed = useTaskList({
    ...filters,
    status: ["done", "cancelled"],
    sort: "-updatedAt",
    pageSize: CLOSED_LIMIT,
  });
  // A dropped card shows in its new column while the change is on its way.
  const pending = useMutationState({
    filters: { mutationKey: updateTaskKey, status: "pending" },
    select: (mutation) => mutation.state.variables as TaskUpdate | undefined,
  });
  const [dragged, setDragged] = useState<Task>();
  const sensors = useSensors(
    // A few pixels of movement before a drag starts, so a click on the title still opens the task.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor),
  );

  if (open.error || closed.error) {
    return <Alert type="error" showIcon title={errorMessage(open.error ?? closed.error, t)} />;
  }
  if (!open.data || !closed.data) return <Spin />;

  const moved = new Map(
    pending.flatMap((change) => (change?.input.status ? [[change.id, change.input.status] as const] : [])),
  );
  // Between the two lists' refreshes a task that just changed column can be in both: the newer wins.
  const latest = new Map<string, Task>();
  for (const task of [...open.data.items, ...closed.data.items]) {
    const known = latest.get(task.id);
    if (!known || known.updatedAt < task.updatedAt) latest.set(task.id, task);
  }
  const tasks = [...latest.values()].map((task) => {
    const status = moved.get(task.id);
    return status ? { ...task, status } : task;
  });
  const byStatus = (status: TaskStatus) => tasks.filter((task) => task.status === status);
  const more = (status: TaskStatus) =>
    (OPEN_TASK_STATUSES as readonly TaskStatus[]).includes(status)
      ? open.data.total > open.data.items.length
      : closed.data.total > closed.data.items.length;

  const onDragStart = ({ active }: DragStartEvent) => setDragged(tasks.find((task) => task.id === active.id));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragged(undefined);
    const status = TaskStatusSchema.safeParse(over?.id);
    const task = tasks.find((candidate) => candidate.id === active.id);
    if (!status.success || !task || task.status === status.data) return;
    update.mutate({ id: task.id, input: { status: status.data } }, { onError: (error) => showError(error) });
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={dropTarget}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragged(undefined)}
    >
      <Flex gap={12} style={{ overflowX: "auto", paddingBottom: 8 }} align="flex-start">
        {TASK_STATUSES.map((status) => (
          <Column key={status} status={status} tasks={byStatus(status)} more={more(status)} onOpen={onOpen} />
        ))}
      </Flex>
      <DragOverlay>{dragged ? <TaskCard task={dragged} onOpen={onOpen} dragging /> : null}</DragOverlay>
    </DndContext>
  );
}
