// Schemas of the system health endpoints (issue 10): the dashboard query and the alert rules.
import { z } from "zod";
import { QUEUES } from "@/lib/health/queues";
import { SERVICES } from "@/lib/health/external";

export const healthQuery = z.object({
  window: z.enum(["1h", "24h", "7d"]).default("1h"),
  /** Drill-down: a route template and its method. */
  route: z.string().min(1).max(300).startsWith("/").optional(),
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]).optional(),
});
export type HealthQuery = z.infer<typeof healthQuery>;

export const ALERT_METRICS = [
  "route_p95_ms", "route_p99_ms", "route_5xx_rate", "request_rate", "queue_depth", "oldest_job_age_s", "db_connections", "storage_bytes", "external_down", "rollup_drift",
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

const queueName = z.enum(QUEUES.map((q) => q.name) as [string, ...string[]]);
const serviceName = z.enum(SERVICES.map((s) => s.name) as [string, ...string[]]);

const ruleFields = z.object({
  name: z.string().trim().min(1).max(200),
  metric: z.enum(ALERT_METRICS),
  /** A route template (`/api/v1/admin/alerts/[id]`); absent = every route. Route metrics only. */
  route: z.string().min(1).max(300).startsWith("/").nullish(),
  /** Queue metrics: one queue; absent = every queue. */
  queue: queueName.nullish(),
  /** external_down: one service; absent = every configured service. */
  service: serviceName.nullish(),
  window_minutes: z.number().int().min(1).max(1440),
  comparator: z.enum(["gt", "gte", "lt", "lte"]),
  threshold: z.number().finite(),
  pending_minutes: z.number().int().min(0).max(1440).default(0),
  keep_firing_minutes: z.number().int().min(0).max(1440).default(0),
  min_samples: z.number().int().min(0).max(1_000_000).default(1),
  no_data: z.enum(["ok", "keep", "alerting"]).default("ok"),
  severity: z.enum(["info", "warning", "critical"]).default("warning"),
  recipients: z.array(z.email().max(320)).max(20).default([]),
  webhook_url: z.url({ protocol: /^https?$/ }).max(500).nullish(),
  silenced_until: z.iso.datetime({ offset: true }).nullish(),
  cooldown_minutes: z.number().int().min(0).max(10080).default(0),
});

const routeMetrics: AlertMetric[] = ["route_p95_ms", "route_p99_ms", "route_5xx_rate", "request_rate"];
const queueMetrics: AlertMetric[] = ["queue_depth", "oldest_job_age_s"];

function checkTargets(r: { metric: AlertMetric; route?: string | null; queue?: string | null; service?: string | null }, ctx: z.RefinementCtx) {
  if (r.route && !routeMetrics.includes(r.metric)) ctx.addIssue({ code: "custom", path: ["route"], message: `only for ${routeMetrics.join(", ")}` });
  if (r.queue && !queueMetrics.includes(r.metric)) ctx.addIssue({ code: "custom", path: ["queue"], message: `only for ${queueMetrics.join(", ")}` });
  if (r.service && r.metric !== "external_down") ctx.addIssue({ code: "custom", path: ["service"], message: "only for external_down" });
}

export const alertRuleBody = ruleFields.superRefine(checkTargets);
export type AlertRuleInput = z.infer<typeof alertRuleBody>;

export const alertIdParams = z.object({ id: z.uuid() });
