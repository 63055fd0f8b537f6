// The download link of a completed run: signed for the admin who asked,
// valid DOWNLOAD_LINK_TTL_HOURS (24 h) and never past the file's own expiry.
import type { ReportRun } from "@/lib/generated/prisma/client";
import { DEFAULT_LINK_TTL_HOURS, signDownload } from "@/lib/links/signed";

export const DOWNLOAD_PATH = "/api/v1/downloads";

export function downloadLink(run: Pick<ReportRun, "id" | "requestedBy" | "expiresAt">, origin = "", now = new Date()): { url: string; expiresAt: Date } | null {
  if (!run.requestedBy) return null;
  let expiresAt = new Date(now.getTime() + DEFAULT_LINK_TTL_HOURS * 3_600_000);
  if (run.expiresAt && run.expiresAt < expiresAt) expiresAt = run.expiresAt;
  const token = signDownload({ runId: run.id, userId: run.requestedBy, expiresAt });
  return { url: `${origin}${DOWNLOAD_PATH}/${token}`, expiresAt };
}
