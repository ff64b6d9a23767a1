import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { listOf } from "../../../../shared/schemas/common";
import {
  type CreateUserInput,
  RoleSchema,
  type UpdateUserInput,
  UserSchema,
} from "../../../../shared/schemas/identity";
import { api } from "../../api/client";

// The users list keeps its filters in the URL, so a link reproduces the view.
export const UsersSearchSchema = z.object({
  q: z.string().optional().catch(undefined),
  role: RoleSchema.optional().catch(undefined),
  teamId: z.string().optional().catch(undefined),
  status: z.enum(["active", "inactive", "all"]).optional().catch(undefined),
});
export type UsersSearch = z.infer<typeof UsersSearchSchema>;
export type UserStatus = NonNullable<UsersSearch["status"]>;

const ACTIVE_PARAM = { active: "true", inactive: "false", all: "all" } as const satisfies Record<
  UserStatus,
  string
>;

const UserListSchema = listOf(UserSchema);
const usersKey = ["users"] as const;

export function useUsers(search: UsersSearch) {
  const query = {
    q: search.q,
    role: search.role,
    teamId: search.teamId,
    active: ACTIVE_PARAM[search.status ?? "active"],
  };
  return useQuery({
    queryKey: [...usersKey, query],
    queryFn: () => api.get("/api/users", UserListSchema, query),
    placeholderData: keepPreviousData,
  });
}

// Every user, deactivated ones included, to put names on ids (team managers, audit actors).
export function useAllUsers() {
  return useUsers({ status: "all" });
}

function useInvalidateUsers(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    // Member counts and the audit trail change together with users.
    await Promise.all(
      [usersKey, ["teams"], ["audit"]].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
  };
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api.post("/api/users", input, UserSchema),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateUserInput }) =>
      api.patch(`/api/users/${id}`, input, UserSchema),
    onSuccess: invalidate,
  });
}

export function useSetUserActive() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      api.post(`/api/users/${id}/${active ? "reactivate" : "deactivate"}`, undefined, UserSchema),
    onSuccess: invalidate,
  });
}
