// Benchmark suite "exports" (issue 9): a CSV export of N transactions (1M by
// default at scale large) against `COPY (the same SELECT) TO STDOUT WITH CSV`
// on the same rows, side by side; XLSX and JSON of the same rows; each export
// in its own worker process, whose peak RSS is reported; POST → 202 p95 over
// real HTTP. The seed may not hold N transactions, so the suite fills its own
// schema `bench_exports` with exactly N (uploaders from the seed) and points
// the worker's search_path at it — the seed's tables are left untouched.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { startAppOnFreePort } from "@/lib/app-server";
import { createPrisma } from "@/lib/db";
import { exportPlan } from "@/lib/exports";
import { financialReportPlan } from "@/lib/reports/financial";
import { createRun } from "@/lib/runs/create";
import { executeRun } from "@/lib/runs/execute";
import { apiToken } from "./browser";
import { judgedOnP95, measure, numberArg, result, textTable, serverEnv, type BenchContext, type BenchResult, type BenchSuite } from "./harness";

const SUITE = "exports";
export const TARGETS = { xlsxMs: 60_000, csvVsCopy: 1.5, jsonVsCopy: 2, rssBytes: 300 * 1024 * 1024, postP95Ms: 100, revenueXlsxMs: 5_000 };

/** The URL with search_path = bench_exports, public: the export's SQL then reads the bench's transactions. */
const benchUrl = (url: string) => {
  const u = new URL(url);
  u.searchParams.set("options", "-c search_path=bench_exports,public");
  return u.toString();
};

async function fillTransactions(ctx: BenchContext, n: number) {
  const c = new pg.Client({ connectionString: ctx.url });
  await c.connect();
  try {
    await c.query("CREATE SCHEMA IF NOT EXISTS bench_exports");
    await c.query("CREATE TABLE IF NOT EXISTS bench_exports.payment_transactions (LIKE public.payment_transactions INCLUDING DEFAULTS)");
    const { rows } = await c.query<{ n: string }>("SELECT count(*) AS n FROM bench_exports.payment_transactions");
    if (Number(rows[0].n) === n) return;
    ctx.log(`filling bench_exports.payment_transactions with ${n.toLocaleString("en-US")} rows …`);
    await c.query("TRUNCATE bench_exports.payment_transactions");
    // Uploaders from the seed, each transaction a deterministic mix of types, statuses, amounts, methods and times.
    await c.query(`
      -- The modulus is a scalar, so the join is a hash join on k (with the count per row it was a nested loop of 1M × uploaders).
      WITH up AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM users WHERE role = 'uploader')
      INSERT INTO bench_exports.payment_transactions (id, uploader_id, upload_id, type, status, amount, method, created_at)
      SELECT gen_random_uuid(), up.id, NULL,
        (CASE WHEN g % 20 = 0 THEN 'refund' ELSE 'charge' END)::transaction_type,
        (CASE WHEN g % 50 = 0 THEN 'failed' WHEN g % 33 = 0 THEN 'pending' ELSE 'succeeded' END)::transaction_status,
        ((g % 9973) / 10.0 + 5)::numeric(12,2), (ARRAY['card','paypal','bank_transfer'])[1 + g % 3],
        timestamptz '2025-01-01 00:00:00Z' + (g * interval '31 seconds')
      FROM generate_series(1, $1::int) g JOIN up ON up.k = g % (SELECT count(*) FROM users WHERE role = 'uploader')`, [n]);
    await c.query("CREATE INDEX IF NOT EXISTS bench_tx_created ON bench_exports.payment_transactions (created_at, id)");
    await c.query("ANALYZE bench_exports.payment_transactions");
  } finally {
    await c.end();
  }
}

/** COPY (sql) TO STDOUT WITH CSV HEADER into a file: the floor an export is compared with. */
async function copyOnce(url: string, sql: string, values: unknown[], file: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // COPY takes no bind parameters: the plan's values are inlined as literals.
    const literal = sql.replace(/\$(\d+)/g, (_, i) => c.escapeLiteral(String(values[Number(i) - 1])));
    await pipeline(c.query(copyTo(`COPY (${literal}) TO STDOUT WITH (FORMAT csv, HEADER)`)), fs.createWriteStream(file));
  } finally {
    await c.end();
  }
}

/** One export in a worker process: its time and peak RSS. */
function workerRun(url: string, runId: string, filesDir: string): Promise<{ ms: number; maxRssBytes: number; result: { status: string } }> {
  return new Promise((resolve, reject) => {
    let out = "";
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "lib/bench/export-worker.ts", url, runId], {
      env: { ...process.env, FILES_DIR: filesDir }, stdio: ["ignore", "pipe", "inherit"],
    });
    child.stdout!.on("data", (d) => (out += d));
    child.on("exit", (code) => {
      try {
        if (code !== 0) throw new Error(`worker exited ${code}`);
        resolve(JSON.parse(out.trim().split("\n").pop()!));
      } catch (err) {
        reject(err);
      }
    });
  });
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

