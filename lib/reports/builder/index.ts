// The report builder: a config → its rows, totals and chart series (preview),
// or a ReportPlan the run engine streams into a file. Both run the one
// compiled statement (compile.ts).
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { DIMENSIONS, METRICS, type DimensionId, type MetricId, type Unit } from "@/lib/reports/catalog";
import type { Column, ColumnKind, ReportPlan } from "@/lib/reports/types";
import type { ReportConfig } from "@/lib/validation/custom-reports";
import { addDays, resolveDateRange, type ResolvedRange } from "./range";
import { compileReport, countSql, detailSql, previewSql, totalsSql, type CompiledReport, type RollupWindow } from "./compile";

export { compileReport, type CompiledReport } from "./compile";
export { resolveDateRange, type ResolvedRange } from "./range";

const DAY_MS = 86_400_000;
const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Which days of a UTC report the rollup tables can answer: every closed day
 * (before today, UTC) with a daily_metrics row — the review rollups are
 * written in the same transaction — and the rest (today, closed days not
 * rolled up yet) from the base tables, as the dashboards do. Null when the
 * zone is not UTC or nothing is rolled up.
 */
export async function rollupWindow(db: Db, range: ResolvedRange, now: Date): Promise<RollupWindow | null> {
  if (range.timezone !== "UTC") return null;
  const today = utcDay(now);
  const lastClosed = range.end_date < today ? range.end_date : addDays(today, -1);
  if (lastClosed < range.start_date) return null;
  const stored = new Set(
    (await db.$queryRaw<{ d: string }[]>(Prisma.sql`
      SELECT to_char("date", 'YYYY-MM-DD') AS d FROM daily_metrics WHERE "date" BETWEEN ${range.start_date}::date AND ${lastClosed}::date`)).map((r) => r.d),
  );
  if (!stored.size) return null;
  const live: { start: Date; end: Date }[] = [];
  const days: { from: string; to: string }[] = [];
  for (let d = range.start_date; d <= lastClosed; d = addDays(d, 1)) {
    if (stored.has(d)) {
      const run = days[days.length - 1];
      if (run && addDays(run.to, 1) === d) run.to = d;
      else days.push({ from: d, to: d });
      continue;
    }
    const start = new Date(`${d}T00:00:00Z`);
    const last = live[live.length - 1];
    if (last && last.end.getTime() === start.getTime()) last.end = new Date(start.getTime() + DAY_MS);
    else live.push({ start, end: new Date(start.getTime() + DAY_MS) });
  }
  if (live.length > 20) return null; // a patchy rollup: the base tables are simpler and as fast
  if (range.end_date >= today && range.end > range.start) {
    live.push({ start: new Date(Math.max(range.start.getTime(), Date.parse(`${today}T00:00:00Z`))), end: range.end });
  }
  return { days, live };
}

export async function compileFor(db: Db, config: ReportConfig, now: Date): Promise<{ compiled: CompiledReport; range: ResolvedRange }> {
  const range = resolveDateRange(config.date_range, config.timezone, now);
  const window = await rollupWindow(db, range, now);
  return { compiled: compileReport(config, range, window), range };
}

export type ColumnMeta = { id: string; label: string; unit: Unit | "dimension" };
export type ReportValue = string | number | null;
export type ReportRow = Record<string, ReportValue>;
export type ChartSeries = {
  /** The x axis (first dimension id), null without dimensions. */
  index: string | null;
  /** Series keys in `data` with their labels; for two dimensions, one series per value of the second (first metric only). */
  categories: { key: string; label: string }[];
  unit: Unit;
  data: ReportRow[];
};
export type ReportResult = {
  columns: ColumnMeta[];
  rows: ReportRow[];
  totals: Record<string, ReportValue>;
  chart: ChartSeries;
  range: { start_date: string; end_date: string; timezone: string };
  truncated: boolean;
  /** Facts read from rollup tables (the rest from the base tables). */
  rollups: string[];
};

export const PREVIEW_ROW_LIMIT = 2000;

const num = (v: unknown): number | null => (v == null ? null : typeof v === "number" ? v : Number(String(v)));

function columnsOf(dims: DimensionId[], metrics: MetricId[]): ColumnMeta[] {
  return [
    ...dims.map((d) => ({ id: d, label: DIMENSIONS[d].label, unit: "dimension" as const })),
    ...metrics.map((m) => ({ id: m, label: METRICS[m].label, unit: METRICS[m].unit })),
  ];
}

