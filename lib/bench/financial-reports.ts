// Benchmark suite for the financial reports (issue 9), at the plan/query
// level: each plan's main dataset streamed whole through a server-side cursor
// (pg-query-stream, as the run writers read it) with its totals and count,
// for one year up to the bench's "now", and the page's preview. The
// end-to-end row "financial revenue report, one year by day, xlsx ≤ 5 s
// (request → completed)" belongs with the report runs suite; the query part
// timed here is its floor (the exports suite times the whole run).
// --explain prints EXPLAIN (ANALYZE, BUFFERS) of the
// detail queries' first rows and of the revenue query.
import pg from "pg";
import QueryStream from "pg-query-stream";
import { financialReportPlan } from "@/lib/reports/financial";
import { RowTotals } from "@/lib/runs/row-totals";
import { previewFinancialReport } from "@/lib/reports/financial/preview";
import type { FinancialParams } from "@/lib/validation/reports";
import { utcDay } from "@/lib/rollups/days";
import { measure, textTable, type BenchContext, type BenchResult, type BenchSuite } from "./harness";
import type { Prisma } from "@/lib/generated/prisma/client";

const SUITE = "financial-reports";

/** The end-to-end target for the revenue report (xlsx, one year by day); the query alone must fit well inside it. */
export const TARGETS = { revenueYearByDayMs: 5_000 };

/** Streams every row of `sql` through a cursor (chunks of 1000), returning the row count. */
export async function streamRows(client: pg.Client, sql: Prisma.Sql, totals: RowTotals | null = null): Promise<number> {
  const stream = client.query(new QueryStream(sql.text, sql.values as unknown[], { batchSize: 1000 }));
  let n = 0;
  for await (const row of stream) {
    n++;
    totals?.add([row as Record<string, unknown>]);
  }
  return n;
}

/** One run of a plan the way a report run reads it: count, every dataset streamed, totals. */
export async function runPlan(client: pg.Client, params: FinancialParams): Promise<number> {
  const plan = financialReportPlan(params);
  await client.query(plan.countSql.text, plan.countSql.values as unknown[]);
  let rows = 0;
  const summed = plan.totalsFromRows ? new RowTotals(plan.datasets[0].columns.filter((c) => plan.totalsFromRows!.includes(c.key))) : null;
  for (const [i, d] of plan.datasets.entries()) rows += await streamRows(client, d.sql, i === 0 ? summed : null);
  // as a run does: totals summed from the rows when the plan allows, else its totals query
  if (summed) summed.result();
  else if (plan.totalsSql) await client.query(plan.totalsSql.text, plan.totalsSql.values as unknown[]);
  return rows;
}

export const financialReportsSuite: BenchSuite = {
  name: SUITE,
  async run(ctx: BenchContext) {
    const results: BenchResult[] = [];
    const report: string[] = [];
    const end = utcDay(ctx.now);
    const start = utcDay(new Date(ctx.now.getTime() - 364 * 86_400_000));
    const year = (report_type: FinancialParams["report_type"], group_by: FinancialParams["group_by"] = "day", timezone = "UTC"): FinancialParams =>
      ({ report_type, start_date: start, end_date: end, group_by, timezone });
    const client = new pg.Client({ connectionString: ctx.url, application_name: "bench-financial-reports" });
    await client.connect();
    try {
      const rowsOf: Record<string, number> = {};
      const timed = async (name: string, params: FinancialParams, runs: number, target?: number) => {
        results.push(await measure(SUITE, name, async () => (rowsOf[name] = await runPlan(client, params)), {
          runs: Math.max(1, Math.round(runs * ctx.runsFactor)), warmup: runs > 1 ? 1 : 0, target,
          note: target ? "query only (streamed, with totals and count); end-to-end xlsx target 5 s" : undefined,
        }));
      };
      await timed("financial revenue report, one year by day (UTC)", year("revenue"), 5, TARGETS.revenueYearByDayMs);
      await timed("financial revenue report, one year by day (America/New_York)", year("revenue", "day", "America/New_York"), 5, TARGETS.revenueYearByDayMs);
      await timed("financial transactions report, one year (every row streamed)", year("transactions"), 1);
      await timed("financial payouts report, one year by week", year("payouts", "week"), 3);
      await timed("financial refunds report, one year by month", year("refunds", "month"), 3);
      await timed("financial outstanding balances", year("outstanding_balances"), 3);
      await timed("financial 1099-NEC", year("tax_1099"), 3);
      results.push(await measure(SUITE, "financial report preview (transactions, one year)", () => previewFinancialReport(ctx.db, year("transactions")), {
        runs: Math.max(1, Math.round(5 * ctx.runsFactor)), warmup: 1,
      }));
      report.push("Financial report rows streamed: " + Object.entries(rowsOf).map(([k, n]) => `${k.replace("financial ", "")}: ${n}`).join("; "));
      if (ctx.explain) {
        for (const t of ["revenue", "transactions", "payouts", "refunds"] as const) {
          const sql = financialReportPlan(year(t)).datasets[0].sql;
          const limit = t === "revenue" ? "" : " LIMIT 1000";
          const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM (${sql.text}) x${limit}`, sql.values as unknown[]);
          report.push(`EXPLAIN ${t}${limit}:`, textTable(["plan"], rows.map((r) => [r["QUERY PLAN"] as string])));
        }
      }
    } finally {
      await client.end();
    }
    return { results, report };
  },
};
