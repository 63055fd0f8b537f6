// Answers of the system health dashboard and the alert rules (lib/health).
import { z } from "zod";

const ruleFields = {
  id: z.string(),
  name: z.string(),
  metric: z.string(),
  route: z.string().nullable(),
  queue: z.string().nullable(),
  service: z.string().nullable(),
  window_minutes: z.number(),
  comparator: z.string(),
  threshold: z.number(),
  pending_minutes: z.number(),
  keep_firing_minutes: z.number(),
  min_samples: z.number(),
  no_data: z.string(),
  severity: z.string(),
  recipients: z.array(z.string()),
  webhook_url: z.string().nullable(),
  silenced_until: z.string().nullable(),
  cooldown_minutes: z.number(),
  state: z.string().meta({ description: "normal, pending, firing, recovering, no_data or error." }),
  state_since: z.string(),
  last_value: z.number().nullable(),
  last_samples: z.number().nullable(),
  last_error: z.string().nullable(),
  last_evaluated_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
};

export const alertRule = z.object(ruleFields).meta({ id: "AlertRule" });

const alertEvent = z.object({
  id: z.string(),
  at: z.string(),
  from: z.string(),
  to: z.string(),
  value: z.number().nullable(),
  samples: z.number().nullable(),
  message: z.string().nullable(),
  notification: z.string().nullable(),
  delivery: z.string().nullable(),
  emails: z.number(),
  webhook_status: z.string().nullable(),
});

export const alertRuleList = z.object({ alerts: z.array(alertRule) });

/** POST answers the rule; GET and PUT the rule with its last 50 state changes. */
export const alertAnswer = z.object({
  alert: z.object({ ...ruleFields, history: z.array(alertEvent).optional().meta({ description: "The last 50 state changes, newest first (GET and PUT)." }) }).meta({ id: "AlertRuleWithHistory" }),
});

const ms = z.number().nullable();
const latency = { p50_ms: ms, p95_ms: ms, p99_ms: ms, samples: z.number(), mean_ms: ms, max_ms: ms };
const pct = z.number().nullable().meta({ description: "Percent of requests." });

export const healthOverview = z
  .object({
    window: z.enum(["1h", "24h", "7d"]),
    from: z.string(),
    to: z.string(),
    generated_at: z.string(),
    point_seconds: z.number().meta({ description: "Seconds per series point." }),
    latency_note: z.object({ relative_error: z.number(), text: z.string() }),
    api: z.object({
      totals: z.object({ requests: z.number(), ...latency, errors_4xx: z.number(), errors_5xx: z.number(), rate_4xx: pct, rate_5xx: pct }),
      routes: z.array(
        z.object({
          route: z.string().meta({ description: "Route template, e.g. /api/v1/admin/alerts/[id]." }),
          method: z.string(),
          requests: z.number(),
          ...latency,
          errors_4xx: z.number(),
          errors_5xx: z.number(),
          rate_4xx: pct,
          rate_5xx: pct,
          series: z.array(z.object({ t: z.string(), requests: z.number(), p95_ms: ms })),
        }),
      ),
      slowest: z.array(z.object({ route: z.string(), method: z.string(), p95_ms: ms, samples: z.number() })),
      most_failing: z.array(z.object({ route: z.string(), method: z.string(), rate_5xx: pct, errors_5xx: z.number(), requests: z.number() })),
    }),
    route_detail: z
      .object({
        route: z.string(),
        method: z.string(),
        requests: z.number(),
        ...latency,
        histogram: z.array(z.object({ from_ms: z.number(), to_ms: z.number().nullable(), count: z.number() })),
        status_classes: z.record(z.string(), z.number()).meta({ description: "Requests by status class (2xx, 4xx, …)." }),
        series: z.array(z.object({ t: z.string(), requests: z.number(), p95_ms: ms, error_rate_5xx: pct, p50_ms: ms, p99_ms: ms })),
      })
      .nullable()
      .meta({ description: "With route and method: that route's drill-down; else null." }),
    database: z.object({
      connections: z.object({ in_use: z.number(), this_database: z.number(), max: z.number() }),
      cache_hit_ratio: z.number().nullable(),
      transactions_per_second: z.number().nullable(),
      transactions_note: z.string(),
      size_bytes: z.number(),
      largest_tables: z.array(z.object({ name: z.string(), bytes: z.number() })),
      running: z.array(z.object({ pid: z.number(), seconds: z.number(), state: z.string(), query: z.string() })),
      statements: z.object({
        available: z.boolean(),
        reason: z.string().nullable(),
        slowest: z.array(z.object({ query: z.string(), calls: z.number(), mean_ms: z.number(), total_ms: z.number(), rows: z.number() })),
      }),
    }),
    queues: z.array(
      z.object({
        name: z.string(),
        label: z.string(),
        note: z.string().nullable(),
        available: z.boolean(),
        pending: z.number().nullable(),
        processing: z.number().nullable(),
        oldest_wait_s: z.number().nullable(),
        finished: z.number().nullable(),
        finished_per_minute: z.number().nullable(),
        failed: z.number().nullable(),
      }),
    ),
    storage: z.object({
      files: z.object({
        store: z.enum(["local", "s3"]),
        available: z.boolean(),
        bytes: z.number().nullable(),
        count: z.number().nullable(),
        oldest: z.string().nullable(),
        error: z.string().nullable(),
      }),
      database_bytes: z.number(),
      events: z.object({ bytes: z.number(), partitions: z.array(z.object({ name: z.string(), bytes: z.number(), bound: z.string().nullable() })) }),
      total_bytes: z.number(),
    }),
    external: z.array(
      z.object({
        name: z.string(),
        label: z.string(),
        configured: z.boolean(),
        status: z.enum(["not_configured", "unknown", "up", "down"]),
        last_check_at: z.string().nullable(),
        last_success_at: z.string().nullable(),
        last_error_at: z.string().nullable(),
        last_error: z.string().nullable(),
        latency_ms: z.number().nullable(),
      }),
    ),
    rollups: z.object({
      daily_metrics_through: z.string().nullable(),
      days_behind: z.number().nullable(),
      last_aggregate_at: z.string().nullable(),
      last_aggregate_status: z.string().nullable(),
      last_reconcile_at: z.string().nullable(),
      drift_last_reconcile: z.number().nullable(),
      drift_last_7_days: z.number(),
    }),
  })
  .meta({ id: "HealthOverview" });
