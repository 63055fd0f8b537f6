// One evaluation tick of every alert rule (the evaluate-alerts job, every
// minute, one run per slot through the job layer). Each rule's reading goes
// through the state machine (state.ts); a transition is written with the
// value seen, guarded on the state it came from, so a transition — and its
// notification — happens once even if two evaluations of a tick overlap.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import { kickWebhookDelivery } from "@/lib/webhooks/emit";
import { emitAlertEvent } from "@/lib/webhooks/emitters";
import { readingsFor } from "./readings";
import { notify } from "./notify";
import { step, type AlertState } from "./state";

export type EvaluateResult = { rules: number; transitions: number; notifications: number };

export async function evaluateAlerts(db: Db, at: Date, opts: { fetch?: typeof fetch } = {}): Promise<EvaluateResult> {
  const now = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
  const rules = await db.alertRule.findMany({ where: { OR: [{ lastEvaluatedAt: null }, { lastEvaluatedAt: { lt: now } }] } });
  if (!rules.length) return { rules: 0, transitions: 0, notifications: 0 };
  const readings = await readingsFor(db, rules, now);
  const quiet: { id: string; value: number | null; samples: number | null; error: string | null }[] = [];
  const moves: { rule: (typeof rules)[number]; to: string; notification: "firing" | "resolved" | null; value: number | null; samples: number | null; error: string | null; message: string | null; settled: string | null }[] = [];
  for (const rule of rules) {
    const reading = readings.get(rule.id)!;
    const value = reading.kind === "value" ? reading.value : null;
    const samples = reading.kind === "error" ? null : reading.samples;
    const error = reading.kind === "error" ? reading.message : null;
    const next = step({ ...rule, state: rule.state as AlertState }, reading, now);
    if (!next) quiet.push({ id: rule.id, value, samples, error });
    else {
      const message = error ?? (reading.kind === "no_data" ? `no data (${samples ?? 0} samples, ${rule.minSamples} needed)` : null);
      // A notification with nowhere to go is settled here, in the same write.
      const channels = rule.recipients.length > 0 || !!rule.webhookUrl;
      const settled = next.notification && !channels ? (rule.silencedUntil && rule.silencedUntil > now ? "silenced" : "none") : null;
      moves.push({ rule, to: next.to, notification: next.notification, value, samples, error, message, settled });
    }
  }
  // Every transition in one statement: a rule moves only from the state this
  // tick read (another evaluation that moved it first wins), and each move
  // that happened gets its event.
  // Webhooks: each firing / resolved transition emits alert.firing / alert.resolved in the same transaction.
  let emitted = 0;
  const events = moves.length
    ? await db.$transaction(async (tx) => {
      const moved = await tx.$queryRaw<{ id: string; rule_id: string }[]>(Prisma.sql`
        WITH q AS (
          SELECT * FROM unnest(${moves.map((m) => m.rule.id)}::uuid[], ${moves.map((m) => m.rule.state)}::text[], ${moves.map((m) => m.rule.stateSince)}::timestamptz[],
                               ${moves.map((m) => m.to)}::text[], ${moves.map((m) => m.value)}::float8[], ${moves.map((m) => m.samples)}::int[],
                               ${moves.map((m) => m.error)}::text[], ${moves.map((m) => m.message)}::text[], ${moves.map((m) => m.notification)}::text[], ${moves.map((m) => m.settled)}::text[])
            AS q(id, from_state, since, to_state, value, samples, error, message, notification, delivery)
        ), moved AS (
          UPDATE alert_rules r SET state = q.to_state, state_since = ${now}, last_value = q.value, last_samples = q.samples, last_error = q.error, last_evaluated_at = ${now}
          FROM q WHERE r.id = q.id AND r.state = q.from_state AND r.state_since = q.since
          RETURNING r.id
        )
        INSERT INTO alert_events (rule_id, at, from_state, to_state, value, samples, message, notification, delivery)
        SELECT q.id, ${now}, q.from_state, q.to_state, q.value, q.samples, q.message, q.notification, q.delivery FROM q JOIN moved USING (id)
        RETURNING id::text, rule_id::text`);
      for (const e of moved) {
        if (moves.find((x) => x.rule.id === e.rule_id)?.notification) emitted += (await emitAlertEvent(tx, e.id)).deliveries;
      }
      return moved;
    })
    : [];
  let notifications = 0;
  for (const e of events) {
    const m = moves.find((x) => x.rule.id === e.rule_id)!;
    if (!m.notification || m.settled) continue;
    const delivery = await deliver(db, m.rule, e.id, m.notification, m.value, now, opts.fetch);
    if (delivery.delivery === "sent") notifications++;
  }
  const transitions = events.length;
  if (quiet.length) {
    await db.$executeRaw(Prisma.sql`
      UPDATE alert_rules r SET last_value = q.value, last_samples = q.samples, last_error = q.error, last_evaluated_at = ${now}
      FROM unnest(${quiet.map((q) => q.id)}::uuid[], ${quiet.map((q) => q.value)}::float8[], ${quiet.map((q) => q.samples)}::int[], ${quiet.map((q) => q.error)}::text[])
        AS q(id, value, samples, error)
      WHERE r.id = q.id`);
  }
  // after the rule's own email and webhook went out: starting the webhooks job must not delay them
  if (emitted > 0) await kickWebhookDelivery(db);
  return { rules: rules.length, transitions, notifications };
}

/** Sends (or holds back, and says why) the notification of one transition, and records the outcome on its event. */
async function deliver(db: Db, rule: Awaited<ReturnType<Db["alertRule"]["findMany"]>>[number], eventId: string, kind: "firing" | "resolved", value: number | null, now: Date, fetchImpl?: typeof fetch) {
  let held: "silenced" | "cooldown" | null = null;
  if (rule.silencedUntil && rule.silencedUntil > now) held = "silenced";
  else if (kind === "firing" && rule.cooldownMinutes > 0 && rule.lastFiredNoticeAt && now.getTime() - rule.lastFiredNoticeAt.getTime() < rule.cooldownMinutes * 60_000) held = "cooldown";
  else if (kind === "resolved") {
    // A resolution is announced only when its incident's firing was.
    const fired = await db.alertEvent.findFirst({ where: { ruleId: rule.id, notification: "firing", id: { not: eventId } }, orderBy: { at: "desc" } });
    if (fired?.delivery !== "sent" && fired?.delivery !== "none") held = fired?.delivery === "cooldown" ? "cooldown" : "silenced";
  }
  if (held) {
    await db.alertEvent.update({ where: { id: eventId }, data: { delivery: held } });
    return { delivery: held };
  }
  if (rule.recipients.length === 0 && !rule.webhookUrl) {
    await db.alertEvent.update({ where: { id: eventId }, data: { delivery: "none" } });
    return { delivery: "none" as const };
  }
  const r = await notify(db, rule, eventId, kind, value, now, fetchImpl);
  await db.alertEvent.update({ where: { id: eventId }, data: { delivery: r.delivery, emails: r.emails, webhookStatus: r.webhook } });
  if (kind === "firing") await db.alertRule.update({ where: { id: rule.id }, data: { lastFiredNoticeAt: now } });
  return r;
}
