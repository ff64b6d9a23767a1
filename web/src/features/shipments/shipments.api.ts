import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { listOf } from "../../../../shared/schemas/common";
import { type FileKind, StoredFileSchema } from "../../../../shared/schemas/files";
import { type Order, OrderSchema } from "../../../../shared/schemas/orders";
import {
  type CreateShipmentInput,
  ShipmentSchema,
  type ShipmentStatusInput,
  ShipmentStatusSchema,
  type UpdateShipmentInput,
} from "../../../../shared/schemas/shipments";
import { api, apiUrl } from "../../api/client";

// The list keeps its filter in the URL, so a link reproduces the view; stale values are dropped.
export const ShipmentsSearchSchema = z.object({
  status: ShipmentStatusSchema.optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
});
export type ShipmentsSearch = z.infer<typeof ShipmentsSearchSchema>;

const ShipmentListSchema = listOf(ShipmentSchema);

// Every shipment query starts with this key, so one invalidation refreshes lists, records and the
// order pages' sections alike.
export const shipmentsKey = ["shipments"] as const;
export const orderShipmentsKey = (orderId: string) => ["shipments", "order", orderId] as const;

export function useShipments(params: { status?: ShipmentsSearch["status"] }) {
  return useQuery({
    queryKey: ["shipments", "list", params],
    queryFn: () => api.get("/api/shipments", ShipmentListSchema, params),
  });
}

// Without the live stream the order page polls, so the rep still sees logistics' progress.
export function useOrderShipments(orderId: string, live: boolean) {
  return useQuery({
    queryKey: orderShipmentsKey(orderId),
    refetchInterval: live ? false : 30_000,
    queryFn: async () => (await api.get("/api/shipments", ShipmentListSchema, { orderId })).items,
  });
}

export function useShipment(id: string) {
  return useQuery({
    queryKey: ["shipments", "detail", id],
    queryFn: () => api.get(`/api/shipments/${id}`, ShipmentSchema),
  });
}

// The orders behind shipments on screen, loaded once each and shared with the order pages' cache.
export function useOrdersById(orderIds: readonly string[]): Map<string, Order> {
  const unique = [...new Set(orderIds)];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: ["orders", "detail", id],
      queryFn: () => api.get(`/api/orders/${id}`, OrderSchema),
      staleTime: 60_000,
    })),
  });
  return new Map(results.flatMap((result) => (result.data ? [[result.data.id, result.data] as const] : [])));
}

// A shipment's change can move its order (departure ships it), so both are reloaded.
function useInvalidateLogistics(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all(
      [shipmentsKey, ["orders"], ["audit"]].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
  };
}

export function useCreateShipment(orderId: string) {
  const invalidate = useInvalidateLogistics();
  return useMutation({
    mutationFn: (input: CreateShipmentInput) =>
      api.post(`/api/orders/${orderId}/shipments`, input, ShipmentSchema),
    onSuccess: invalidate,
  });
}

export function useUpdateShipment(id: string) {
  const invalidate = useInvalidateLogistics();
  return useMutation({
    mutationFn: (input: UpdateShipmentInput) => api.patch(`/api/shipments/${id}`, input, ShipmentSchema),
    onSuccess: invalidate,
  });
}

export function useChangeShipmentStatus(id: string) {
  const invalidate = useInvalidateLogistics();
  return useMutation({
    mutationFn: (input: ShipmentStatusInput) =>
      api.post(`/api/shipments/${id}/status`, input, ShipmentSchema),
    onSuccess: invalidate,
  });
}

export const SHIPMENT_DOCUMENTS = [
  { key: "commercialInvoice", file: "commercial-invoice.pdf" },
  { key: "packingListPdf", file: "packing-list.pdf" },
  { key: "packingListXlsx", file: "packing-list.xlsx" },
] as const;

export function shipmentDocumentUrl(id: string, file: (typeof SHIPMENT_DOCUMENTS)[number]["file"]): string {
  return apiUrl(`/api/shipments/${id}/documents/${file}`);
}

const fileListKey = (shipmentId: string) => ["shipments", "files", shipmentId] as const;
const FileListSchema = listOf(StoredFileSchema);

export function useShipmentFiles(shipmentId: string) {
  return useQuery({
    queryKey: fileListKey(shipmentId),
    queryFn: async () => (await api.get(`/api/shipments/${shipmentId}/files`, FileListSchema)).items,
  });
}

export function useUploadShipmentFile(shipmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, kind }: { file: File; kind: FileKind }) => {
      const form = new FormData();
      // The kind goes first: a multipart parser reads fields in order and the file may be streamed.
      form.append("kind", kind);
      form.append("file", file);
      return api.post(`/api/shipments/${shipmentId}/files`, form, StoredFileSchema);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fileListKey(shipmentId) }),
  });
}

export function useDeleteFile(shipmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/files/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fileListKey(shipmentId) }),
  });
}

export function fileUrl(id: string): string {
  return apiUrl(`/api/files/${id}`);
}
