// What each rule measures at a tick. Readings are computed once per kind
// for all rules (one read of the request minutes, one of the queues…), so a
// tick stays cheap with hundreds of rules.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import type { AlertRule } from "@/lib/generated/prisma/client";
import { connectionCounts } from "../database";
import { externalPanel } from "../external";
import { rollupPanel } from "../freshness";
import { addCsvInto, addInto, emptyHist, percentile, type Hist } from "../histogram";
import { queueStats } from "../queues";
import { storagePanel } from "../storage";
import type { Reading } from "./state";

type MinuteRow = { minute: Date; route: string; status_class: number; buckets: string; count: number; sum_ms: number; max_ms: number };

const ROUTE_METRICS = new Set(["route_p95_ms", "route_p99_ms", "route_5xx_rate", "request_rate"]);

/** Readings for every rule at `now` (the tick's minute): windows are [now − window_minutes, now). */
export async function readingsFor(db: Db, rules: AlertRule[], now: Date): Promise<Map<string, Reading>> {
  const out = new Map<string, Reading>();
  const lazy = <T>(fn: () => Promise<T>) => {
    let p: Promise<T> | null = null;
    return () => (p ??= fn());
  };
  const routeRules = rules.filter((r) => ROUTE_METRICS.has(r.metric));
  const maxWindow = Math.max(0, ...routeRules.map((r) => r.windowMinutes));
  const minutes = lazy(() => db.$queryRaw<MinuteRow[]>(Prisma.sql`
    SELECT minute, route, status_class::int AS status_class, array_to_string(buckets, ',') AS buckets, count, sum_ms, max_ms
    FROM request_metrics WHERE minute >= ${new Date(now.getTime() - maxWindow * 60_000)} AND minute < ${now}`));
  const queues = lazy(() => queueStats(db, new Date(now.getTime() - 3_600_000), now, now));
  const external = lazy(() => externalPanel(db));
  const connections = lazy(() => connectionCounts(db));
  const storage = lazy(() => storagePanel(db));
  const rollups = lazy(() => rollupPanel(db, now));
  // Each row's buckets parsed once, however many rules read it.
  const parsedRows = new WeakMap<MinuteRow, Hist>();
  const parsed = (row: MinuteRow) => {
    let h = parsedRows.get(row);
    if (!h) {
      h = emptyHist();
      addCsvInto(row.buckets, row.count, row.sum_ms, row.max_ms, h);
      parsedRows.set(row, h);
    }
    return h;
  };
  // Merged histograms per (route or all, window), shared by the rules that ask the same.
  const merged = new Map<string, { hist: Hist; c5: number }>();
  const mergedFor = async (route: string | null, window: number) => {
    const key = `${window}|${route ?? ""}`;
    let m = merged.get(key);
    if (!m) {
      const since = now.getTime() - window * 60_000;
      m = { hist: emptyHist(), c5: 0 };
      for (const row of await minutes()) {
        if (row.minute.getTime() < since || (route && row.route !== route)) continue;
        addInto(m.hist, parsed(row));
        if (row.status_class === 5) m.c5 += row.count;
      }
      merged.set(key, m);
    }
    return m;
  };

  for (const rule of rules) {
    try {
      out.set(rule.id, await readingOf(rule));
    } catch (err) {
      out.set(rule.id, { kind: "error", message: (err as Error).message.slice(0, 500) });
    }
  }
  return out;

  async function readingOf(rule: AlertRule): Promise<Reading> {
    const value = (v: number | null, samples: number | null = null): Reading =>
      v == null || (samples != null && samples < rule.minSamples)
        ? { kind: "no_data", samples }
        : { kind: "value", value: v, samples };
    switch (rule.metric) {
      case "route_p95_ms":
      case "route_p99_ms": {
        const m = await mergedFor(rule.route, rule.windowMinutes);
        return value(percentile(m.hist, rule.metric === "route_p95_ms" ? 0.95 : 0.99), m.hist.count);
      }
      case "route_5xx_rate": {
        const m = await mergedFor(rule.route, rule.windowMinutes);
        return value(m.hist.count ? (m.c5 / m.hist.count) * 100 : null, m.hist.count);
      }
      case "request_rate": {
        const m = await mergedFor(rule.route, rule.windowMinutes);
        return value(m.hist.count / rule.windowMinutes, m.hist.count);
      }
      case "queue_depth":
      case "oldest_job_age_s": {
        const qs = (await queues()).filter((q) => q.available && (!rule.queue || q.name === rule.queue));
        if (!qs.length) return { kind: "no_data", samples: null };
        if (rule.metric === "queue_depth") return value(qs.reduce((s, q) => s + (q.pending ?? 0) + (q.processing ?? 0), 0));
        return value(Math.max(0, ...qs.map((q) => q.oldest_wait_s ?? 0)));
      }
      case "db_connections":
        return value((await connections()).in_use);
      case "storage_bytes":
        return value((await storage()).total_bytes);
      case "external_down": {
        const svc = (await external()).filter((s) => s.configured && s.status !== "unknown" && (!rule.service || s.name === rule.service));
        if (!svc.length) return { kind: "no_data", samples: 0 };
        return value(svc.filter((s) => s.status === "down").length, svc.length);
      }
      case "rollup_drift": {
        const r = await rollups();
        return value(r.drift_last_reconcile);
      }
      default:
        throw new Error(`unknown metric ${rule.metric}`);
    }
  }
}
