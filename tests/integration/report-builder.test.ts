// The custom report builder against a real PostgreSQL: for every catalog
// metric × every dimension it allows (and none), in UTC (closed days read
// from the rollup tables, today and missing days from the base tables) and
// in America/New_York (base tables, local days), the preview's rows and
// totals equal hand-written SQL over the generated data; each metric with an
// `in` and a `not_in` filter on each of its filter dimensions too. The
// expected SQL below is written from METRICS.md, not from the catalog.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { customReportPlan, previewReport } from "@/lib/reports/builder";
import { isTimeDimension, METRIC_IDS, METRICS, metricDimensions, type DimensionId, type MetricId } from "@/lib/reports/catalog";
import { reportConfigSchema } from "@/lib/validation/custom-reports";
import { NOW_A, prepareAdminDatabase } from "../helpers/admin-data";
import type { TestDatabase } from "../helpers/db";

let t: TestDatabase;
let db: Db;

beforeAll(async () => {
  ({ t, db } = await prepareAdminDatabase(12));
  // countries and events are not in the shared generator: spread users over four countries, add events (some anonymous)
  await t.pool.query(`UPDATE users SET country = (ARRAY['US','FR','DE','BR'])[1 + abs(hashtext(id::text)) % 4]`);
  await t.pool.query(`
    INSERT INTO analytics_events (user_id, event_type, created_at)
    SELECT CASE WHEN g % 7 = 0 THEN NULL ELSE (SELECT id FROM users ORDER BY id OFFSET (g * 37) % (SELECT count(*) FROM users) LIMIT 1) END,
           (ARRAY['page_view','upload_started','payout_requested'])[1 + g % 3],
           TIMESTAMPTZ '2025-12-20 00:00:00+00' + (g * interval '37 minutes 13 seconds')
    FROM generate_series(1, 5000) g`);
});
afterAll(async () => {
  await db?.$disconnect();
  await t?.drop();
});

// ---- the independent definitions: source rows, time column, subject user, value ----
type Src = { from: string; time: string; where: string; value: string; user: string; ot?: string; own?: Partial<Record<DimensionId, string>> };
const TX = { from: "payment_transactions t", time: "t.created_at", user: "t.uploader_id", own: { transaction_type: "t.type::text" } };
const ASG_DONE = { from: "assignments a", time: "a.completed_at", user: "a.creator_id", ot: "a.output_type_id" };
const REV = {
  from: "reviews r JOIN content_submissions s ON s.id = r.submission_id JOIN assignments a ON a.id = r.assignment_id",
  time: "r.completed_at", user: "a.creator_id", ot: "a.output_type_id", where: "TRUE",
};
const FLAGS = { from: "fraud_flags f", user: "f.user_id", own: { flag_type: "f.flag_type" }, where: "TRUE", value: "count(*)" };
const SRC: Partial<Record<MetricId, Src>> = {
  revenue: { ...TX, where: "t.status = 'succeeded' AND t.type = 'charge'", value: "COALESCE(sum(t.amount), 0)" },
  refunds: { ...TX, where: "t.status = 'succeeded' AND t.type = 'refund'", value: "COALESCE(sum(t.amount), 0)" },
  net_revenue: { ...TX, where: "t.status = 'succeeded'", value: "COALESCE(sum(CASE t.type WHEN 'charge' THEN t.amount ELSE -t.amount END), 0)" },
  transactions: { ...TX, where: "t.status = 'succeeded'", value: "count(*)" },
  payouts: { from: "payouts p", time: "p.completed_at", where: "p.status = 'completed'", value: "COALESCE(sum(p.amount), 0)", user: "p.creator_id", own: { payout_method: "p.method" } },
  new_uploaders: { from: "users n", time: "n.created_at", where: "n.role = 'uploader'", value: "count(*)", user: "n.id" },
  new_creators: { from: "users n", time: "n.created_at", where: "n.role = 'creator'", value: "count(*)", user: "n.id" },
  active_uploaders: {
    from: "uploads up JOIN users x ON x.id = up.uploader_id AND x.role = 'uploader'", time: "up.created_at", where: "TRUE",
    value: "count(DISTINCT up.uploader_id)", user: "up.uploader_id",
  },
  uploads: { from: "uploads up", time: "up.created_at", where: "TRUE", value: "count(*)", user: "up.uploader_id" },
  active_creators: {
    ...ASG_DONE, from: "assignments a JOIN users x ON x.id = a.creator_id AND x.role = 'creator'",
    where: "a.status IN ('approved', 'rejected')", value: "count(DISTINCT a.creator_id)",
  },
  assignments_created: { from: "assignments a", time: "a.created_at", where: "TRUE", value: "count(*)", user: "a.creator_id", ot: "a.output_type_id" },
  assignments_completed: { ...ASG_DONE, where: "a.status = 'approved'", value: "count(*)" },
  assignments_rejected: { ...ASG_DONE, where: "a.status = 'rejected'", value: "count(*)" },
  avg_rating: { ...REV, value: "round(avg(r.overall_score), 2)" },
  first_time_approval_rate: {
    ...REV, value: "round(100.0 * count(*) FILTER (WHERE r.decision = 'approved' AND s.version = 1) / NULLIF(count(*) FILTER (WHERE r.decision = 'approved'), 0), 1)",
  },
  revision_rate: { ...REV, value: "round(100.0 * count(*) FILTER (WHERE r.decision = 'revision_requested') / NULLIF(count(*), 0), 1)" },
  rejection_rate: { ...REV, value: "round(100.0 * count(*) FILTER (WHERE r.decision = 'rejected') / NULLIF(count(*), 0), 1)" },
  flags_created: { ...FLAGS, time: "f.created_at" },
  flags_resolved: { ...FLAGS, time: "f.resolved_at" },
  events: { from: "analytics_events e", time: "e.created_at", where: "TRUE", value: "count(*)", user: "e.user_id", own: { event_type: "e.event_type" } },
};
// composites: money in cents from their parts
const COMPOSITE: Partial<Record<MetricId, [MetricId | "earnings", 1 | -1][]>> = {
  margin: [["revenue", 1], ["refunds", -1], ["payouts", -1]],
  accrued_margin: [["revenue", 1], ["refunds", -1], ["earnings", -1]],
};
const EARNINGS: Src = { ...ASG_DONE, where: "a.status = 'approved'", value: "COALESCE(sum(a.creator_payout), 0)" };

