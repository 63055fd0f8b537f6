// The events page's numbers on a generated month of events: funnels (conversion
// per step, median time between steps) computed independently in plain
// TypeScript over the generated rows; counts, unique users and top pages
// against plain SQL over analytics_events; the rollup reconciliation; and
// partition creation and the retention drop.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type Db } from "@/lib/db";
import { eventCounts, eventFunnel, eventTail } from "@/lib/events/analysis";
import { dropExpiredEventPartitions } from "@/lib/events/partitions";
import { rebuildEventRollups } from "@/lib/events/rollups";
import { writeEvents, type StoredEvent } from "@/lib/events/write";
import { ensureEventPartitions } from "@/lib/rollups";
import { mulberry32 } from "../helpers/fake-data";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let tdb: TestDatabase;
let db: Db;
const NOW = new Date("2026-11-20T12:00:00Z");
const START = new Date("2026-11-01T00:00:00Z"); // the month period's start (UTC)
const rows: StoredEvent[] = [];

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await tdb.pool.query(text, params)).rows as T[];
}

const STEPS = ["upload_initiated", "upload_completed", "payment_completed"];
const PROPS: Record<string, Record<string, unknown>> = {
  upload_initiated: { output_types: ["blog_post"] },
  upload_completed: { file_size: 1000, duration: 60 },
  payment_completed: { amount: 10, method: "card" },
  page_view: { url: "/x" },
};

/** Who an event is (METRICS.md "Events"): the user, else the anonymous id, else the session. */
const actorOf = (e: StoredEvent) => e.userId ?? (e.anonymousId ? `a:${e.anonymousId}` : e.sessionId ? `s:${e.sessionId}` : null);

function generate() {
  const rnd = mulberry32(11);
  const HOUR = 3600_000;
  for (let a = 0; a < 400; a++) {
    const kind = a % 5; // 0-2 users, 3 anonymous, 4 session only
    const who = {
      userId: kind < 3 ? crypto.randomUUID() : null,
      anonymousId: kind === 3 ? `anon-${a}` : null,
      sessionId: kind === 4 ? `sess-${a}` : `s-${a}`,
    };
    const add = (type: string, at: number, url?: string) => {
      if (at > NOW.getTime()) return;
      rows.push({
        id: crypto.randomUUID(), eventType: type, data: type === "page_view" ? { url, referrer: a % 3 ? "https://www.google.com/?q=1" : null } : PROPS[type],
        createdAt: new Date(at), ...who, pageUrl: type === "page_view" ? url! : null, referrer: type === "page_view" && a % 3 ? "https://www.google.com/?q=1" : null,
        userAgent: null, ip: null,
      });
    };
    // step 1 anywhere from 12 days before the month to now; sometimes twice
    let t = START.getTime() - 12 * 24 * HOUR + rnd() * (NOW.getTime() - START.getTime() + 12 * 24 * HOUR);
    add("upload_initiated", t);
    if (rnd() < 0.3) add("upload_initiated", t + rnd() * 48 * HOUR);
    // step 2: mostly soon after; some after the 7-day window; some before step 1 (does not count)
    const r2 = rnd();
    if (r2 < 0.6) add("upload_completed", (t += rnd() * 30 * HOUR));
    else if (r2 < 0.7) add("upload_completed", (t += 8 * 24 * HOUR));
    else if (r2 < 0.8) add("upload_completed", t - HOUR);
    // step 3 after step 2 (within the window of step 1 or not)
    if (r2 < 0.7 && rnd() < 0.7) add("payment_completed", t + rnd() * 5 * 24 * HOUR);
    for (let p = 0; p < 1 + Math.floor(rnd() * 4); p++) add("page_view", START.getTime() + rnd() * (NOW.getTime() - START.getTime()), `/page/${Math.floor(rnd() * 6)}?utm=${p}`);
  }
}

