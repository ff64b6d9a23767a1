import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type PoolSettings, PoolSettingsSchema } from "../../../../shared/schemas/customers";
import { api } from "../../api/client";

const poolSettingsKey = ["settings", "pool"] as const;

export function usePoolSettings() {
  return useQuery({
    queryKey: poolSettingsKey,
    queryFn: () => api.get("/api/settings/pool", PoolSettingsSchema),
  });
}

export function useUpdatePoolSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<PoolSettings>) => api.patch("/api/settings/pool", input, PoolSettingsSchema),
    onSuccess: async (settings) => {
      queryClient.setQueryData(poolSettingsKey, settings);
      // "Returns to the pool on …" of every customer follows the new rule.
      await Promise.all(
        [["customers"], ["audit"]].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
    },
  });
}
