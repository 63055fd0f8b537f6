// Reading the outbox (every email recorded by sendMail), newest first, for
// /admin/outbox and GET /api/v1/admin/outbox; and the test email an admin
// can send to check the mail configuration.
import type { Db } from "@/lib/db";
import { sendMail, type SendResult } from "./index";
import { resendConfigured } from "./resend";
import { testEmail } from "./templates";

export type OutboxEmail = {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  created_at: string;
  /** outbox | sending | sent | failed */
  status: string;
  error: string | null;
  provider: string;
  provider_message_id: string | null;
  attachments: { filename: string; content_type: string; size: number }[];
  kind: string | null;
  ref: string | null;
};

type Row = Awaited<ReturnType<Db["outboxEmail"]["findFirstOrThrow"]>>;
const toEmail = (r: Row): OutboxEmail => ({
  id: r.id,
  to: r.toAddress,
  subject: r.subject,
  text: r.text,
  html: r.html,
  created_at: r.createdAt.toISOString(),
  status: r.status,
  error: r.error,
  provider: r.provider,
  provider_message_id: r.providerMessageId,
  attachments: (r.attachments as OutboxEmail["attachments"] | null) ?? [],
  kind: r.kind,
  ref: r.ref,
});

// Newest first; the id breaks ties between rows written in the same millisecond.
const ORDER = [{ createdAt: "desc" as const }, { id: "desc" as const }];

export async function listOutbox(db: Db, q: { page: number; per_page: number }) {
  const [rows, total] = await Promise.all([
    db.outboxEmail.findMany({ orderBy: ORDER, skip: (q.page - 1) * q.per_page, take: q.per_page + 1 }),
    db.outboxEmail.count(),
  ]);
  return {
    emails: rows.slice(0, q.per_page).map(toEmail),
    page: q.page,
    per_page: q.per_page,
    has_more: rows.length > q.per_page,
    total,
    provider: resendConfigured() ? "resend" : "outbox",
  };
}

export async function getOutboxEmail(db: Db, id: string): Promise<OutboxEmail | null> {
  const row = await db.outboxEmail.findUnique({ where: { id } });
  return row ? toEmail(row) : null;
}

/** A short email to the admin who asks, through the configured provider: shows whether mail works. */
export async function sendTestEmail(db: Db, to: { email: string; name: string; timeZone: string }, outboxUrl: string): Promise<SendResult> {
  const provider = resendConfigured() ? "Resend" : "the local outbox (RESEND_API_KEY is not set)";
  const m = await testEmail({ name: to.name, provider, sentAt: new Date(), timezone: to.timeZone, outboxUrl });
  return sendMail(db, { to: to.email, ...m, kind: "test" });
}
