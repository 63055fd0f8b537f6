// The run as the API and the pages show it (§4.2 ReportRun plus the engine's fields).
import type { ReportRun } from "@/lib/generated/prisma/client";

export type RunView = {
  id: string;
  kind: "report" | "export";
  /** The saved report this run belongs to (scheduled, Run now, Send now), else null. */
  report_id: string | null;
  report_type: string | null;
  entity: string | null;
  parameters: Record<string, unknown>;
  format: string | null;
  status: "pending" | "processing" | "completed" | "failed";
  progress: number;
  row_count: number | null;
  estimated_rows: number | null;
  file_name: string | null;
  file_size_bytes: number | null;
  sha256: string | null;
  error_message: string | null;
  attempt: number;
  cancel_requested: boolean;
  notify: boolean;
  requested_by: string | null;
  email_status: string | null;
  email_error: string | null;
  file_deleted: boolean;
  created_at: string | null;
  started_at: string | null;
  completed_at: string | null;
  expires_at: string | null;
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function runView(r: ReportRun): RunView {
  return {
    id: r.id,
    kind: r.kind as RunView["kind"],
    report_id: r.reportId,
    report_type: r.reportType,
    entity: r.entity,
    parameters: (r.parameters ?? {}) as Record<string, unknown>,
    format: r.format,
    status: r.status as RunView["status"],
    progress: r.progress,
    row_count: r.rowCount,
    estimated_rows: r.estimatedRows == null ? null : Number(r.estimatedRows),
    file_name: r.fileName,
    file_size_bytes: r.fileSizeBytes == null ? null : Number(r.fileSizeBytes),
    sha256: r.sha256,
    error_message: r.errorMessage,
    attempt: r.attempt,
    cancel_requested: r.cancelRequested,
    notify: r.notify,
    requested_by: r.requestedBy,
    email_status: r.emailStatus,
    email_error: r.emailError,
    file_deleted: r.fileDeletedAt != null,
    created_at: iso(r.createdAt),
    started_at: iso(r.startedAt),
    completed_at: iso(r.completedAt),
    expires_at: iso(r.expiresAt),
  };
}

/** What the run produced, in words: "transactions export" or "revenue report". */
export function runWhat(r: Pick<ReportRun, "kind" | "entity" | "reportType">): string {
  return r.kind === "export" ? `${r.entity} export` : `${(r.reportType ?? "").replace(/_/g, " ")} report`;
}
