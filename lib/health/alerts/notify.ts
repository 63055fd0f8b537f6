// Alert notifications: one email per recipient (lib/mail: Resend or the
// outbox) and one POST of Slack-compatible JSON ({"text": …}) to the rule's
// webhook. Failures are returned and recorded on the event, never thrown.
import type { Db } from "@/lib/db";
import type { AlertRule } from "@/lib/generated/prisma/client";
import { publicUrl } from "@/lib/links/public-url";
import { sendMail } from "@/lib/mail";
import { alertEmail, alertSubject } from "@/lib/mail/templates";

export const WEBHOOK_TIMEOUT_MS = 5_000;

const fmt = (v: number | null) => (v == null ? "no data" : Number.isInteger(v) ? String(v) : v.toFixed(2));
const OP = { gt: ">", gte: "≥", lt: "<", lte: "≤" } as Record<string, string>;

export function alertMessage(rule: AlertRule, kind: "firing" | "resolved", value: number | null, at: Date) {
  const target = rule.route ?? rule.queue ?? rule.service ?? "all";
  const subject = alertSubject({ kind, name: rule.name, severity: rule.severity });
  const condition = `${rule.metric} (${target}, last ${rule.windowMinutes} min) = ${fmt(value)}; condition ${OP[rule.comparator]} ${rule.threshold}`;
  const manageUrl = publicUrl("/admin/health/alerts");
  return { subject, condition, manageUrl, text: `${subject}\n${condition}\nat ${at.toISOString()}\nRules: ${manageUrl}` };
}

export async function notify(db: Db, rule: AlertRule, eventId: string, kind: "firing" | "resolved", value: number | null, at: Date, fetchImpl: typeof fetch = fetch) {
  const msg = alertMessage(rule, kind, value, at);
  let emails = 0;
  let failures = 0;
  const email = rule.recipients.length
    ? await alertEmail({ kind, name: rule.name, severity: rule.severity, condition: msg.condition, at, manageUrl: msg.manageUrl })
    : null;
  for (const to of rule.recipients) {
    const r = await sendMail(db, { to, subject: email!.subject, text: email!.text, html: email!.html, kind: "alert", ref: eventId }).catch((err: Error) => ({ status: "failed", error: err.message }));
    if (r.status === "failed") failures++;
    else emails++;
  }
  let webhook: string | null = null;
  if (rule.webhookUrl) {
    try {
      const res = await fetchImpl(rule.webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: msg.text, alert: { id: rule.id, name: rule.name, state: kind, metric: rule.metric, value, threshold: rule.threshold, severity: rule.severity, at: at.toISOString() } }),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      await res.arrayBuffer().catch(() => undefined);
      webhook = `HTTP ${res.status}`;
      if (!res.ok) failures++;
    } catch (err) {
      webhook = `error: ${(err as Error).message}`.slice(0, 100);
      failures++;
    }
  }
  const attempted = rule.recipients.length + (rule.webhookUrl ? 1 : 0);
  return { emails, webhook, delivery: attempted > 0 && failures === attempted ? "failed" : "sent" };
}