// $1 = zone, $2 = start, $3 = end
function keySql(src: Src, d: DimensionId): string {
  const local = `(${src.time} AT TIME ZONE $1)`;
  const userCol = (c: string) => `(SELECT ${c} FROM users z WHERE z.id = ${src.user})`;
  switch (d) {
    case "day": return `to_char(${local}::date, 'YYYY-MM-DD')`;
    case "week": return `to_char((${local}::date - (extract(isodow FROM ${local})::int - 1)), 'YYYY-MM-DD')`;
    case "month": return `to_char(${local}, 'YYYY-MM')`;
    case "quarter": return `extract(year FROM ${local})::text || '-Q' || extract(quarter FROM ${local})::text`;
    case "output_type": return `(SELECT code FROM output_types o WHERE o.id = ${src.ot ?? "NULL::uuid"})`;
    case "creator_level": return `(SELECT l.name FROM users z JOIN creator_levels l ON l.id = z.creator_level_id WHERE z.id = ${src.user})`;
    case "country": return userCol("z.country::text");
    case "role": return userCol("z.role::text");
    case "uploader": case "creator": return userCol("z.email::text");
    case "signup_cohort": return userCol("to_char(z.created_at AT TIME ZONE $1, 'YYYY-MM')");
    default: {
      const own = src.own?.[d];
      if (!own) throw new Error(`the test has no SQL for dimension ${d} of this metric`);
      return own;
    }
  }
}

const NONE = "∅";
type Expected = { rows: Map<string, number | null>; total: number | null };

