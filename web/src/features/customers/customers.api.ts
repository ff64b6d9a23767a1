import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { listOf } from "../../../../shared/schemas/common";
import {
  type CollaboratorsInputSchema,
  type ContactInput,
  ContactSchema,
  type CreateCustomerInput,
  type CreateFollowUpInput,
  CUSTOMER_SORTS,
  CustomerDetailSchema,
  CustomerListSchema,
  CustomerSchema,
  CustomerSourceSchema,
  CustomerStageSchema,
  CustomerTierSchema,
  type DuplicateCheckInput,
  DuplicateCheckResultSchema,
  DuplicateMatchSchema,
  SavedViewSchema,
  TimelineEntrySchema,
  type UpdateCustomerInput,
} from "../../../../shared/schemas/customers";
import { ApiError, api, apiUrl } from "../../api/client";

export const CUSTOMER_SCOPES = ["mine", "team", "all"] as const;
export type CustomerScope = (typeof CUSTOMER_SCOPES)[number];
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

// The list keeps its filters in the URL, so a link (or a saved view) reproduces the view. A value that
// no longer parses (an old link, a hand-edited URL) is dropped rather than failing the page.
export const CustomersSearchSchema = z.object({
  scope: z.enum(CUSTOMER_SCOPES).optional().catch(undefined),
  q: z.string().optional().catch(undefined),
  ownerId: z.uuid().optional().catch(undefined),
  tier: CustomerTierSchema.optional().catch(undefined),
  stage: CustomerStageSchema.optional().catch(undefined),
  country: z.string().length(2).optional().catch(undefined),
  source: CustomerSourceSchema.optional().catch(undefined),
  tag: z.string().optional().catch(undefined),
  createdFrom: z.iso.date().optional().catch(undefined),
  createdTo: z.iso.date().optional().catch(undefined),
  idleDays: z.coerce.number().int().min(0).max(3650).optional().catch(undefined),
  sort: z.enum(CUSTOMER_SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(undefined),
});
export type CustomersSearch = z.infer<typeof CustomersSearchSchema>;

// The public pool page filters the same way, minus what makes no sense for unowned customers.
export const PoolSearchSchema = CustomersSearchSchema.omit({ scope: true, ownerId: true, idleDays: true });

export const DEFAULT_PAGE_SIZE = 20;

export type CustomerListParams = Omit<CustomersSearch, "scope"> & { scope: CustomerScope | "pool" };

export function useCustomerList(params: CustomerListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ["customers", "list", params],
    queryFn: () => api.get("/api/customers", CustomerListSchema, { pageSize: DEFAULT_PAGE_SIZE, ...params }),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

// The export answers with a file the browser saves by itself, so it is a plain link, not a fetch.
export function exportUrl(params: CustomerListParams, format: "xlsx" | "csv"): string {
  const { page: _page, pageSize: _pageSize, ...filters } = params;
  return apiUrl("/api/customers/export", { ...filters, format });
}

export function useCustomer(id: string) {
  return useQuery({
    queryKey: ["customers", "detail", id],
    queryFn: () => api.get(`/api/customers/${id}`, CustomerDetailSchema),
  });
}

const TimelineSchema = listOf(TimelineEntrySchema);

export function useTimeline(id: string) {
  return useQuery({
    queryKey: ["customers", "timeline", id],
    queryFn: async () => (await api.get(`/api/customers/${id}/timeline`, TimelineSchema)).items,
  });
}

// Checked as the user types: asks only once there is something to compare.
export function useDuplicateCheck(input: DuplicateCheckInput) {
  const hasInput = Object.values(input).some((value) => typeof value === "string" && value.trim().length > 0);
  return useQuery({
    queryKey: ["customers", "duplicate-check", input],
    queryFn: async () =>
      (await api.post("/api/customers/duplicate-check", input, DuplicateCheckResultSchema)).matches,
    enabled: hasInput,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

const DuplicateDetailsSchema = z.object({
  matches: z.array(DuplicateMatchSchema),
  requiresConfirmation: z.boolean(),
});

// A 409 "duplicate": either blocked (an exact match) or waiting for the user to confirm (fuzzy ones).
export function duplicateRefusal(error: unknown): z.infer<typeof DuplicateDetailsSchema> | undefined {
  if (!(error instanceof ApiError) || error.code !== "duplicate") return undefined;
  const parsed = DuplicateDetailsSchema.safeParse(error.details);
  return parsed.success ? parsed.data : undefined;
}

// Every list, detail, timeline and the home page counts may change together with one customer.
export function useInvalidateCustomers(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all(
      [["customers"], ["audit"]].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
  };
}

export function useCreateCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (input: CreateCustomerInput) => api.post("/api/customers", input, CustomerSchema),
    onSuccess: invalidate,
  });
}

export function useUpdateCustomer(id: string) {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (input: UpdateCustomerInput) =>
      api.patch(`/api/customers/${id}`, input, CustomerDetailSchema),
    onSuccess: invalidate,
  });
}

export function useAddContact(customerId: string) {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (input: ContactInput) =>
      api.post(`/api/customers/${customerId}/contacts`, input, ContactSchema),
    onSuccess: invalidate,
  });
}

export function useLogFollowUp(customerId: string) {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (input: CreateFollowUpInput) =>
      api.post(`/api/customers/${customerId}/follow-ups`, input, TimelineEntrySchema),
    onSuccess: invalidate,
  });
}

export function useUpdateCollaborators(customerId: string) {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (input: z.input<typeof CollaboratorsInputSchema>) =>
      api.post(`/api/customers/${customerId}/collaborators`, input, CustomerDetailSchema),
    onSuccess: invalidate,
  });
}

const savedViewsKey = ["customer-views"] as const;
const SavedViewListSchema = listOf(SavedViewSchema);
export type SavedView = z.infer<typeof SavedViewSchema>;

export function useSavedViews() {
  return useQuery({
    queryKey: savedViewsKey,
    queryFn: async () => (await api.get("/api/customers/views", SavedViewListSchema)).items,
  });
}

export function useCreateSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; filters: Record<string, unknown> }) =>
      api.post("/api/customers/views", input, SavedViewSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewsKey }),
  });
}

export function useDeleteSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/customers/views/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewsKey }),
  });
}