export const exportsSuite: BenchSuite = {
  name: SUITE,
  async run(ctx) {
    const n = numberArg(ctx, "export-rows", ctx.scale === "large" ? 1_000_000 : ctx.scale === "medium" ? 200_000 : 20_000);
    const runs = Math.max(1, Math.round(numberArg(ctx, "export-runs", 1) * ctx.runsFactor));
    await fillTransactions(ctx, n);
    const url = benchUrl(ctx.url);
    const db = createPrisma(url, 2);
    const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-exports-"));
    const results: BenchResult[] = [];
    const rssRows: string[][] = [];
    try {
      const [admin] = await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM users WHERE role = 'admin' ORDER BY created_at LIMIT 1`;
      const plan = exportPlan({ entity: "transactions", filters: {}, timezone: "America/New_York" });
      const label = `${n.toLocaleString("en-US")} transactions`;

      const copyFile = path.join(filesDir, "copy.csv");
      const copy = await measure(SUITE, `COPY (same SELECT) TO STDOUT CSV, ${label}`, () => copyOnce(url, plan.datasets[0].sql.text, plan.datasets[0].sql.values, copyFile), { runs });
      results.push(copy);

      const exportRow = async (format: "csv" | "json" | "xlsx", name: string, target?: number) => {
        const times: number[] = [];
        let rss = 0;
        for (let i = 0; i < runs; i++) {
          const { run } = await createRun(db, { kind: "export", entity: "transactions", parameters: { filters: {}, timezone: "America/New_York" }, format, requestedBy: admin.id, notify: false }, plan, async () => {});
          const w = await workerRun(url, run.id, filesDir);
          if (w.result.status !== "completed") throw new Error(`${format} export ended ${w.result.status}`);
          times.push(w.ms);
          rss = Math.max(rss, w.maxRssBytes);
        }
        rssRows.push([name, mb(rss), `≤ ${mb(TARGETS.rssBytes)}`, rss <= TARGETS.rssBytes ? "yes" : "NO"]);
        const r = result(SUITE, name, times, target, `peak RSS ${mb(rss)}`);
        results.push(r);
        return r;
      };
      const copyMs = copy.median ?? 0;
      await exportRow("csv", `CSV export, ${label} (≤ ${TARGETS.csvVsCopy}× COPY)`, copyMs * TARGETS.csvVsCopy);
      await exportRow("json", `JSON export, ${label} (≤ ${TARGETS.jsonVsCopy}× COPY)`, copyMs * TARGETS.jsonVsCopy);
      await exportRow("xlsx", `XLSX export, ${label}`, TARGETS.xlsxMs);

      // Financial revenue report, one year by day, xlsx, request → completed (when the report is built).
      try {
        const end = ctx.now.toISOString().slice(0, 10);
        const start = new Date(ctx.now.getTime() - 364 * 86_400_000).toISOString().slice(0, 10);
        const params = { report_type: "revenue" as const, start_date: start, end_date: end, group_by: "day" as const, timezone: "UTC" };
        const revenue = financialReportPlan(params);
        const mainDb = createPrisma(ctx.url, 2);
        try {
          results.push(await measure(SUITE, "Revenue report, one year by day, xlsx (request → completed)", async () => {
            const { run } = await createRun(mainDb, { kind: "report", reportType: "revenue", parameters: params, format: "xlsx", requestedBy: admin.id, notify: false }, revenue, async () => {});
            const r = await executeRun(mainDb, run.id);
            if (r.status !== "completed") throw new Error(`revenue report ${r.status}`);
          }, { runs, target: TARGETS.revenueXlsxMs }));
        } finally {
          await mainDb.$disconnect();
        }
      } catch (err) {
        results.push(result(SUITE, "Revenue report, one year by day, xlsx (request → completed)", [], TARGETS.revenueXlsxMs, `not measured: ${err instanceof Error ? err.message : String(err)}`));
      }

      if (!ctx.args["no-http"]) results.push(await postP95(ctx, admin.id));
    } finally {
      await db.reportRun.deleteMany({ where: { entity: "transactions", notify: false, kind: "export" } }).catch(() => {});
      await db.$disconnect();
      fs.rmSync(filesDir, { recursive: true, force: true });
    }
    const report = [`Peak RSS of the export worker (${SUITE}):`, textTable(["export", "peak RSS", "target", "met?"], rssRows)];
    ctx.log(report.join("\n"));
    return { results, report };
  },
};

/** POST /api/v1/admin/exports → 202 over real HTTP (next start, jobs off so nothing runs behind it). */
async function postP95(ctx: BenchContext, _adminId: string): Promise<BenchResult> {
  const app = await startAppOnFreePort(ctx.url, serverEnv(ctx));
  try {
    const token = await apiToken(app.baseURL, "admin@example.com");
    const day = ctx.now.toISOString().slice(0, 10);
    const r = await measure(SUITE, "HTTP POST /api/v1/admin/exports → 202", async () => {
      const res = await fetch(`${app.baseURL}/api/v1/admin/exports`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ entity: "transactions", format: "csv", notify: false, filters: { start_date: day, end_date: day } }),
      });
      if (res.status !== 202) throw new Error(`POST exports: ${res.status}`);
      await res.arrayBuffer();
    }, { runs: Math.max(20, Math.round(40 * ctx.runsFactor)), warmup: 3, target: TARGETS.postP95Ms });
    // The runs it created never start (jobs are off in the bench server): remove them.
    await ctx.db.reportRun.deleteMany({ where: { status: "pending", kind: "export", notify: false } });
    return judgedOnP95(r);
  } finally {
    app.child.kill("SIGTERM");
  }
}

