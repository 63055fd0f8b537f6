// Compiles a report config into one parameterized SQL statement (Prisma.sql).
// Only catalog constants become SQL text; every value (dates, zone, filter
// values) is a parameter.
//
// Shape (see README "Custom reports"):
//   per fact: rows (keys k1, k2 + the parts it feeds) from the base table over
//     the range — or, where the grain allows (UTC zone, only time and rollup
//     dimensions, rollup parts only), from its rollup table for the stored
//     closed days plus the base table for the rest (today, missing days);
//   per fact: GROUP BY GROUPING SETS ((k1, k2), ()) — the detail rows and the
//     totals row (g = 1) in one pass, so distinct counts and rates over the
//     whole range are exact (never sums of rows);
//   facts merged by key (each part comes from one fact), metric expressions
//     over the parts, then every time bucket of the range filled in (zeros for
//     money and counts, null for rates and ratings).
import { Prisma } from "@/lib/generated/prisma/client";
import {
  DIMENSIONS, FACTS, factOf, isTimeDimension, METRICS, type DimensionId, type FactId, type MetricId, type PartRef, type TimeDimension, type Unit,
} from "@/lib/reports/catalog";
import type { Fact, Join, SqlCtx } from "@/lib/reports/catalog/facts";
import type { ReportConfig } from "@/lib/validation/custom-reports";
import { slotOf } from "../slots";
import type { ResolvedRange } from "./range";

/** Runs of days read from the rollup tables (inclusive, stored days only) and the instant ranges read from the base tables instead. */
export type RollupWindow = { days: { from: string; to: string }[]; live: { start: Date; end: Date }[] };

export type CompiledReport = {
  /** Rows of (g, <dimension ids…>, <metric ids…>): g = 0 detail rows, g = 1 the totals row. */
  sql: Prisma.Sql;
  dims: DimensionId[];
  metrics: MetricId[];
  /** Facts read from their rollup table. */
  rollupFacts: FactId[];
};

const JOIN_ORDER: Join[] = ["a", "user", "level", "ot"];
const id = (s: string) => Prisma.raw(`"${s}"`); // catalog ids only ([a-z_]+)
const partCol = (ref: PartRef) => Prisma.raw(`p_${ref.replace(".", "_")}`);
const joinAll = (xs: Prisma.Sql[], sep: string) => (xs.length ? Prisma.join(xs, sep) : Prisma.empty);

/** The bucket key of a local timestamp (timestamp without time zone). */
export function timeKey(dim: TimeDimension, local: Prisma.Sql): Prisma.Sql {
  switch (dim) {
    case "day": return Prisma.sql`to_char(${local}, 'YYYY-MM-DD')`;
    case "week": return Prisma.sql`to_char(date_trunc('week', ${local}), 'YYYY-MM-DD')`;
    case "month": return Prisma.sql`to_char(${local}, 'YYYY-MM')`;
    case "quarter": return Prisma.sql`to_char(${local}, 'YYYY-"Q"Q')`;
  }
}

const CAST: Record<Unit, Prisma.Sql> = {
  money: Prisma.raw("numeric(14,2)"), count: Prisma.raw("integer"), rate: Prisma.raw("numeric(5,1)"), rating: Prisma.raw("numeric(3,2)"), hours: Prisma.raw("numeric(12,1)"),
};
export const additive = (u: Unit) => u === "money" || u === "count";

function inRanges(col: Prisma.Sql, ranges: { start: Date; end: Date }[]): Prisma.Sql {
  const one = ranges.map((r) => Prisma.sql`(${col} >= ${r.start.toISOString()}::timestamptz AND ${col} < ${r.end.toISOString()}::timestamptz)`);
  return one.length ? Prisma.sql`(${Prisma.join(one, " OR ")})` : Prisma.sql`FALSE`;
}

function filterSql(expr: Prisma.Sql, op: "eq" | "in" | "not_in", values: string[]): Prisma.Sql {
  const list = Prisma.join(values.map((v) => Prisma.sql`${v}`));
  return op === "not_in" ? Prisma.sql`(${expr} IS NULL OR ${expr} NOT IN (${list}))` : Prisma.sql`(${expr} IN (${list}))`;
}

/** Whether a fact can be read from its rollup table for this config. */
function rollupAllowed(fact: Fact, parts: string[], config: ReportConfig, window: RollupWindow | null): boolean {
  if (!window || !fact.rollup || config.timezone !== "UTC") return false;
  const dims = fact.rollup.dims;
  return (
    config.group_by.every((d) => isTimeDimension(d) || dims[d]) &&
    config.filters.every((f) => dims[f.dimension]) &&
    parts.every((p) => fact.parts[p].rollup)
  );
}

