import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { z } from "zod";
import { ImportAcceptedSchema } from "../../../../shared/schemas/imports";
import {
  type CreateProductInput,
  ProductImageSchema,
  type ProductImportOutcome,
  ProductImportSchema,
  ProductListSchema,
  ProductSchema,
  ProductStatusSchema,
  type UpdateProductInput,
} from "../../../../shared/schemas/products";
import { api, apiUrl } from "../../api/client";

export const DEFAULT_PAGE_SIZE = 20;

// Filters live in the URL, and so does the product whose drawer is open, so a link opens it again.
export const ProductsSearchSchema = z.object({
  q: z.string().optional().catch(undefined),
  category: z.string().optional().catch(undefined),
  status: ProductStatusSchema.optional().catch(undefined),
  lowStock: z.enum(["true"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(undefined),
  product: z.uuid().optional().catch(undefined),
});
export type ProductsSearch = z.infer<typeof ProductsSearchSchema>;
type ProductFilters = Omit<ProductsSearch, "product">;

export const ProductImportSearchSchema = z.object({
  id: z.uuid().optional().catch(undefined),
});

export function useProducts(params: ProductFilters) {
  return useQuery({
    queryKey: ["products", "list", params],
    queryFn: () => api.get("/api/products", ProductListSchema, { pageSize: DEFAULT_PAGE_SIZE, ...params }),
    placeholderData: keepPreviousData,
  });
}

const detailQuery = (id: string) => ({
  queryKey: ["products", "detail", id],
  queryFn: () => api.get(`/api/products/${id}`, ProductSchema),
});

export function useProduct(id: string | undefined) {
  return useQuery({ ...detailQuery(id ?? ""), enabled: id !== undefined });
}

// The catalogue entries behind a document's lines, for the editor's live preview of an existing one.
export function useProductsById(ids: string[]) {
  return useQueries({ queries: ids.map((id) => detailQuery(id)) });
}

const CategoriesSchema = z.object({ items: z.array(z.string()) });

export function useCategories() {
  return useQuery({
    queryKey: ["products", "categories"],
    queryFn: async () => (await api.get("/api/products/categories", CategoriesSchema)).items,
  });
}

// The export answers with a file the browser saves by itself, so it is a plain link, not a fetch.
export function productExportUrl(params: ProductFilters, format: "xlsx" | "csv"): string {
  const { page: _page, pageSize: _pageSize, ...filters } = params;
  return apiUrl("/api/products/export", { ...filters, format });
}

function useInvalidateProducts(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all(
      [["products"], ["stock"], ["audit"]].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
  };
}

export function useCreateProduct() {
  const invalidate = useInvalidateProducts();
  return useMutation({
    mutationFn: (input: CreateProductInput) => api.post("/api/products", input, ProductSchema),
    onSuccess: invalidate,
  });
}

export function useUpdateProduct(id: string) {
  const invalidate = useInvalidateProducts();
  return useMutation({
    mutationFn: (input: UpdateProductInput) => api.patch(`/api/products/${id}`, input, ProductSchema),
    onSuccess: invalidate,
  });
}

export function useUploadImage(productId: string) {
  const invalidate = useInvalidateProducts();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file, file.name);
      return api.post(`/api/products/${productId}/images`, form, ProductImageSchema);
    },
    onSuccess: invalidate,
  });
}

export function useDeleteImage(productId: string) {
  const invalidate = useInvalidateProducts();
  return useMutation({
    mutationFn: (imageId: string) => api.delete(`/api/products/${productId}/images/${imageId}`),
    onSuccess: invalidate,
  });
}

export function useWatchProduct(productId: string) {
  const invalidate = useInvalidateProducts();
  return useMutation({
    mutationFn: (watching: boolean) => {
      const path = `/api/products/${productId}/watch`;
      return watching ? api.post(path) : api.delete(path);
    },
    onSuccess: invalidate,
  });
}

// ---- Import ----------------------------------------------------------------------------------------

export function useStartProductImport() {
  return useMutation({
    mutationFn: (upload: { file: File; dryRun: boolean }) => {
      const form = new FormData();
      // The options go before the file: the server reads the parts in order.
      form.append("dryRun", String(upload.dryRun));
      form.append("file", upload.file, upload.file.name);
      return api.post("/api/imports/products", form, ImportAcceptedSchema);
    },
  });
}

// Imports a finished dry run's rows for real, so the file need not be uploaded again.
export function useCommitProductImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dryRunId: string) =>
      api.post(`/api/imports/products/${dryRunId}/commit`, {}, ImportAcceptedSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["product-imports"] }),
  });
}

export type ProductResultsPage = { offset: number; limit: number; outcome?: ProductImportOutcome };

const POLL_MS = 1000;

// Polled every second while the job works; a finished import no longer changes.
export function useProductImport(id: string | undefined, page: ProductResultsPage) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ["product-imports", id, page],
    queryFn: () => api.get(`/api/imports/products/${id}`, ProductImportSchema, page),
    enabled: id !== undefined,
    refetchInterval: (current) => {
      const status = current.state.data?.status;
      return status === "done" || status === "failed" ? false : POLL_MS;
    },
  });
  // The catalogue changed once a real import has finished: lists must show it.
  const finishedImport = query.data?.status === "done" && !query.data.dryRun ? query.data.id : undefined;
  useEffect(() => {
    if (finishedImport) void queryClient.invalidateQueries({ queryKey: ["products"] });
  }, [finishedImport, queryClient]);
  return query;
}
