// What GET /api/metrics serves: the process registry (request histogram,
// default process metrics) and gauges of the queues and database connections
// read at scrape time.
import crypto from "node:crypto";
import client from "prom-client";
import type { Db } from "@/lib/db";
import { clockNow } from "@/lib/clock";
import { connectionCounts } from "./database";
import { promState } from "./prometheus";
import { queueStats } from "./queues";

export function metricsTokenOk(header: string | null, token: string) {
  const got = header?.startsWith("Bearer ") ? header.slice(7) : "";
  const a = crypto.createHash("sha256").update(got).digest();
  const b = crypto.createHash("sha256").update(token).digest();
  return got.length > 0 && crypto.timingSafeEqual(a, b);
}

export async function metricsText(db: Db) {
  const now = clockNow();
  const [queues, conns] = await Promise.all([queueStats(db, new Date(now.getTime() - 3_600_000), now, now), connectionCounts(db)]);
  const scrape = new client.Registry();
  const gauge = (name: string, help: string, labels: string[] = []) => new client.Gauge({ name, help, labelNames: labels, registers: [scrape] });
  const pending = gauge("app_queue_pending", "Items waiting in a queue", ["queue"]);
  const processing = gauge("app_queue_processing", "Items being processed", ["queue"]);
  const oldest = gauge("app_queue_oldest_wait_seconds", "Age of the oldest waiting item", ["queue"]);
  const failed = gauge("app_queue_failed_last_hour", "Items failed in the last hour", ["queue"]);
  for (const q of queues.filter((q) => q.available)) {
    pending.set({ queue: q.name }, q.pending ?? 0);
    processing.set({ queue: q.name }, q.processing ?? 0);
    oldest.set({ queue: q.name }, q.oldest_wait_s ?? 0);
    failed.set({ queue: q.name }, q.failed ?? 0);
  }
  gauge("app_db_connections_in_use", "Client connections to the PostgreSQL server").set(conns.in_use);
  gauge("app_db_connections_max", "max_connections of the PostgreSQL server").set(conns.max);
  const merged = client.Registry.merge([promState().registry, scrape]);
  return { body: await merged.metrics(), contentType: merged.contentType };
}
