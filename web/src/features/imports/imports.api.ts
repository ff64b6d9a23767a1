import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { z } from "zod";
import {
  ImportAcceptedSchema,
  type ImportMapping,
  type ImportOutcomeSchema,
  ImportSchema,
} from "../../../../shared/schemas/imports";
import { api } from "../../api/client";

export const ImportSearchSchema = z.object({
  id: z.uuid().optional().catch(undefined),
});

type ImportUpload = {
  file: File;
  dryRun: boolean;
  assignTo: string;
  mapping?: ImportMapping;
};

export function useStartImport() {
  return useMutation({
    mutationFn: (upload: ImportUpload) => {
      const form = new FormData();
      // The options go before the file: the server reads the parts in order.
      form.append("dryRun", String(upload.dryRun));
      form.append("assignTo", upload.assignTo);
      if (upload.mapping) form.append("mapping", JSON.stringify(upload.mapping));
      form.append("file", upload.file, upload.file.name);
      return api.post("/api/imports/customers", form, ImportAcceptedSchema);
    },
  });
}

// Imports a finished dry run's rows for real, so the file need not be uploaded (or even kept) again.
export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dryRunId: string) => api.post(`/api/imports/${dryRunId}/commit`, {}, ImportAcceptedSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["imports"] }),
  });
}

export type ImportOutcome = z.infer<typeof ImportOutcomeSchema>;
export type ResultsPage = { offset: number; limit: number; outcome?: ImportOutcome };

const POLL_MS = 1000;

// Polled every second while the job works; a finished import no longer changes.
export function useImport(id: string | undefined, page: ResultsPage) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ["imports", id, page],
    queryFn: () => api.get(`/api/imports/${id}`, ImportSchema, page),
    enabled: id !== undefined,
    refetchInterval: (current) => {
      const status = current.state.data?.status;
      return status === "done" || status === "failed" ? false : POLL_MS;
    },
  });
  // New customers exist once a real import has finished: the lists and counts must show them.
  const finishedImport = query.data?.status === "done" && !query.data.dryRun ? query.data.id : undefined;
  useEffect(() => {
    if (finishedImport) void queryClient.invalidateQueries({ queryKey: ["customers"] });
  }, [finishedImport, queryClient]);
  return query;
}
