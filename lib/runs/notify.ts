// Emails the admin who asked when their run completes ("Your export is
// ready"). At most once per run: an earlier send (any status) recorded in
// outbox_emails under kind 'report_run' and the run's id means a retried job
// does not send again. A failed send is recorded on the run, not thrown.
import type { Db } from "@/lib/db";
import { publicUrl } from "@/lib/links/public-url";
import { sendMail } from "@/lib/mail";
import { exportReadyEmail } from "@/lib/mail/templates/export-ready";
import { downloadLink } from "./links";
import { runWhat } from "./view";

export const MAIL_KIND = "report_run";

export async function notifyRun(db: Db, runId: string): Promise<{ sent: boolean; reason?: string; status?: string }> {
  const run = await db.reportRun.findUnique({ where: { id: runId }, include: { requester: { select: { email: true, timeZone: true } } } });
  if (!run) return { sent: false, reason: "no such run" };
  if (run.status !== "completed") return { sent: false, reason: `run is ${run.status}` };
  if (!run.notify) return { sent: false, reason: "notify is off" };
  if (!run.requester) return { sent: false, reason: "the requester no longer exists" };
  const earlier = await db.outboxEmail.findFirst({ where: { kind: MAIL_KIND, ref: runId }, select: { id: true } });
  if (earlier) return { sent: false, reason: "already sent" };
  // An absolute link: APP_URL / NEXTAUTH_URL, else the origin the request came from.
  const link = downloadLink(run)!;
  try {
    const mail = await exportReadyEmail({
      what: `${runWhat(run)} (${run.fileName})`,
      rowCount: run.rowCount ?? 0,
      sizeBytes: Number(run.fileSizeBytes ?? 0),
      url: publicUrl(link.url, run.linkOrigin ?? undefined),
      expiresAt: link.expiresAt,
      timezone: run.requester.timeZone,
    });
    const r = await sendMail(db, { to: run.requester.email, ...mail, kind: MAIL_KIND, ref: runId });
    await db.reportRun.update({ where: { id: runId }, data: { emailStatus: r.status, emailError: r.error ?? null } });
    return { sent: r.status !== "failed", status: r.status };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db.reportRun.update({ where: { id: runId }, data: { emailStatus: "failed", emailError: message } });
    return { sent: false, reason: message, status: "failed" };
  }
}