async function expectedFor(metric: MetricId, d: DimensionId | null, tz: string, range: [string, string], filter?: { d: DimensionId; op: "in" | "not_in"; v: string }): Promise<Expected> {
  const comp = COMPOSITE[metric];
  if (comp) {
    const parts = await Promise.all(comp.map(([m]) => expectedFor(m as MetricId, d, tz, range, filter)));
    const rows = new Map<string, number | null>();
    let total = 0;
    comp.forEach(([, sign], i) => {
      for (const [k, v] of parts[i].rows) rows.set(k, Math.round(((rows.get(k) ?? 0) as number) * 100 + sign * (v as number) * 100) / 100);
      total = Math.round(total * 100 + sign * (parts[i].total as number) * 100) / 100;
    });
    return { rows, total };
  }
  const src = metric === ("earnings" as MetricId) ? EARNINGS : SRC[metric]!;
  const where = [`${src.where}`, `${src.time} >= ($2::date::timestamp AT TIME ZONE $1)`, `${src.time} < $3::timestamptz`];
  const params: unknown[] = [tz, range[0], range[1]];
  if (filter) {
    params.push(filter.v);
    where.push(filter.op === "in" ? `${keySql(src, filter.d)} = $4` : `${keySql(src, filter.d)} IS DISTINCT FROM $4`);
  }
  const base = `FROM ${src.from} WHERE ${where.join(" AND ")}`;
  const [grouped, total] = await Promise.all([
    d ? t.pool.query(`SELECT ${keySql(src, d)} AS k, (${src.value})::float8 AS v ${base} GROUP BY 1`, params) : Promise.resolve({ rows: [] }),
    t.pool.query(`SELECT (${src.value})::float8 AS v ${base}`, params),
  ]);
  return { rows: new Map(grouped.rows.map((r: { k: string | null; v: number | null }) => [r.k ?? NONE, r.v])), total: total.rows[0].v };
}

const RANGE_DAYS = { start_date: "2026-01-01", end_date: "2026-04-02" };
// the end is capped at "now" (NOW_A, 10:15:30.250 UTC on 2 April): nothing later is counted
const END = NOW_A.toISOString();

function config(metric: MetricId, d: DimensionId | null, tz: string, filter?: { d: DimensionId; op: "in" | "not_in"; v: string }) {
  return reportConfigSchema.parse({
    metrics: [metric], date_range: RANGE_DAYS, timezone: tz, group_by: d ? [d] : [],
    filters: filter ? [{ dimension: filter.d, op: filter.op, values: [filter.v] }] : [],
  });
}

const additive = (m: MetricId) => ["money", "count"].includes(METRICS[m].unit);

describe.each(["UTC", "America/New_York"])("every metric × every allowed dimension, zone %s", (tz) => {
  for (const metric of METRIC_IDS) {
    it(`${metric}: rows and totals by each dimension equal hand-written SQL`, async () => {
      for (const d of [null, ...metricDimensions(metric)] as (DimensionId | null)[]) {
        const got = await previewReport(db, config(metric, d, tz), NOW_A);
        const exp = await expectedFor(metric, d, tz, [RANGE_DAYS.start_date, END]);
        const where = `${metric} by ${d ?? "nothing"} (${tz})`;
        expect(got.totals[metric], where).toEqual(exp.total);
        if (!d) {
          expect(got.rows, where).toEqual([{ [metric]: exp.total }]);
          continue;
        }
        const gotRows = new Map(got.rows.map((r) => [(r[d] as string | null) ?? NONE, r[metric]]));
        for (const [k, v] of exp.rows) expect(gotRows.get(k), `${where}: ${k}`).toEqual(v);
        // any other row is a filled, empty time bucket
        for (const [k, v] of gotRows) if (!exp.rows.has(k)) expect([isTimeDimension(d), v], `${where}: extra ${k}`).toEqual([true, additive(metric) ? 0 : null]);
        if (isTimeDimension(d)) expect(new Set(gotRows.keys()).size, where).toBe(gotRows.size);
      }
    });
  }
});

describe("filters", () => {
  for (const metric of METRIC_IDS) {
    it(`${metric}: totals with an in and a not_in filter on each filter dimension`, async () => {
      for (const d of metricDimensions(metric).filter((x) => !isTimeDimension(x))) {
        const all = await expectedFor(metric, d, "UTC", [RANGE_DAYS.start_date, END]);
        const v = [...all.rows.keys()].find((k) => k !== NONE);
        if (!v) continue;
        for (const op of ["in", "not_in"] as const) {
          const got = await previewReport(db, config(metric, null, "UTC", { d, op, v }), NOW_A);
          const exp = await expectedFor(metric, null, "UTC", [RANGE_DAYS.start_date, END], { d, op, v });
          expect(got.totals[metric], `${metric} ${d} ${op} ${v}`).toEqual(exp.total);
        }
      }
    });
  }
});

