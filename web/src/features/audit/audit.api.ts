import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { listOf } from "../../../../shared/schemas/common";
import { AuditEntrySchema } from "../../../../shared/schemas/identity";
import { api } from "../../api/client";

export const AuditSearchSchema = z.object({
  entityType: z.string().optional().catch(undefined),
});
type AuditSearch = z.infer<typeof AuditSearchSchema>;

const AuditListSchema = listOf(AuditEntrySchema);

// The API caps one page at 200 entries; this page shows the most recent ones.
const AUDIT_LIMIT = 200;

export function useAudit(search: AuditSearch) {
  const query = { entityType: search.entityType, limit: AUDIT_LIMIT };
  return useQuery({
    queryKey: ["audit", query],
    queryFn: async () => (await api.get("/api/audit", AuditListSchema, query)).items,
    placeholderData: keepPreviousData,
  });
}
