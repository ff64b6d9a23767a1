import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  type CreateTaskInput,
  MyWorkSchema,
  OPEN_TASK_STATUSES,
  TASK_SORTS,
  type Task,
  TaskHistorySchema,
  TaskListSchema,
  type TaskPriority,
  TaskPrioritySchema,
  TaskSchema,
  type TaskSettings,
  TaskSettingsSchema,
  type TaskStatus,
  TaskStatusSchema,
  TeamSummarySchema,
  type UpdateTaskInput,
} from "../../../../shared/schemas/tasks";
import { api } from "../../api/client";

const TASK_VIEWS = ["list", "board"] as const;
export const TASKS_PAGE_SIZE = 50;

// The task list keeps its filters in the URL, so a link (from My work, from the team summary) opens
// the same view. A value that no longer parses is dropped rather than failing the page.
export const TasksSearchSchema = z.object({
  view: z.enum(TASK_VIEWS).optional().catch(undefined),
  q: z.string().optional().catch(undefined),
  assigneeId: z
    .union([z.literal("me"), z.uuid()])
    .optional()
    .catch(undefined),
  // Absent: the open statuses; an empty list: every status.
  status: z.array(TaskStatusSchema).optional().catch(undefined),
  priority: TaskPrioritySchema.optional().catch(undefined),
  overdue: z.boolean().optional().catch(undefined),
  customerId: z.uuid().optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  sort: z.enum(TASK_SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
});
export type TasksSearch = z.infer<typeof TasksSearchSchema>;

export type TaskQuery = {
  assigneeId?: string;
  status?: readonly TaskStatus[];
  priority?: TaskPriority;
  overdue?: boolean;
  customerId?: string;
  q?: string;
  from?: string;
  to?: string;
  sort?: (typeof TASK_SORTS)[number];
  page?: number;
  pageSize?: number;
};

export function statusesOf(search: Pick<TasksSearch, "status">): readonly TaskStatus[] {
  return search.status ?? OPEN_TASK_STATUSES;
}

const tasksKey = ["tasks"] as const;
const myWorkKey = [...tasksKey, "my-work"] as const;

export function useTaskList(query: TaskQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...tasksKey, "list", query],
    queryFn: () =>
      api.get("/api/tasks", TaskListSchema, {
        ...query,
        status: query.status?.join(","),
        overdue: query.overdue === undefined ? undefined : String(query.overdue),
      }),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

export function useTask(id: string | undefined) {
  return useQuery({
    queryKey: [...tasksKey, "detail", id],
    queryFn: () => api.get(`/api/tasks/${id}`, TaskSchema),
    enabled: id !== undefined,
  });
}

export function useTaskHistory(id: string) {
  return useQuery({
    queryKey: [...tasksKey, "history", id],
    queryFn: async () => (await api.get(`/api/tasks/${id}/history`, TaskHistorySchema)).items,
  });
}

export function useMyWork() {
  return useQuery({ queryKey: myWorkKey, queryFn: () => api.get("/api/my-work", MyWorkSchema) });
}

// Managers and admins only; other roles are refused.
export function useTeamSummary() {
  return useQuery({
    queryKey: [...tasksKey, "team-summary"],
    queryFn: async () => (await api.get("/api/tasks/team-summary", TeamSummarySchema)).items,
  });
}

// A task shows up in lists, boards, My work, the calendar and its meeting's action items at once.
export function useInvalidateTasks(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all(
      [tasksKey, ["calendar"], ["meetings"]].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
  };
}

export function useCreateTask() {
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: (input: CreateTaskInput) => api.post("/api/tasks", input, TaskSchema),
    onSuccess: invalidate,
  });
}

// The board reads the pending changes under this key to show a dragged card in its new column at once.
export const updateTaskKey = [...tasksKey, "update"] as const;
export type TaskUpdate = { id: string; input: UpdateTaskInput };

// The part of a change the open task can show before the server answers: fields it stores as sent.
// A new assignee or customer needs its name, and a new checklist item its id, from the server.
function optimistic(task: Task, input: UpdateTaskInput): Task {
  const { title, status, priority, dueAt, description, watcherIds, recurrence, checklist } = input;
  const known = checklist?.every((item) => item.id !== undefined)
    ? checklist.map((item) => ({ id: item.id ?? "", text: item.text, done: item.done ?? false }))
    : undefined;
  return {
    ...task,
    title: title ?? task.title,
    status: status ?? task.status,
    priority: priority ?? task.priority,
    dueAt: dueAt === undefined ? task.dueAt : dueAt,
    description: description === undefined ? task.description : description,
    watcherIds: watcherIds ?? task.watcherIds,
    recurrence: recurrence === undefined ? task.recurrence : recurrence,
    checklist: known ?? task.checklist,
  };
}

export function useUpdateTask() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateTasks();
  const detailKey = (id: string) => [...tasksKey, "detail", id];
  return useMutation({
    mutationKey: updateTaskKey,
    mutationFn: ({ id, input }: TaskUpdate) => api.patch(`/api/tasks/${id}`, input, TaskSchema),
    // A ticked checklist item or a new status shows at once; a refusal puts the task back.
    onMutate: async ({ id, input }) => {
      await queryClient.cancelQueries({ queryKey: detailKey(id) });
      const before = queryClient.getQueryData<Task>(detailKey(id));
      if (before) queryClient.setQueryData(detailKey(id), optimistic(before, input));
      return { before };
    },
    onError: (_error, { id }, context) => {
      if (context?.before) queryClient.setQueryData(detailKey(id), context.before);
    },
    onSuccess: (task) => queryClient.setQueryData(detailKey(task.id), task),
    // Returned, so the change stays "pending" until the lists show it: no flicker back on the board.
    onSettled: invalidate,
  });
}

const taskSettingsKey = ["settings", "tasks"] as const;

export function useTaskSettings() {
  return useQuery({
    queryKey: taskSettingsKey,
    queryFn: () => api.get("/api/settings/tasks", TaskSettingsSchema),
  });
}

export function useUpdateTaskSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<TaskSettings>) => api.patch("/api/settings/tasks", input, TaskSettingsSchema),
    onSuccess: (settings) => queryClient.setQueryData(taskSettingsKey, settings),
  });
}
