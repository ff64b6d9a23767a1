import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import {
  CustomerDetailSchema,
  type HandoverInputSchema,
  HandoverResultSchema,
} from "../../../../shared/schemas/customers";
import { ApiError, api } from "../../api/client";
import { useInvalidateCustomers } from "../customers/customers.api";

// The handover page can be opened for one rep, from the users page.
export const HandoverSearchSchema = z.object({ from: z.uuid().optional().catch(undefined) });

export function useClaimCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/customers/${id}/claim`, {}, CustomerDetailSchema),
    onSuccess: invalidate,
  });
}

export function useReleaseCustomer(id: string) {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (reason: string) =>
      api.post(`/api/customers/${id}/release`, { reason }, CustomerDetailSchema),
    onSuccess: invalidate,
  });
}

export function useTransferCustomer(id: string) {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (input: { toUserId: string; reason?: string }) =>
      api.post(`/api/customers/${id}/transfer`, input, CustomerDetailSchema),
    onSuccess: invalidate,
  });
}

export function useHandover() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (input: z.input<typeof HandoverInputSchema>) =>
      api.post("/api/customers/handover", input, HandoverResultSchema),
    onSuccess: invalidate,
  });
}

const ClaimRefusalSchema = z.object({
  reason: z.enum(["not_in_pool", "limit_reached", "cooling_off"]),
  limit: z.number().optional(),
  until: z.string().optional(),
});
export type ClaimRefusal = z.infer<typeof ClaimRefusalSchema>;

// Why the pool said no, when it gave one of its known reasons.
export function claimRefusal(error: unknown): ClaimRefusal | undefined {
  if (!(error instanceof ApiError) || error.code !== "conflict") return undefined;
  const parsed = ClaimRefusalSchema.safeParse(error.details);
  return parsed.success ? parsed.data : undefined;
}
