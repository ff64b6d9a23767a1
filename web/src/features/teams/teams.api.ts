import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { listOf } from "../../../../shared/schemas/common";
import { type CreateTeamInput, TeamSchema, type UpdateTeamInput } from "../../../../shared/schemas/identity";
import { api } from "../../api/client";

const TeamListSchema = listOf(TeamSchema);
const teamsKey = ["teams"] as const;

export function useTeams() {
  return useQuery({
    queryKey: teamsKey,
    queryFn: async () => (await api.get("/api/teams", TeamListSchema)).items,
  });
}

function useInvalidateTeams(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([teamsKey, ["audit"]].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  };
}

export function useCreateTeam() {
  const invalidate = useInvalidateTeams();
  return useMutation({
    mutationFn: (input: CreateTeamInput) => api.post("/api/teams", input, TeamSchema),
    onSuccess: invalidate,
  });
}

export function useUpdateTeam() {
  const invalidate = useInvalidateTeams();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateTeamInput }) =>
      api.patch(`/api/teams/${id}`, input, TeamSchema),
    onSuccess: invalidate,
  });
}
