// Alert rules: create, read (with state and history), update, delete. The
// page and /api/v1/admin/alerts call these.
import type { Db } from "@/lib/db";
import type { AlertEvent, AlertRule } from "@/lib/generated/prisma/client";
import type { AlertRuleInput } from "@/lib/validation/health";

function toData(r: AlertRuleInput) {
  return {
    name: r.name, metric: r.metric, route: r.route ?? null, queue: r.queue ?? null, service: r.service ?? null,
    windowMinutes: r.window_minutes, comparator: r.comparator, threshold: r.threshold,
    pendingMinutes: r.pending_minutes, keepFiringMinutes: r.keep_firing_minutes, minSamples: r.min_samples,
    noData: r.no_data, severity: r.severity, recipients: r.recipients, webhookUrl: r.webhook_url ?? null,
    silencedUntil: r.silenced_until ? new Date(r.silenced_until) : null, cooldownMinutes: r.cooldown_minutes,
  };
}

export function ruleJson(r: AlertRule) {
  return {
    id: r.id, name: r.name, metric: r.metric, route: r.route, queue: r.queue, service: r.service,
    window_minutes: r.windowMinutes, comparator: r.comparator, threshold: r.threshold,
    pending_minutes: r.pendingMinutes, keep_firing_minutes: r.keepFiringMinutes, min_samples: r.minSamples,
    no_data: r.noData, severity: r.severity, recipients: r.recipients, webhook_url: r.webhookUrl,
    silenced_until: r.silencedUntil?.toISOString() ?? null, cooldown_minutes: r.cooldownMinutes,
    state: r.state, state_since: r.stateSince.toISOString(), last_value: r.lastValue, last_samples: r.lastSamples,
    last_error: r.lastError, last_evaluated_at: r.lastEvaluatedAt?.toISOString() ?? null,
    created_at: r.createdAt.toISOString(), updated_at: r.updatedAt.toISOString(),
  };
}
export type AlertRuleJson = ReturnType<typeof ruleJson>;

export function eventJson(e: AlertEvent) {
  return {
    id: e.id, at: e.at.toISOString(), from: e.fromState, to: e.toState, value: e.value, samples: e.samples, message: e.message,
    notification: e.notification, delivery: e.delivery, emails: e.emails, webhook_status: e.webhookStatus,
  };
}

export async function listRules(db: Db) {
  const rules = await db.alertRule.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return { alerts: rules.map(ruleJson) };
}

export async function createRule(db: Db, input: AlertRuleInput) {
  return ruleJson(await db.alertRule.create({ data: toData(input) }));
}

/** The rule with its state and its last 50 transitions; null when there is none. */
export async function getRule(db: Db, id: string) {
  const rule = await db.alertRule.findUnique({ where: { id }, include: { events: { orderBy: { at: "desc" }, take: 50 } } });
  if (!rule) return null;
  return { ...ruleJson(rule), history: rule.events.map(eventJson) };
}

/** Replaces the rule's settings; its state and history stay (the next tick judges it by the new settings). */
export async function updateRule(db: Db, id: string, input: AlertRuleInput) {
  const r = await db.alertRule.updateMany({ where: { id }, data: { ...toData(input), updatedAt: new Date() } });
  return r.count ? getRule(db, id) : null;
}

export async function deleteRule(db: Db, id: string) {
  return (await db.alertRule.deleteMany({ where: { id } })).count > 0;
}

/** Every rule with its last `n` transitions (the alerts page), in two queries. */
export async function rulesWithHistory(db: Db, n = 5) {
  const rules = await db.alertRule.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const events = rules.length
    ? await db.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM (SELECT id, row_number() OVER (PARTITION BY rule_id ORDER BY at DESC) AS k FROM alert_events) e WHERE k <= ${n}`
    : [];
  const rows = events.length ? await db.alertEvent.findMany({ where: { id: { in: events.map((e) => e.id) } }, orderBy: { at: "desc" } }) : [];
  return rules.map((r) => ({ ...ruleJson(r), history: rows.filter((e) => e.ruleId === r.id).map(eventJson) }));
}