/** The funnel as METRICS.md defines it, in plain TypeScript over the generated rows. */
function expectedFunnel(steps: string[], windowDays: number) {
  const windowMs = windowDays * 86_400_000;
  const byActor = new Map<string, StoredEvent[]>();
  for (const e of rows) {
    const k = actorOf(e);
    if (k) byActor.set(k, [...(byActor.get(k) ?? []), e]);
  }
  const reached = steps.map(() => 0);
  const gaps: number[][] = steps.map(() => []);
  for (const events of byActor.values()) {
    const firsts = events.filter((e) => e.eventType === steps[0] && e.createdAt >= START && e.createdAt < NOW).map((e) => e.createdAt.getTime());
    if (!firsts.length) continue;
    const t1 = Math.min(...firsts);
    let prev = t1;
    reached[0]++;
    for (let k = 1; k < steps.length; k++) {
      const next = events.filter((e) => e.eventType === steps[k] && e.createdAt.getTime() >= prev && e.createdAt.getTime() <= t1 + windowMs).map((e) => e.createdAt.getTime());
      if (!next.length) break;
      const t = Math.min(...next);
      reached[k]++;
      gaps[k].push((t - prev) / 1000);
      prev = t;
    }
  }
  const median = (xs: number[]) => {
    if (!xs.length) return null;
    const s = [...xs].sort((a, b) => a - b);
    const m = (s.length - 1) / 2;
    return Math.round((s[Math.floor(m)] + s[Math.ceil(m)]) / 2);
  };
  return steps.map((event_type, k) => ({
    event_type,
    actors: reached[k],
    conversion: reached[0] ? Math.round((reached[k] / reached[0]) * 1000) / 10 : null,
    step_conversion: k === 0 ? null : reached[k - 1] ? Math.round((reached[k] / reached[k - 1]) * 1000) / 10 : null,
    median_seconds_from_previous: k === 0 ? null : median(gaps[k]),
  }));
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = createPrisma(tdb.url, 4);
  generate();
  for (let i = 0; i < rows.length; i += 500) await writeEvents(db, rows.slice(i, i + 500), []);
});
afterAll(async () => {
  await db?.$disconnect();
  await tdb?.drop();
});

describe("funnels", () => {
  it("three steps: conversion per step and median time between steps equal the plain computation", async () => {
    const f = await eventFunnel(db, { period: "month", steps: STEPS, windowDays: 7, now: NOW });
    const expected = expectedFunnel(STEPS, 7);
    expect(expected[0].actors).toBeGreaterThan(100);
    expect(expected[2].actors).toBeGreaterThan(10);
    expect(f.steps).toEqual(expected);
  });

  it("a shorter window and two steps", async () => {
    const steps = STEPS.slice(0, 2);
    const f = await eventFunnel(db, { period: "month", steps, windowDays: 1, now: NOW });
    expect(f.steps).toEqual(expectedFunnel(steps, 1));
  });

  it("an empty funnel answers zeros and nulls, not NaN", async () => {
    const f = await eventFunnel(db, { period: "day", steps: ["signup_started", "signup_completed"], windowDays: 7, now: NOW });
    expect(f.steps).toEqual([
      { event_type: "signup_started", actors: 0, conversion: null, step_conversion: null, median_seconds_from_previous: null },
      { event_type: "signup_completed", actors: 0, conversion: null, step_conversion: null, median_seconds_from_previous: null },
    ]);
  });
});

