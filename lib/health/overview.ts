// The system health dashboard (US-7.11): one function for the page and for
// GET /api/v1/admin/analytics/health.
import type { Db } from "@/lib/db";
import { clockNow } from "@/lib/clock";
import type { HealthQuery } from "@/lib/validation/health";
import { apiPanel, LATENCY_NOTE, routeDetail } from "./api-metrics";
import { databasePanel } from "./database";
import { externalPanel } from "./external";
import { rollupPanel } from "./freshness";
import { queueStats } from "./queues";
import { storagePanel } from "./storage";
import { WINDOWS, windowRange } from "./windows";

export async function healthOverview(db: Db, q: HealthQuery, now: Date = clockNow()) {
  const { from, to } = windowRange(q.window, now);
  const pointMs = WINDOWS[q.window].pointMs;
  const [api, detail, database, queues, storage, external, rollups] = await Promise.all([
    apiPanel(db, from, to, pointMs),
    q.route && q.method ? routeDetail(db, from, to, pointMs, q.route, q.method) : Promise.resolve(null),
    databasePanel(db),
    queueStats(db, from, to, now),
    storagePanel(db),
    externalPanel(db),
    rollupPanel(db, now),
  ]);
  return {
    window: q.window,
    from: from.toISOString(),
    to: to.toISOString(),
    generated_at: now.toISOString(),
    point_seconds: pointMs / 1000,
    latency_note: LATENCY_NOTE,
    api,
    route_detail: detail,
    database,
    queues,
    storage,
    external,
    rollups,
  };
}
export type HealthOverview = Awaited<ReturnType<typeof healthOverview>>;
