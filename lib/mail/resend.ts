// Resend as the mail provider, used by sendMail when RESEND_API_KEY is set.
// RESEND_BASE_URL points the SDK at another host speaking Resend's API (the
// tests' local server); MAIL_FROM is the sender. The SDK returns the
// provider's errors instead of throwing; each becomes a readable string that
// is recorded on the recipient's outbox row.
import { Resend } from "resend";
import type { Mail } from "./index";

export const DEFAULT_MAIL_FROM = "Marketplace Analytics <onboarding@resend.dev>";

export type ProviderResult = { ok: true; id: string } | { ok: false; error: string };

export const resendConfigured = (env = process.env) => Boolean(env.RESEND_API_KEY);
export const mailFrom = (env = process.env) => env.MAIL_FROM || DEFAULT_MAIL_FROM;

type ResendError = { name?: string; message?: string; statusCode?: number | null };

/** "validation_error (422): Invalid `to` field." — what the provider said, as one line. */
export function describeProviderError(e: ResendError | null | undefined): string {
  if (!e) return "unknown provider error";
  const status = e.statusCode ? ` (${e.statusCode})` : "";
  return `${e.name ?? "error"}${status}: ${e.message ?? "no message"}`;
}

/** Sends one message to one recipient; never throws for a provider or network failure. */
export async function sendViaResend(mail: Mail, env = process.env): Promise<ProviderResult> {
  const client = new Resend(env.RESEND_API_KEY, { baseUrl: env.RESEND_BASE_URL || undefined });
  try {
    const { data, error } = await client.emails.send(
      {
        from: mailFrom(env),
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        attachments: mail.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      },
      // A job retried after the provider accepted the message is not sent twice (Resend keeps keys 24 h).
      mail.kind && mail.ref ? { idempotencyKey: `${mail.kind}/${mail.ref}/${mail.to}`.slice(0, 256) } : undefined,
    );
    if (error) return { ok: false, error: describeProviderError(error) };
    if (!data?.id) return { ok: false, error: "provider answered without a message id" };
    return { ok: true, id: data.id };
  } catch (err) {
    return { ok: false, error: `send failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}