describe("rollups and buckets", () => {
  it("reads the rollup tables in UTC by time and the base tables otherwise", async () => {
    const utc = await previewReport(db, reportConfigSchema.parse({ metrics: ["revenue", "uploads", "avg_rating"], date_range: RANGE_DAYS, group_by: ["day"] }), NOW_A);
    expect(utc.rollups.sort()).toEqual(["reviews", "transactions", "uploads"]);
    expect(utc.rows).toHaveLength(92); // 1 Jan … 2 Apr, every day filled
    const byType = await previewReport(db, reportConfigSchema.parse({ metrics: ["revision_rate"], date_range: RANGE_DAYS, group_by: ["month", "output_type"] }), NOW_A);
    expect(byType.rollups).toEqual(["reviews"]);
    const ny = await previewReport(db, reportConfigSchema.parse({ metrics: ["revenue"], date_range: RANGE_DAYS, timezone: "America/New_York", group_by: ["day"] }), NOW_A);
    expect(ny.rollups).toEqual([]);
    const active = await previewReport(db, reportConfigSchema.parse({ metrics: ["active_creators"], date_range: RANGE_DAYS, group_by: ["week"] }), NOW_A);
    expect(active.rollups).toEqual([]);
  });

  it("two dimensions: every month × every output type seen, totals over the whole range", async () => {
    const got = await previewReport(db, reportConfigSchema.parse({ metrics: ["assignments_completed", "avg_rating"], date_range: RANGE_DAYS, group_by: ["month", "output_type"] }), NOW_A);
    const types = new Set(got.rows.map((r) => r.output_type));
    expect(got.rows).toHaveLength(4 * types.size);
    const { rows } = await t.pool.query(
      `SELECT to_char(a.completed_at AT TIME ZONE 'UTC', 'YYYY-MM') AS m, o.code, count(*)::int AS n
       FROM assignments a JOIN output_types o ON o.id = a.output_type_id
       WHERE a.status = 'approved' AND a.completed_at >= '2026-01-01T00:00:00Z' AND a.completed_at < $1 GROUP BY 1, 2`, [END]);
    for (const r of rows) expect(got.rows.find((x) => x.month === r.m && x.output_type === r.code)?.assignments_completed).toBe(r.n);
    expect(got.chart.index).toBe("month");
    expect(got.chart.categories.map((c) => c.key).sort()).toEqual([...types].sort());
  });

  it("relative ranges resolve in the report's zone at the run's now", async () => {
    const got = await previewReport(db, reportConfigSchema.parse({ metrics: ["transactions"], date_range: { relative: "last_7_days" }, timezone: "Asia/Tokyo", group_by: ["day"] }), NOW_A);
    // NOW_A is 19:15 on 2 April in Tokyo: the seven days before it
    expect(got.range).toEqual({ start_date: "2026-03-26", end_date: "2026-04-01", timezone: "Asia/Tokyo" });
    expect(got.rows.map((r) => r.day)).toEqual(["2026-03-26", "2026-03-27", "2026-03-28", "2026-03-29", "2026-03-30", "2026-03-31", "2026-04-01"]);
    const lq = await previewReport(db, reportConfigSchema.parse({ metrics: ["transactions"], date_range: { relative: "last_quarter" } }), NOW_A);
    expect(lq.range).toMatchObject({ start_date: "2026-01-01", end_date: "2026-03-31" });
  });

  it("a saved report's file plan (base tables) has the preview's rows and totals", async () => {
    const config = reportConfigSchema.parse({ metrics: ["revenue", "active_creators", "revision_rate"], date_range: RANGE_DAYS, group_by: ["month", "country"], filters: [{ dimension: "country", op: "not_in", values: ["BR"] }] });
    const plan = customReportPlan(config, NOW_A, "Monthly revenue!");
    expect(plan.fileStem).toBe("monthly_revenue_2026-01-01_2026-04-02");
    expect(plan.datasets[0].columns.map((c) => [c.key, c.kind])).toEqual([["month", "text"], ["country", "text"], ["revenue", "money"], ["active_creators", "integer"], ["revision_rate", "number"]]);
    const preview = await previewReport(db, config, NOW_A);
    const rows = await db.$queryRaw<Record<string, unknown>[]>(plan.datasets[0].sql);
    expect(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "string" || v == null ? v : Number(String(v))])))).toEqual(preview.rows);
    const [totals] = await db.$queryRaw<Record<string, unknown>[]>(plan.totalsSql!);
    expect(Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, v == null ? v : Number(String(v))]))).toEqual(preview.totals);
    const [{ n }] = await db.$queryRaw<{ n: bigint }[]>(plan.countSql);
    expect(Number(n)).toBe(preview.rows.length);
  });
});
