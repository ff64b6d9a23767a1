import { useQuery } from "@tanstack/react-query";
import { type SalesGrouping, SalesReportSchema } from "../../../../shared/schemas/sales";
import { api } from "../../api/client";

// The last 12 months (the server's default range) grouped one way; confirmations by colleagues move
// the figures, so a minute-old answer is fresh enough for a dashboard.
export function useSalesReport(groupBy: SalesGrouping, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ["sales", groupBy],
    staleTime: 60_000,
    enabled: options.enabled ?? true,
    queryFn: () => api.get("/api/reports/sales", SalesReportSchema, { groupBy }),
  });
}