describe("counts", () => {
  it("by type, unique users and top pages/referrers equal SQL over analytics_events", async () => {
    const c = await eventCounts(db, { period: "month", now: NOW });
    const inMonth = `created_at >= '2026-11-01T00:00:00Z' AND created_at < '2026-11-21T00:00:00Z'`;
    const byType = await sql<{ event_type: string; events: number }>(`SELECT event_type, count(*)::int AS events FROM analytics_events WHERE ${inMonth} GROUP BY 1 ORDER BY 2 DESC, 1`);
    expect(c.by_type).toEqual(byType);
    expect(c.total).toBe(byType.reduce((a, b) => a + b.events, 0));
    const [u] = await sql<{ n: number }>(`SELECT count(DISTINCT coalesce(user_id::text, 'a:' || anonymous_id, 's:' || session_id))::int AS n FROM analytics_events WHERE ${inMonth}`);
    expect(c.unique_users).toBe(u.n);
    const pages = await sql<{ page: string; views: number }>(`
      SELECT split_part(page_url, '?', 1) AS page, count(*)::int AS views FROM analytics_events
      WHERE ${inMonth} AND event_type = 'page_view' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`);
    expect(c.top_pages).toEqual(pages);
    const refs = await sql<{ referrer: string; views: number }>(`
      SELECT split_part(referrer, '?', 1) AS referrer, count(*)::int AS views FROM analytics_events
      WHERE ${inMonth} AND event_type = 'page_view' AND referrer IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`);
    expect(c.top_referrers).toEqual(refs);
    expect(c.top_referrers[0].referrer).toBe("https://www.google.com/");
    // the series adds up to the totals
    expect(c.series.reduce((a, s) => a + s.events, 0)).toBe(c.total);
  });

  it("the day period counts hours from the base table", async () => {
    const c = await eventCounts(db, { period: "day", now: NOW });
    const [n] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM analytics_events WHERE created_at >= '2026-11-20T00:00:00Z' AND created_at < $1`, [NOW]);
    expect(c.series.reduce((a, s) => a + s.events, 0)).toBe(n.n);
    expect(c.series.every((s) => /^2026-11-20T\d\d:00Z$/.test(s.bucket))).toBe(true);
  });

  it("the live tail lists the newest events first", async () => {
    const t = await eventTail(db, { limit: 5, now: NOW });
    const newest = [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).slice(0, 5);
    expect(t.events.map((e) => e.id)).toEqual(newest.map((e) => e.id));
  });
});

describe("rollup reconciliation", () => {
  it("finds and repairs counts written around the writer", async () => {
    await sql(`INSERT INTO analytics_events (event_type, created_at, session_id) VALUES ('page_view', '2026-11-10T10:00:00Z', 'stray')`);
    const [before] = await sql<{ n: number }>(`SELECT sum(events)::int AS n FROM events_daily WHERE day = '2026-11-10' AND event_type = 'page_view'`);
    const r = await rebuildEventRollups(db, "2026-11-08", "2026-11-12");
    expect(r.drift).toEqual([{ day: "2026-11-10", event_type: "page_view", stored: before.n, recomputed: before.n + 1 }]);
    const [after] = await sql<{ n: number }>(`SELECT sum(events)::int AS n FROM events_daily WHERE day = '2026-11-10' AND event_type = 'page_view'`);
    expect(after.n).toBe(before.n + 1);
    expect((await rebuildEventRollups(db, "2026-11-08", "2026-11-12")).drift).toEqual([]);
  });
});

describe("partitions", () => {
  const parts = async () => (await sql<{ name: string }>(`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'analytics_events'::regclass AND c.relname ~ '_[0-9]{4}_[0-9]{2}$' ORDER BY 1`)).map((r) => r.name);

  it("the nightly job's step creates months ahead", async () => {
    const created = await ensureEventPartitions(db, new Date("2028-01-15T00:00:00Z"));
    expect(created).toBe(4); // 2028-01 … 2028-04 (the migration made up to 2027-12)
    expect(await parts()).toContain("analytics_events_2028_04");
  });

  it("drops the months past the retention with their dedupe keys and rollups, keeps the rest", async () => {
    const old = [{ at: "2025-02-10T00:00:00Z" }, { at: "2025-06-30T23:59:59Z" }];
    const kept = [{ at: "2025-12-01T00:00:00Z" }];
    const make = (at: string): StoredEvent => ({
      id: crypto.randomUUID(), eventType: "page_view", data: { url: "/old" }, createdAt: new Date(at), userId: null,
      anonymousId: "old", sessionId: null, pageUrl: "/old", referrer: null, userAgent: null, ip: null,
    });
    const oldRows = old.map((o) => make(o.at));
    const keptRows = kept.map((o) => make(o.at));
    await writeEvents(db, [...oldRows, ...keptRows], []);
    // now 2027-11-15, 25 months → cutoff 2025-10-15: every month ending by then goes
    const r = await dropExpiredEventPartitions(db, new Date("2027-11-15T00:00:00Z"), 25);
    expect(r.cutoff).toBe("2025-10-15T00:00:00.000Z");
    expect(r.partitions_dropped).toEqual(["2025_01", "2025_02", "2025_03", "2025_04", "2025_05", "2025_06", "2025_07", "2025_08", "2025_09"].map((m) => `analytics_events_${m}`));
    expect(await parts()).toContain("analytics_events_2025_10");
    expect(r.event_ids_deleted).toBe(2);
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM analytics_events WHERE id = ANY($1::uuid[])`, [[...oldRows, ...keptRows].map((e) => e.id)]);
    expect(n).toBe(1);
    const [{ d }] = await sql<{ d: number }>(`SELECT count(*)::int AS d FROM events_daily WHERE day < '2025-10-01'`);
    expect(d).toBe(0);
    const [{ k }] = await sql<{ k: number }>(`SELECT count(*)::int AS k FROM events_daily WHERE day = '2025-12-01'`);
    expect(k).toBe(1);
  });
});

describe("unique users across whole months and days", () => {
  it("a year (whole months from the month table, the rest from days) equals SQL", async () => {
    const c = await eventCounts(db, { period: "year", now: NOW });
    const [u] = await sql<{ n: number }>(`
      SELECT count(DISTINCT coalesce(user_id::text, 'a:' || anonymous_id, 's:' || session_id))::int AS n FROM analytics_events
      WHERE created_at >= '2026-01-01T00:00:00Z' AND created_at < '2026-11-21T00:00:00Z'`);
    expect(c.unique_users).toBe(u.n);
    expect(c.unique_users).toBeGreaterThan(300);
  });
});

describe("start-up backfill", () => {
  it("fills the rollups when their first day is missing, even if later days were written", async () => {
    const { backfillEventRollupsIfEmpty } = await import("@/lib/events/rollups");
    await sql(`DELETE FROM events_daily WHERE day < '2026-11-01'`);
    expect(await backfillEventRollupsIfEmpty(db)).not.toBeNull();
    const diff = await sql(`
      WITH r AS (SELECT day, event_type, sum(events)::int AS n FROM events_daily GROUP BY 1, 2),
           b AS (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, event_type, count(*)::int AS n FROM analytics_events GROUP BY 1, 2)
      SELECT * FROM r FULL JOIN b USING (day, event_type) WHERE r.n IS DISTINCT FROM b.n`);
    expect(diff).toEqual([]);
    expect(await backfillEventRollupsIfEmpty(db)).toBeNull();
  });
});
