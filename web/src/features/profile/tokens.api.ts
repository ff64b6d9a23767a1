import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { listOf } from "../../../../shared/schemas/common";
import { ApiTokenSchema, CreatedTokenSchema } from "../../../../shared/schemas/identity";
import { api } from "../../api/client";

const TokenListSchema = listOf(ApiTokenSchema);
const tokensKey = ["tokens"] as const;

export function useTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: async () => (await api.get("/api/tokens", TokenListSchema)).items,
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post("/api/tokens", { name }, CreatedTokenSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/tokens/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
