// The download link of a completed run: signed for the admin who asked,
// valid DOWNLOAD_LINK_TTL_HOURS (24 h) and never past the file's own expiry.
// A saved report's emailed link (recipientLink) is the same token, signed for
// the run and the admin the run was made for (the schedule's owner, or who
// pressed "Send now"), valid until the file's own expiry: recipients cannot
// ask for a new link, so it lives as long as the file.
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

/** The link a saved report's email carries when its file is too big to attach (null when the run has no owner to sign for). */
export function recipientLink(run: Pick<ReportRun, "id" | "requestedBy" | "expiresAt">, origin = ""): { url: string; expiresAt: Date } | null {
  if (!run.requestedBy || !run.expiresAt) return null;
  const token = signDownload({ runId: run.id, userId: run.requestedBy, expiresAt: run.expiresAt });
  return { url: `${origin}${DOWNLOAD_PATH}/${token}`, expiresAt: run.expiresAt };
}
