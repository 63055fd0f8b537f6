// Sends email. Every message is recorded in outbox_emails, one row per
// recipient: without a provider that row is the local outbox (readable at
// /admin/outbox); with one (Resend, when RESEND_API_KEY is set) it is the
// delivery log, with the provider's id or its error. A failure is returned
// and recorded, never swallowed.
import type { Db } from "@/lib/db";
import { resendConfigured, sendViaResend } from "./resend";

export type Attachment = { filename: string; content: Buffer; contentType: string };

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: Attachment[];
  /** What sent it (e.g. "report_run") and its id: lets a retried job see it already sent. */
  kind?: string;
  ref?: string;
};

/** outbox: kept locally (no provider); sent: the provider accepted it; failed: `error` says why. */
export type SendResult = { id: string; status: "outbox" | "sent" | "failed"; error?: string };

export async function sendMail(db: Db, mail: Mail): Promise<SendResult> {
  const provider = resendConfigured() ? "resend" : "outbox";
  // The row is written first ("sending"), so a process that dies during the
  // call leaves a visible trace instead of nothing.
  const row = await db.outboxEmail.create({
    data: {
      toAddress: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      status: provider === "outbox" ? "outbox" : "sending",
      provider,
      attachments: mail.attachments?.map((a) => ({ filename: a.filename, content_type: a.contentType, size: a.content.length })) ?? undefined,
      kind: mail.kind,
      ref: mail.ref,
    },
  });
  if (provider === "outbox") return { id: row.id, status: "outbox" };
  const sent = await sendViaResend(mail);
  if (sent.ok) {
    await db.outboxEmail.update({ where: { id: row.id }, data: { status: "sent", providerMessageId: sent.id } });
    return { id: row.id, status: "sent" };
  }
  await db.outboxEmail.update({ where: { id: row.id }, data: { status: "failed", error: sent.error } });
  return { id: row.id, status: "failed", error: sent.error };
}

/** The same message to each recipient, one send and one outbox row each; one failure does not stop the others. */
export async function sendMailEach(db: Db, recipients: string[], mail: Omit<Mail, "to">): Promise<(SendResult & { to: string })[]> {
  const out: (SendResult & { to: string })[] = [];
  for (const to of recipients) out.push({ to, ...(await sendMail(db, { ...mail, to })) });
  return out;
}