/** One fact's rows: keys k1, k2 and its parts' per-row inputs. */
function factRows(fact: Fact, parts: string[], config: ReportConfig, ctx: SqlCtx, range: ResolvedRange, window: RollupWindow | null): Prisma.Sql {
  const keys = [0, 1].map((i) => config.group_by[i]);
  const col = (p: string) => partCol(`${fact.id}.${p}` as PartRef);
  if (window) {
    const r = fact.rollup!;
    const local = Prisma.sql`${r.date}::timestamp`;
    const keySql = keys.map((d) => (!d ? Prisma.sql`NULL::text` : isTimeDimension(d) ? timeKey(d, local) : r.dims[d]!));
    const rolled = Prisma.sql`
      SELECT ${keySql[0]} AS k1, ${keySql[1]} AS k2, ${joinAll(parts.map((p) => Prisma.sql`d.${id(fact.parts[p].rollup!)}::numeric AS ${col(p)}`), ", ")}
      FROM ${r.from} ${r.joins}
      WHERE (${Prisma.join(window.days.map((run) => Prisma.sql`(${r.date} >= ${run.from}::date AND ${r.date} <= ${run.to}::date)`), " OR ")})
        ${joinAll(config.filters.map((f) => Prisma.sql`AND ${filterSql(r.dims[f.dimension]!, f.op, f.values)}`), " ")}`;
    if (!window.live.length) return rolled;
    return Prisma.sql`${rolled} UNION ALL ${baseRows(fact, parts, config, ctx, window.live)}`;
  }
  return baseRows(fact, parts, config, ctx, [{ start: range.start, end: range.end }]);
}

function baseRows(fact: Fact, parts: string[], config: ReportConfig, ctx: SqlCtx, ranges: { start: Date; end: Date }[]): Prisma.Sql {
  const needed = new Set<Join>();
  const local = Prisma.sql`(${fact.time} AT TIME ZONE ${ctx.tz})`;
  const dimSql = (d: DimensionId) => {
    const ds = fact.dims[d]!;
    ds.joins.forEach((j) => needed.add(j));
    return ds.sql(ctx);
  };
  const keySql = [0, 1].map((i) => {
    const d = config.group_by[i];
    return !d ? Prisma.sql`NULL::text` : isTimeDimension(d) ? timeKey(d, local) : dimSql(d);
  });
  const filters = config.filters.map((f) => filterSql(dimSql(f.dimension), f.op, f.values));
  for (const p of parts) fact.parts[p].joins?.forEach((j) => needed.add(j));
  if (needed.has("level") || needed.has("ot")) if (fact.joins.a) needed.add("a");
  if (needed.has("level") && fact.joins.user) needed.add("user");
  const joins = JOIN_ORDER.filter((j) => needed.has(j) && fact.joins[j]).map((j) => fact.joins[j]!);
  const body = Prisma.sql`
      FROM ${fact.from} ${joinAll(joins, " ")}
      WHERE ${fact.where} AND ${inRanges(fact.time, ranges)}
        ${joinAll(filters.map((f) => Prisma.sql`AND ${f}`), " ")}`;
  const col = (p: string) => partCol(`${fact.id}.${p}` as PartRef);
  const timeAt = [0, 1].filter((i) => config.group_by[i] && isTimeDimension(config.group_by[i]));
  if (!timeAt.length) {
    return Prisma.sql`
      SELECT ${keySql[0]} AS k1, ${keySql[1]} AS k2, ${Prisma.join(parts.map((p) => Prisma.sql`${fact.parts[p].row} AS ${col(p)}`), ", ")}
      ${body}`;
  }
  // A time dimension: the rows are summed per 15-minute UTC slot first (lib/reports/slots.ts) and
  // each slot converted to its local bucket, instead of every row. Summed parts are summed per slot;
  // counted-once parts keep their values in the grouping, so COUNT(DISTINCT) above is unchanged.
  const slotKeys = [0, 1].map((i) => (timeAt.includes(i) ? Prisma.sql`NULL::text` : keySql[i]));
  const distinct = parts.flatMap((p, i) => (fact.parts[p].agg === "distinct" ? [String(i + 4)] : []));
  const inner = Prisma.sql`
      SELECT ${slotOf(fact.time)} AS slot, ${slotKeys[0]} AS k1, ${slotKeys[1]} AS k2,
        ${Prisma.join(parts.map((p) => (fact.parts[p].agg === "sum" ? Prisma.sql`SUM(${fact.parts[p].row}) AS ${col(p)}` : Prisma.sql`${fact.parts[p].row} AS ${col(p)}`)), ", ")}
      ${body}
      GROUP BY ${Prisma.raw(["1", "2", "3", ...distinct].join(", "))}`;
  const outerKeys = [0, 1].map((i) =>
    timeAt.includes(i) ? timeKey(config.group_by[i] as TimeDimension, Prisma.sql`(s.slot AT TIME ZONE ${ctx.tz})`) : Prisma.sql`s.${Prisma.raw(`k${i + 1}`)}`,
  );
  return Prisma.sql`
      SELECT ${outerKeys[0]} AS k1, ${outerKeys[1]} AS k2, ${Prisma.join(parts.map((p) => Prisma.sql`s.${col(p)}`), ", ")}
      FROM (${inner}) s`;
}

