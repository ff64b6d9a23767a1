import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { listOf } from "../../../../shared/schemas/common";
import { APPROVAL_STATES, ApprovalSchema } from "../../../../shared/schemas/orders";
import { api } from "../../api/client";

export const APPROVAL_FILTERS = [...APPROVAL_STATES, "all"] as const;
type ApprovalFilter = (typeof APPROVAL_FILTERS)[number];

export const ApprovalsSearchSchema = z.object({
  state: z.enum(APPROVAL_FILTERS).optional().catch(undefined),
});

const ApprovalListSchema = listOf(ApprovalSchema);

export function useApprovals(state: ApprovalFilter) {
  return useQuery({
    queryKey: ["approvals", state],
    queryFn: () => api.get("/api/approvals", ApprovalListSchema, { state, pageSize: 200 }),
    placeholderData: keepPreviousData,
  });
}
