import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { listOf } from "../../../../shared/schemas/common";
import {
  type StockAdjustmentInput,
  StockListSchema,
  StockMovementSchema,
  WarehouseSchema,
} from "../../../../shared/schemas/inventory";
import { api } from "../../api/client";

const WarehouseListSchema = listOf(WarehouseSchema);
const MovementListSchema = listOf(StockMovementSchema);

// Recent enough to explain today's figures; the full ledger is in the API.
const MOVEMENTS_SHOWN = 20;

export function useWarehouses() {
  return useQuery({
    queryKey: ["stock", "warehouses"],
    queryFn: async () => (await api.get("/api/warehouses", WarehouseListSchema)).items,
    staleTime: 5 * 60_000,
  });
}

export function useProductStock(productId: string) {
  return useQuery({
    queryKey: ["stock", "levels", productId],
    queryFn: async () => (await api.get("/api/stock", StockListSchema, { productId, pageSize: 200 })).items,
  });
}

export function useStockMovements(productId: string) {
  return useQuery({
    queryKey: ["stock", "movements", productId],
    queryFn: async () =>
      (await api.get("/api/stock/movements", MovementListSchema, { productId, limit: MOVEMENTS_SHOWN }))
        .items,
  });
}

export function useAdjustStock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StockAdjustmentInput) =>
      api.post("/api/stock/adjustments", input, StockMovementSchema),
    // The product's stock summary (list and drawer) changes with its levels.
    onSuccess: () =>
      Promise.all(
        [["stock"], ["products"], ["audit"]].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ),
  });
}
