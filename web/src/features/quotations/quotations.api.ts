import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { listOf } from "../../../../shared/schemas/common";
import { CustomerDetailSchema } from "../../../../shared/schemas/customers";
import {
  ApprovalSettingsSchema,
  type ConvertQuotationInput,
  OrderSchema,
} from "../../../../shared/schemas/orders";
import {
  type CreateQuotationInput,
  QuotationSchema,
  QuotationStatusSchema,
  QuotationSummarySchema,
  type ReviseQuotationInput,
  type UpdateQuotationInput,
} from "../../../../shared/schemas/quotations";
import { api, apiUrl } from "../../api/client";

export const DEFAULT_PAGE_SIZE = 20;

// The list keeps its filters in the URL, so a link reproduces the view; stale values are dropped.
export const QuotationsSearchSchema = z.object({
  status: QuotationStatusSchema.optional().catch(undefined),
  customerId: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(undefined),
});
export type QuotationsSearch = z.infer<typeof QuotationsSearchSchema>;

// A new quotation may start from a customer's page, which passes its id.
export const NewQuotationSearchSchema = z.object({
  customerId: z.uuid().optional().catch(undefined),
});

const QuotationListSchema = listOf(QuotationSummarySchema);

export function useQuotations(params: QuotationsSearch) {
  return useQuery({
    queryKey: ["quotations", "list", params],
    queryFn: () =>
      api.get("/api/quotations", QuotationListSchema, { pageSize: DEFAULT_PAGE_SIZE, ...params }),
    placeholderData: keepPreviousData,
  });
}

export function useQuotation(id: string) {
  return useQuery({
    queryKey: ["quotations", "detail", id],
    queryFn: () => api.get(`/api/quotations/${id}`, QuotationSchema),
  });
}

export function quotationPdfUrl(id: string): string {
  return apiUrl(`/api/quotations/${id}/pdf`);
}

// A quotation's status, its revisions and the order converted from it all show in lists, details and
// the customer's page at once; the audit log records each change.
export function useInvalidateTrade(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all(
      [["quotations"], ["orders"], ["approvals"], ["customers"], ["audit"]].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
  };
}

export function useCreateQuotation() {
  const invalidate = useInvalidateTrade();
  return useMutation({
    mutationFn: (input: CreateQuotationInput) => api.post("/api/quotations", input, QuotationSchema),
    onSuccess: invalidate,
  });
}

export function useUpdateQuotation(id: string) {
  const invalidate = useInvalidateTrade();
  return useMutation({
    mutationFn: (input: UpdateQuotationInput) => api.patch(`/api/quotations/${id}`, input, QuotationSchema),
    onSuccess: invalidate,
  });
}

export function useReviseQuotation(id: string) {
  const invalidate = useInvalidateTrade();
  return useMutation({
    mutationFn: (input: ReviseQuotationInput) =>
      api.post(`/api/quotations/${id}/revise`, input, QuotationSchema),
    // Not awaited: once refetched, the revised quotation is no longer the latest and its revise page
    // gives way, which would drop the caller's onSuccess (the move to the new revision).
    onSuccess: () => void invalidate(),
  });
}

export function useConvertQuotation(id: string) {
  const invalidate = useInvalidateTrade();
  return useMutation({
    mutationFn: (input: ConvertQuotationInput) =>
      api.post(`/api/quotations/${id}/convert`, input, OrderSchema),
    onSuccess: invalidate,
  });
}

// The discount beyond which an order needs a manager: the editor warns about it while pricing.
export function useApprovalSettings() {
  return useQuery({
    queryKey: ["settings", "approvals"],
    queryFn: () => api.get("/api/settings/approvals", ApprovalSettingsSchema),
    staleTime: 5 * 60_000,
  });
}

// The customer a document is for, with its contacts; shares the customer page's cache entry, and waits
// until a customer is chosen.
export function useDocumentCustomer(id: string | undefined) {
  return useQuery({
    queryKey: ["customers", "detail", id],
    queryFn: () => api.get(`/api/customers/${id}`, CustomerDetailSchema),
    enabled: id !== undefined,
  });
}