export function compileReport(config: ReportConfig, range: ResolvedRange, window: RollupWindow | null): CompiledReport {
  const ctx: SqlCtx = { tz: Prisma.sql`${config.timezone}::text` };
  const metrics = config.metrics;
  const dims = config.group_by;
  const allParts = [...new Set(metrics.flatMap((m) => METRICS[m].parts))];
  const byFact = new Map<FactId, string[]>();
  for (const ref of allParts) byFact.set(factOf(ref), [...(byFact.get(factOf(ref)) ?? []), ref.split(".")[1]]);

  const nd = dims.length;
  const g = nd === 0 ? Prisma.sql`1` : nd === 1 ? Prisma.sql`GROUPING(k1)` : Prisma.sql`CASE WHEN GROUPING(k1, k2) = 0 THEN 0 ELSE 1 END`;
  const groupBy = nd === 0 ? Prisma.empty : nd === 1 ? Prisma.sql`GROUP BY GROUPING SETS ((k1), ())` : Prisma.sql`GROUP BY GROUPING SETS ((k1, k2), ())`;
  const k1 = nd >= 1 ? Prisma.sql`k1` : Prisma.sql`NULL::text`;
  const k2 = nd >= 2 ? Prisma.sql`k2` : Prisma.sql`NULL::text`;

  const rollupFacts: FactId[] = [];
  const aggregates = [...byFact].map(([factId, parts]) => {
    const fact = FACTS[factId];
    const useRollup = rollupAllowed(fact, parts, config, window);
    if (useRollup) rollupFacts.push(factId);
    const rows = factRows(fact, parts, config, ctx, range, useRollup ? window : null);
    // rows that feed one of the selected metrics: a group with none (refunds only, for revenue by type) is not shown
    const fed = Prisma.sql`(${Prisma.join(parts.map((p) => Prisma.sql`COUNT(x.${partCol(`${factId}.${p}` as PartRef)})`), " + ")})::bigint AS n`;
    const cols = allParts.map((ref) => {
      const [f, p] = ref.split(".");
      if (f !== factId) return Prisma.sql`NULL::numeric AS ${partCol(ref)}`;
      return fact.parts[p].agg === "distinct"
        ? Prisma.sql`COUNT(DISTINCT x.${partCol(ref)})::numeric AS ${partCol(ref)}`
        : Prisma.sql`SUM(x.${partCol(ref)})::numeric AS ${partCol(ref)}`;
    });
    return Prisma.sql`SELECT ${g} AS g, ${k1} AS k1, ${k2} AS k2, ${fed}, ${Prisma.join(cols, ", ")} FROM (${rows}) x ${groupBy}`;
  });
  const merged = aggregates.length === 1
    ? aggregates[0]
    : Prisma.sql`SELECT g, k1, k2, SUM(n) AS n, ${Prisma.join(allParts.map((r) => Prisma.sql`MAX(${partCol(r)}) AS ${partCol(r)}`), ", ")}
        FROM (${Prisma.join(aggregates, " UNION ALL ")}) u GROUP BY g, k1, k2`;

  const p = (ref: PartRef) => Prisma.sql`y.${partCol(ref)}`;
  const m = (mid: MetricId) => Prisma.raw(`m_${mid}`);
  const res = Prisma.sql`SELECT g, k1, k2, ${Prisma.join(metrics.map((mid) => Prisma.sql`(${METRICS[mid].expr(p)})::${CAST[METRICS[mid].unit]} AS ${m(mid)}`), ", ")}
    FROM (${merged}) y WHERE y.g = 1 OR y.n > 0`;

  // fill every time bucket of the range (for one time dimension, crossed with the other dimension's values seen)
  const ti = dims.findIndex(isTimeDimension);
  const other = ti === -1 ? undefined : dims[1 - ti];
  let final: Prisma.Sql;
  if (ti === -1 || (other && DIMENSIONS[other].kind === "user")) {
    final = res;
  } else {
    const tk = Prisma.sql`SELECT DISTINCT ${timeKey(dims[ti] as TimeDimension, Prisma.sql`s.t`)} AS k
      FROM generate_series(${range.start_date}::date::timestamp, ${range.end_date}::date::timestamp, interval '1 day') AS s(t)`;
    const [tcol, ocol] = ti === 0 ? [Prisma.sql`k1`, Prisma.sql`k2`] : [Prisma.sql`k2`, Prisma.sql`k1`];
    const grid = !other
      ? Prisma.sql`SELECT tk.k AS k1, NULL::text AS k2 FROM tk`
      : ti === 0
        ? Prisma.sql`SELECT tk.k AS k1, o.k2 FROM tk CROSS JOIN (SELECT DISTINCT k2 FROM res WHERE g = 0) o`
        : Prisma.sql`SELECT o.k1, tk.k AS k2 FROM (SELECT DISTINCT k1 FROM res WHERE g = 0) o CROSS JOIN tk`;
    const filled = metrics.map((mid) =>
      additive(METRICS[mid].unit) ? Prisma.sql`COALESCE(res.${m(mid)}, 0)::${CAST[METRICS[mid].unit]} AS ${m(mid)}` : Prisma.sql`res.${m(mid)}`,
    );
    final = Prisma.sql`
      WITH res AS (${res}), tk AS (${tk}), grid AS (${grid})
      SELECT 0 AS g, grid.k1, grid.k2, ${Prisma.join(filled, ", ")}
      FROM grid LEFT JOIN res ON res.g = 0 AND res.${tcol} = grid.${tcol}${other ? Prisma.sql` AND res.${ocol} IS NOT DISTINCT FROM grid.${ocol}` : Prisma.empty}
      UNION ALL
      SELECT g, k1, k2, ${Prisma.join(metrics.map((mid) => m(mid)), ", ")} FROM res WHERE g = 1`;
  }
  const out = [
    ...dims.map((d, i) => Prisma.sql`z.${Prisma.raw(`k${i + 1}`)} AS ${id(d)}`),
    ...metrics.map((mid) => Prisma.sql`z.${m(mid)} AS ${id(mid)}`),
  ];
  const sql = Prisma.sql`SELECT z.g, ${Prisma.join(out, ", ")}, z.k1 AS _k1, z.k2 AS _k2 FROM (${final}) z`;
  return { sql, dims, metrics, rollupFacts };
}