function chartOf(dims: DimensionId[], metrics: MetricId[], rows: ReportRow[], totals: ReportRow): ChartSeries {
  const unit = METRICS[metrics[0]].unit;
  if (dims.length === 0) {
    return { index: null, unit, categories: metrics.map((m) => ({ key: m, label: METRICS[m].label })), data: [totals] };
  }
  if (dims.length === 1) {
    return { index: dims[0], unit, categories: metrics.map((m) => ({ key: m, label: METRICS[m].label })), data: rows };
  }
  // two dimensions: pivot the second into series of the first metric
  const [a, b] = dims;
  const byA = new Map<string, ReportRow>();
  const seen = new Map<string, string>();
  for (const r of rows) {
    const x = String(r[a] ?? "(none)");
    const key = String(r[b] ?? "(none)");
    seen.set(key, key);
    const point = byA.get(x) ?? { [a]: x };
    point[key] = r[metrics[0]];
    byA.set(x, point);
  }
  return { index: a, unit, categories: [...seen.keys()].map((k) => ({ key: k, label: k })), data: [...byA.values()] };
}

/** POST /api/v1/admin/reports/preview: the rows (at most PREVIEW_ROW_LIMIT), the totals and the chart series. */
export async function previewReport(db: Db, config: ReportConfig, now: Date): Promise<ReportResult> {
  const { compiled, range } = await compileFor(db, config, now);
  // one statement: the totals row (g = 1) first, then the detail rows
  const all = await db.$queryRaw<Record<string, unknown>[]>(previewSql(compiled, PREVIEW_ROW_LIMIT + 1));
  const rawTotals = all.filter((r) => Number(r.g) === 1);
  const rawRows = compiled.dims.length ? all.filter((r) => Number(r.g) === 0) : rawTotals;
  const convert = (r: Record<string, unknown>): ReportRow =>
    Object.fromEntries([
      ...compiled.dims.map((d) => [d, (r[d] as string | null) ?? null]),
      ...compiled.metrics.map((m) => [m, num(r[m])]),
    ]);
  const rows = rawRows.slice(0, PREVIEW_ROW_LIMIT).map(convert);
  const totals = Object.fromEntries(compiled.metrics.map((m) => [m, num(rawTotals[0]?.[m])]));
  return {
    columns: columnsOf(compiled.dims, compiled.metrics),
    rows,
    totals,
    chart: chartOf(compiled.dims, compiled.metrics, rows, totals),
    range: { start_date: range.start_date, end_date: range.end_date, timezone: range.timezone },
    truncated: rawRows.length > PREVIEW_ROW_LIMIT,
    rollups: compiled.rollupFacts,
  };
}

const KIND: Record<Unit, ColumnKind> = { money: "money", count: "integer", rate: "number", rating: "number", hours: "number" };

/**
 * The file of a custom report: one dataset of the detail rows, the totals
 * row, parameters for the summary sheet. Synchronous and from the base tables
 * only (a run rebuilds its plan from its stored parameters on any worker);
 * `now` is the run's "as of" instant — store it with the config, so a retry
 * resolves the same relative range and cut.
 */
export function customReportPlan(config: ReportConfig, now: Date, name = "custom_report"): ReportPlan {
  const range = resolveDateRange(config.date_range, config.timezone, now);
  const compiled = compileReport(config, range, null);
  const columns: Column[] = [
    ...compiled.dims.map((d) => ({ key: d, label: DIMENSIONS[d].label, kind: "text" as const })),
    ...compiled.metrics.map((m) => ({ key: m, label: METRICS[m].label, kind: KIND[METRICS[m].unit] })),
  ];
  const stem = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "").slice(0, 60) || "custom_report"}_${range.start_date}_${range.end_date}`;
  return {
    fileStem: stem,
    datasets: [{ name: "Report", columns, sql: detailSql(compiled) }],
    totalsSql: totalsSql(compiled),
    countSql: countSql(compiled),
    parameters: {
      metrics: compiled.metrics.join(", "),
      period: `${range.start_date} – ${range.end_date}`,
      ...(config.date_range.relative ? { relative: config.date_range.relative } : {}),
      timezone: range.timezone,
      group_by: compiled.dims.join(", ") || "none",
      filters: config.filters.map((f) => `${f.dimension} ${f.op} ${f.values.join("|")}`).join("; ") || "none",
    },
    timezone: range.timezone,
  };
}
