// Sends email. Every message is recorded in outbox_emails, one row per
// recipient: without a provider that row is the local outbox (readable at
// /admin/outbox); with one (Resend, when RESEND_API_KEY is set) it is the
// delivery log, with the provider's id or its error. A failure is returned
// and recorded, never swallowed.
import type { Db } from "@/lib/db";

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

export type SendResult = { id: string; status: "outbox" | "sent" | "failed"; error?: string };

export async function sendMail(db: Db, mail: Mail): Promise<SendResult> {
  // The Resend provider is added in lib/mail/resend.ts; until then, the outbox.
  const row = await db.outboxEmail.create({
    data: {
      toAddress: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      status: "outbox",
      provider: "outbox",
      attachments: mail.attachments?.map((a) => ({ filename: a.filename, content_type: a.contentType, size: a.content.length })) ?? undefined,
      kind: mail.kind,
      ref: mail.ref,
    },
  });
  return { id: row.id, status: "outbox" };
}