/** Without dimensions the one row is the totals row. */
const detailG = (c: CompiledReport) => Prisma.raw(c.dims.length ? "0" : "1");

/** The detail rows, ordered by the dimensions (dimension and metric columns only). */
export function detailSql(c: CompiledReport, limit?: number): Prisma.Sql {
  const cols = [...c.dims, ...c.metrics].map((x) => Prisma.sql`q.${id(x)}`);
  return Prisma.sql`SELECT ${Prisma.join(cols, ", ")} FROM (${c.sql}) q WHERE q.g = ${detailG(c)} ORDER BY q._k1 NULLS LAST, q._k2 NULLS LAST
    ${limit ? Prisma.sql`LIMIT ${limit}` : Prisma.empty}`;
}

/** The one totals row (metric columns). */
export function totalsSql(c: CompiledReport): Prisma.Sql {
  return Prisma.sql`SELECT ${Prisma.join(c.metrics.map((x) => Prisma.sql`q.${id(x)}`), ", ")} FROM (${c.sql}) q WHERE q.g = 1`;
}

export function countSql(c: CompiledReport): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::bigint AS n FROM (${c.sql}) q WHERE q.g = ${detailG(c)}`;
}

/** The totals row (g = 1) then at most `limit` detail rows, in one statement (the builder's preview). */
export function previewSql(c: CompiledReport, limit: number): Prisma.Sql {
  return Prisma.sql`SELECT q.* FROM (${c.sql}) q ORDER BY q.g DESC, q._k1 NULLS LAST, q._k2 NULLS LAST LIMIT ${limit + 1}`;
}
