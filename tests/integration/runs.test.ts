// The report-run engine and the exports against a real database: row counts
// of every export equal independent SQL (including a range over the 2026 US
// DST change in America/New_York), the XLSX of a run reads back equal to its
// CSV, formula cells are neutralized, sheets split at the limit, cancel, a
// worker killed mid-run (its own process, SIGKILL) ends failed then retried,
// never completed with a partial file, one email per run, signed links.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { InngestTestEngine } from "@inngest/test";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inngestFunctionFor } from "@/inngest/functions/from-job";
import { createPrisma, type Db } from "@/lib/db";
import { exportRunJob } from "@/lib/jobs/definitions";
import { Prisma } from "@/lib/generated/prisma/client";
import { exportPlan } from "@/lib/exports";
import { signDownload } from "@/lib/links/signed";
import type { ReportPlan } from "@/lib/reports/types";
import { deleteExpiredFiles } from "@/lib/runs/cleanup";
import { createRun, estimateRows, requestCancel } from "@/lib/runs/create";
import { serveDownload } from "@/lib/runs/download";
import { executeRun, fileKeyOf } from "@/lib/runs/execute";
import { notifyRun } from "@/lib/runs/notify";
import { reapStaleRuns } from "@/lib/runs/reaper";
import { fileStore } from "@/lib/storage";
import { exportRequest, type ExportEntity } from "@/lib/validation/runs";
import type { FileFormat } from "@/lib/writers";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { insertFakeData } from "../helpers/fake-data";

const FILES = fs.mkdtempSync(path.join(os.tmpdir(), "runs-files-"));
process.env.FILES_DIR = FILES;

let tdb: TestDatabase;
let db: Db;
const ADMIN = "00000000-0000-4000-8000-0000000000a1";
const OTHER_ADMIN = "00000000-0000-4000-8000-0000000000a2";
const noDispatch = async () => {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = createPrisma(tdb.url, 4);
  // 10 days from 2026-03-04: over the US change to daylight time (2026-03-08, 2:00 local).
  await insertFakeData(tdb.pool, { seed: 9, start: "2026-03-04", days: 10, scale: 2 });
  await tdb.pool.query(
    `INSERT INTO users (id, role, email, name, password_hash) VALUES ($1, 'admin', 'boss@example.test', 'Boss', 'x'), ($2, 'admin', 'other@example.test', 'Other', 'x')`,
    [ADMIN, OTHER_ADMIN],
  );
}, 120_000);
afterAll(async () => {
  await db?.$disconnect();
  await tdb?.drop();
  fs.rmSync(FILES, { recursive: true, force: true });
});

async function fileOf(runId: string): Promise<Buffer> {
  const run = await db.reportRun.findUniqueOrThrow({ where: { id: runId } });
  const { body } = await fileStore().get(run.fileKey!);
  const parts: Buffer[] = [];
  for await (const c of body) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

const csvRows = (buf: Buffer) => Papa.parse<string[]>(buf.toString("utf8").replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;

async function exportRun(entity: ExportEntity, filters: Record<string, string>, format: FileFormat, timezone = "UTC", notify = false) {
  const req = exportRequest.parse({ entity, format, filters, timezone, notify });
  const { entity: e, format: f, notify: n, ...parameters } = req;
  const plan = exportPlan({ entity: e, filters: req.filters, timezone: req.timezone });
  const { run } = await createRun(db, { kind: "export", entity: e, parameters, format: f, requestedBy: ADMIN, notify: n, linkOrigin: "http://app.test" }, plan, noDispatch);
  return run;
}

/** Independent counts: plain SQL with the zone's boundaries written out as instants. */
const NY_RANGE = { start_date: "2026-03-07", end_date: "2026-03-09" };
// 2026-03-07 00:00 EST = 05:00Z; 2026-03-10 00:00 EDT = 04:00Z (the day of 8 March has 23 hours).
const NY_FROM = "2026-03-07T05:00:00Z";
const NY_TO = "2026-03-10T04:00:00Z";

const CASES: { entity: ExportEntity; filters: Record<string, string>; tz?: string; sql: string; params?: unknown[] }[] = [
  { entity: "users", filters: {}, sql: "SELECT count(*) FROM users" },
  { entity: "users", filters: { role: "creator", status: "active" }, sql: "SELECT count(*) FROM users WHERE role = 'creator' AND status = 'active'" },
  { entity: "users", filters: NY_RANGE, tz: "America/New_York", sql: "SELECT count(*) FROM users WHERE created_at >= $1 AND created_at < $2", params: [NY_FROM, NY_TO] },
  { entity: "transactions", filters: {}, sql: "SELECT count(*) FROM payment_transactions" },
  { entity: "transactions", filters: NY_RANGE, tz: "America/New_York", sql: "SELECT count(*) FROM payment_transactions WHERE created_at >= $1 AND created_at < $2", params: [NY_FROM, NY_TO] },
  { entity: "transactions", filters: { status: "succeeded", start_date: "2026-03-08", end_date: "2026-03-08" }, sql: "SELECT count(*) FROM payment_transactions WHERE status = 'succeeded' AND created_at >= '2026-03-08T00:00:00Z' AND created_at < '2026-03-09T00:00:00Z'" },
  { entity: "assignments", filters: {}, sql: "SELECT count(*) FROM assignments" },
  { entity: "assignments", filters: { ...NY_RANGE, status: "approved" }, tz: "America/New_York", sql: "SELECT count(*) FROM assignments WHERE status = 'approved' AND created_at >= $1 AND created_at < $2", params: [NY_FROM, NY_TO] },
  { entity: "payouts", filters: {}, sql: "SELECT count(*) FROM payouts" },
  { entity: "payouts", filters: NY_RANGE, tz: "America/New_York", sql: "SELECT count(*) FROM payouts WHERE requested_at >= $1 AND requested_at < $2", params: [NY_FROM, NY_TO] },
];

describe("the row estimate of a request", () => {
  it("counts exactly up to the threshold, then takes the planner's estimate (exports only)", async () => {
    await tdb.pool.query("ANALYZE payment_transactions");
    const [{ count }] = (await tdb.pool.query("SELECT count(*)::int AS count FROM payment_transactions")).rows;
    const plan = exportPlan({ entity: "transactions", filters: {}, timezone: "UTC" });
    expect(await estimateRows(db, plan)).toBe(count);
    expect(await estimateRows(db, plan, { planner: true })).toBe(count); // under the threshold: exact
    // the planner's figure: what EXPLAIN says of the same SELECT, worked out here independently
    const sql = plan.datasets[0].sql;
    const [{ "QUERY PLAN": [explained] }] = (await tdb.pool.query(`EXPLAIN (FORMAT JSON) ${sql.text}`, sql.values as unknown[])).rows;
    expect(await estimateRows(db, plan, { planner: true, exactUpTo: 1 })).toBe(Math.round(explained.Plan["Plan Rows"]));
  });
});

describe("exports: row counts equal independent SQL", () => {
  for (const c of CASES) {
    it(`${c.entity} ${JSON.stringify(c.filters)} ${c.tz ?? "UTC"}`, async () => {
      const [{ count }] = (await tdb.pool.query(c.sql, c.params ?? [])).rows;
      const expected = Number(count);
      const run = await exportRun(c.entity, c.filters, "csv", c.tz);
      expect(Number(run.estimatedRows)).toBe(expected);
      const r = await executeRun(db, run.id);
      expect(r).toMatchObject({ status: "completed", rows: expected });
      const rows = csvRows(await fileOf(run.id));
      expect(rows.length - 1).toBe(expected);
      const done = await db.reportRun.findUniqueOrThrow({ where: { id: run.id } });
      expect(done).toMatchObject({ status: "completed", progress: 100, rowCount: expected, attempt: 1 });
      const buf = await fileOf(run.id);
      expect(done.sha256).toBe(crypto.createHash("sha256").update(buf).digest("hex"));
      expect(Number(done.fileSizeBytes)).toBe(buf.length);
    });
  }

  it("the DST range really crosses the change: the day of 8 March counts 23 hours in New York", async () => {
    const [{ count }] = (await tdb.pool.query("SELECT count(*) FROM payment_transactions WHERE created_at >= $1 AND created_at < $2", [NY_FROM, NY_TO])).rows;
    expect(Number(count)).toBeGreaterThan(0);
    const utc = (await tdb.pool.query("SELECT count(*) FROM payment_transactions WHERE created_at >= '2026-03-07T00:00:00Z' AND created_at < '2026-03-10T00:00:00Z'")).rows[0].count;
    expect(Number(count)).not.toBe(Number(utc)); // the zone matters for this data
  });

  it("JSON and NDJSON carry the same rows", async () => {
    const [{ count }] = (await tdb.pool.query("SELECT count(*) FROM payouts")).rows;
    const j = await exportRun("payouts", {}, "json");
    await executeRun(db, j.id);
    const arr = JSON.parse((await fileOf(j.id)).toString("utf8"));
    expect(arr).toHaveLength(Number(count));
    const n = await exportRun("payouts", {}, "ndjson");
    await executeRun(db, n.id);
    const lines = (await fileOf(n.id)).toString("utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toEqual(arr);
    const sum = (await tdb.pool.query("SELECT sum(amount)::text AS s FROM payouts")).rows[0].s;
    const cents = arr.reduce((s: number, p: { amount: number }) => s + Math.round(p.amount * 100), 0);
    expect(cents).toBe(Math.round(Number(sum) * 100));
  });
});

/** An XLSX cell as the CSV writes it: datetimes as local wall time (compared on the first 19 characters), numbers as numbers. */
function xlsxText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 19);
  if (typeof v === "boolean") return v ? "true" : "false";
  return String(v);
}

describe("xlsx", () => {
  it("parsed back with exceljs equals the csv of the same run", async () => {
    const filters = { start_date: "2026-03-05", end_date: "2026-03-12" };
    const csv = await exportRun("transactions", filters, "csv", "America/New_York");
    const xlsx = await exportRun("transactions", filters, "xlsx", "America/New_York");
    await executeRun(db, csv.id);
    await executeRun(db, xlsx.id);
    const c = csvRows(await fileOf(csv.id));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fileOf(xlsx.id)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe("Transactions");
    expect(ws.rowCount).toBe(c.length);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.autoFilter).toBeTruthy();
    const amountCol = c[0].indexOf("Amount") + 1;
    expect(ws.getRow(2).getCell(amountCol).numFmt).toMatch(/\$/);
    for (let i = 0; i < c.length; i++) {
      const row = ws.getRow(i + 1);
      c[i].forEach((cell, j) => {
        const v = row.getCell(j + 1).value;
        if (v instanceof Date) expect(xlsxText(v)).toBe(cell.slice(0, 19)); // 2026-03-08T03:30:00-04:00 → wall time
        else if (typeof v === "number") expect(v).toBe(Number(cell));
        else expect(xlsxText(v)).toBe(cell);
      });
    }
  });

  it("splits sheets at the limit and adds a summary sheet to reports", async () => {
    const plan: ReportPlan = {
      fileStem: "numbers",
      datasets: [{ name: "Numbers", columns: [{ key: "n", label: "N", kind: "integer" }, { key: "amount", label: "Amount", kind: "money" }], sql: Prisma.sql`SELECT g AS n, (g * 1.25)::numeric(12,2)::text AS amount FROM generate_series(1, 25) g ORDER BY g` }],
      countSql: Prisma.sql`SELECT 25::bigint AS n`,
      totalsSql: Prisma.sql`SELECT sum(g)::bigint AS n, sum(g * 1.25)::numeric(12,2)::text AS amount FROM generate_series(1, 25) g`,
      parameters: { start_date: "2026-01-01", end_date: "2026-01-31" },
      timezone: "UTC",
    };
    const { run } = await createRun(db, { kind: "report", reportType: "revenue", parameters: {}, format: "xlsx", requestedBy: ADMIN, notify: false }, plan, noDispatch);
    const r = await executeRun(db, run.id, { plan, maxRowsPerSheet: 10, chunkRows: 7 });
    expect(r).toMatchObject({ status: "completed", rows: 25 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fileOf(run.id)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Numbers", "Numbers 2", "Numbers 3", "Summary"]);
    expect(wb.worksheets.slice(0, 3).map((w) => w.rowCount)).toEqual([11, 11, 6]);
    const all = wb.worksheets.slice(0, 3).flatMap((w) => w.getRows(2, w.rowCount - 1)!.map((row) => row.getCell(1).value));
    expect(all).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const summary = wb.getWorksheet("Summary")!;
    const cells = summary.getSheetValues().flat().filter((v) => v !== undefined && v !== null);
    expect(cells).toContain("2026-01-01");
    expect(cells).toContain(325); // 1 + … + 25
    expect(cells).toContain(406.25); // 1.25 × 325
  });
});

describe("formula injection", () => {
  const plan: ReportPlan = {
    fileStem: "formulas",
    datasets: [{
      name: "Formulas",
      columns: [{ key: "t", label: "Text", kind: "text" }, { key: "m", label: "Money", kind: "money" }, { key: "i", label: "Int", kind: "integer" }],
      sql: Prisma.sql`SELECT * FROM (VALUES (1, '=HYPERLINK("http://x","y")', '-12.50', -3), (2, '+1+1', '12.50', 4), (3, '-2+3', '0.00', 0),
        (4, '@SUM(A1)', '-0.01', -1), (5, E'\tTab', '1.00', 1), (6, E'\rCR', '2.00', 2), (7, 'plain =not', '3.00', 3)) v(o, t, m, i) ORDER BY o`,
    }],
    countSql: Prisma.sql`SELECT 7::bigint AS n`,
    parameters: {},
    timezone: "UTC",
  };
  const expectedText = [`'=HYPERLINK("http://x","y")`, "'+1+1", "'-2+3", "'@SUM(A1)", "'\tTab", "'\rCR", "plain =not"];

  it("csv: text starting with = + - @ tab CR is prefixed, numbers keep their sign", async () => {
    const { run } = await createRun(db, { kind: "export", entity: "users", parameters: {}, format: "csv", requestedBy: ADMIN, notify: false }, plan, noDispatch);
    await executeRun(db, run.id, { plan });
    const rows = csvRows(await fileOf(run.id)).slice(1);
    expect(rows.map((r) => r[0])).toEqual(expectedText);
    expect(rows.map((r) => r[1])).toEqual(["-12.50", "12.50", "0.00", "-0.01", "1.00", "2.00", "3.00"]);
    expect(rows.map((r) => r[2])).toEqual(["-3", "4", "0", "-1", "1", "2", "3"]);
  });

  it("xlsx: the same cells are text, never formulas; numbers stay negative numbers", async () => {
    const { run } = await createRun(db, { kind: "export", entity: "users", parameters: {}, format: "xlsx", requestedBy: ADMIN, notify: false }, plan, noDispatch);
    await executeRun(db, run.id, { plan });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fileOf(run.id)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows = ws.getRows(2, 7)!;
    expect(rows.map((r) => r.getCell(1).type)).toEqual(Array(7).fill(ExcelJS.ValueType.String));
    // XML reads a CR back as LF; the prefix is what matters.
    expect(rows.map((r) => r.getCell(1).value)).toEqual(expectedText.map((t) => t.replace("\r", "\n")));
    expect(rows.map((r) => r.getCell(2).value)).toEqual([-12.5, 12.5, 0, -0.01, 1, 2, 3]);
  });
});

/** A run of many rows with a slow query: pg_sleep per row keeps the cursor busy. */
const slowPlan = (rows: number): ReportPlan => ({
  fileStem: "slow",
  datasets: [{ name: "Slow", columns: [{ key: "n", label: "N", kind: "integer" }], sql: Prisma.sql`SELECT g AS n FROM generate_series(1, ${rows}::int) g, LATERAL (SELECT pg_sleep(0.002)) s ORDER BY g` }],
  countSql: Prisma.sql`SELECT ${rows}::bigint AS n`,
  parameters: {},
  timezone: "UTC",
});

describe("cancel", () => {
  it("stops at the next chunk and ends failed 'cancelled', without a file", async () => {
    const plan = slowPlan(400);
    const { run } = await createRun(db, { kind: "export", entity: "users", parameters: {}, format: "csv", requestedBy: ADMIN, notify: true }, plan, noDispatch);
    const r = await executeRun(db, run.id, {
      plan,
      chunkRows: 20,
      afterChunk: async (done) => {
        if (done === 40) expect(await requestCancel(db, run.id)).toBe(true);
      },
    });
    expect(r).toMatchObject({ status: "failed", error: "cancelled" });
    const after = await db.reportRun.findUniqueOrThrow({ where: { id: run.id } });
    // Cancelled after the chunk that ended at 40 rows: the next chunk (to 60) is the last.
    expect(after).toMatchObject({ status: "failed", errorMessage: "cancelled", rowCount: 60 });
    await expect(fileStore().get(fileKeyOf(after))).rejects.toThrow(/no stored file/);
    expect(await notifyRun(db, run.id)).toMatchObject({ sent: false });
    // A cancelled run is never claimed again.
    expect(await executeRun(db, run.id, { plan })).toMatchObject({ status: "skipped" });
  });

  it("a waiting run fails at once; a finished one cannot be cancelled", async () => {
    const run = await exportRun("users", {}, "csv");
    expect(await requestCancel(db, run.id)).toBe(true);
    expect(await db.reportRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "failed", errorMessage: "cancelled" });
    const done = await exportRun("users", {}, "csv");
    await executeRun(db, done.id);
    expect(await requestCancel(db, done.id)).toBe(false);
  });
});

describe("a worker killed mid-run", () => {
  it("ends failed, then the retry completes with one file and one email", async () => {
    const [{ count }] = (await tdb.pool.query("SELECT count(*) FROM payment_transactions")).rows;
    const run = await exportRun("transactions", {}, "csv", "UTC", true);
    const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/run-worker.ts", tdb.url, run.id], {
      env: { ...process.env, FILES_DIR: FILES },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d) => {
        out += d;
        if (/chunk 60\n/.test(out)) resolve();
      });
      child.on("exit", () => reject(new Error(`worker exited early: ${out}`)));
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect(out).not.toMatch(/done/);

    const mid = await db.reportRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(mid).toMatchObject({ status: "processing", attempt: 1 });
    expect(mid.rowCount).toBeGreaterThan(0);
    expect(mid.rowCount).toBeLessThan(Number(count));
    await expect(fileStore().get(fileKeyOf(mid))).rejects.toThrow(/no stored file/); // nothing visible

    // The reaper, a little later: failed, and dispatched again.
    const redispatched: string[] = [];
    const reap = await reapStaleRuns(db, async (r) => void redispatched.push(r.id), new Date(Date.now() + 10 * 60_000));
    expect(reap.reaped).toContain(run.id);
    expect(redispatched).toContain(run.id);
    const failed = await db.reportRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(failed.status).toBe("failed");
    expect(failed.errorMessage).toMatch(/stopped responding \(attempt 1\); retrying/);

    const retry = await executeRun(db, run.id);
    expect(retry).toMatchObject({ status: "completed", attempt: 2, rows: Number(count) });
    expect(csvRows(await fileOf(run.id)).length - 1).toBe(Number(count));
    const dir = path.join(FILES, "runs", run.id);
    expect(fs.readdirSync(dir).filter((f) => !f.includes(".partial-"))).toEqual([mid.fileName]);

    // The job's notify step, run twice (a retried step): one email.
    expect(await notifyRun(db, run.id)).toMatchObject({ sent: true, status: "outbox" });
    expect(await notifyRun(db, run.id)).toMatchObject({ sent: false, reason: "already sent" });
    const mails = await db.outboxEmail.findMany({ where: { kind: "report_run", ref: run.id } });
    expect(mails).toHaveLength(1);
    expect(mails[0].toAddress).toBe("boss@example.test");
    expect(mails[0].subject).toMatch(/Your export is ready/);
    expect(mails[0].text).toContain(`${Number(count).toLocaleString("en-US")} rows`);
    const token = /https?:\/\/[^\s/]+\/api\/v1\/downloads\/([A-Za-z0-9._-]+)/.exec(mails[0].text)![1];
    const res = await serveDownload(db, token, null);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(await fileOf(run.id))).toBe(true);
    // An executed-again job for a completed run does nothing.
    expect(await executeRun(db, run.id)).toMatchObject({ status: "skipped" });
  }, 120_000);

  it("is not retried past the attempts limit, nor when cancelled", async () => {
    const a = await exportRun("users", {}, "csv");
    const b = await exportRun("users", {}, "csv");
    const old = new Date(Date.now() - 3600_000);
    await db.reportRun.update({ where: { id: a.id }, data: { status: "processing", attempt: 3, heartbeatAt: old } });
    await db.reportRun.update({ where: { id: b.id }, data: { status: "processing", attempt: 1, heartbeatAt: old, cancelRequested: true } });
    const redispatched: string[] = [];
    await reapStaleRuns(db, async (r) => void redispatched.push(r.id));
    expect(redispatched).not.toContain(a.id);
    expect(redispatched).not.toContain(b.id);
    expect((await db.reportRun.findUniqueOrThrow({ where: { id: a.id } })).errorMessage).toMatch(/no attempts left/);
    expect((await db.reportRun.findUniqueOrThrow({ where: { id: b.id } })).errorMessage).toBe("cancelled");
    expect(await executeRun(db, a.id)).toMatchObject({ status: "skipped" });
  });
});

describe("download links", () => {
  it("tampered → 403, another admin → 403, expired → 410 offering a new link, the admin who asked → the file", async () => {
    const run = await exportRun("payouts", {}, "csv");
    await executeRun(db, run.id);
    const done = await db.reportRun.findUniqueOrThrow({ where: { id: run.id } });
    const good = signDownload({ runId: run.id, userId: ADMIN, expiresAt: new Date(Date.now() + 3600_000) });
    const res = await serveDownload(db, good, { id: ADMIN, email: "boss@example.test", name: "Boss", role: "admin", timeZone: "UTC" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="payouts_all.csv"`);
    expect(Number(res.headers.get("content-length"))).toBe(Number(done.fileSizeBytes));
    expect(crypto.createHash("sha256").update(Buffer.from(await res.arrayBuffer())).digest("hex")).toBe(done.sha256);

    const tampered = good.replace(ADMIN, OTHER_ADMIN);
    expect((await serveDownload(db, tampered, null)).status).toBe(403);
    expect((await serveDownload(db, good.slice(0, -2) + "xx", null)).status).toBe(403);
    const other = await serveDownload(db, good, { id: OTHER_ADMIN, email: "other@example.test", name: "Other", role: "admin", timeZone: "UTC" });
    expect(other.status).toBe(403);
    // A link signed for the other admin is refused too: the run is not theirs.
    expect((await serveDownload(db, signDownload({ runId: run.id, userId: OTHER_ADMIN, expiresAt: new Date(Date.now() + 3600_000) }), null)).status).toBe(403);
    const expired = await serveDownload(db, signDownload({ runId: run.id, userId: ADMIN, expiresAt: new Date(Date.now() - 1000) }), null);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain(`/api/v1/admin/reports/runs/${run.id}/download`);
  });

  it("the nightly job deletes expired files; their links then answer 410", async () => {
    const run = await exportRun("users", {}, "csv");
    await executeRun(db, run.id);
    const token = signDownload({ runId: run.id, userId: ADMIN, expiresAt: new Date(Date.now() + 3600_000) });
    await db.reportRun.update({ where: { id: run.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const r = await deleteExpiredFiles(db);
    expect(r.deleted).toBeGreaterThanOrEqual(1);
    const after = await db.reportRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(after.fileDeletedAt).not.toBeNull();
    await expect(fileStore().get(after.fileKey!)).rejects.toThrow(/no stored file/);
    expect((await serveDownload(db, token, null)).status).toBe(410);
  });
});

describe("export request validation", () => {
  it("names unknown filter keys and filters the entity does not take", () => {
    const unknown = exportRequest.safeParse({ entity: "users", format: "csv", filters: { colour: "red", start_date: "2026-01-01" } });
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error!.issues)).toContain("colour");
    const role = exportRequest.safeParse({ entity: "transactions", format: "csv", filters: { role: "admin" } });
    expect(role.error!.issues[0].path).toEqual(["filters", "role"]);
    const status = exportRequest.safeParse({ entity: "payouts", format: "csv", filters: { status: "succeeded" } });
    expect(status.error!.issues[0].path).toEqual(["filters", "status"]);
    const range = exportRequest.safeParse({ entity: "payouts", format: "csv", filters: { start_date: "2026-02-01", end_date: "2026-01-01" } });
    expect(range.error!.issues[0].path).toEqual(["filters", "end_date"]);
    expect(exportRequest.parse({ entity: "users", format: "xlsx" })).toMatchObject({ filters: {}, timezone: "UTC", notify: true });
  });
});

describe("the export-run job through Inngest (@inngest/test)", () => {
  it("writes the file, then emails once", async () => {
    const run = await exportRun("users", { role: "uploader" }, "xlsx", "UTC", true);
    const t = new InngestTestEngine({ function: inngestFunctionFor(exportRunJob, () => db), events: [{ name: "exports/requested", data: { run_id: run.id } }] });
    const { result, error } = await t.execute();
    expect(error).toBeUndefined();
    const [{ count }] = (await tdb.pool.query("SELECT count(*) FROM users WHERE role = 'uploader'")).rows;
    expect(result).toMatchObject({ execute: { status: "completed", rows: Number(count) }, notify: { sent: true } });
    expect(await db.outboxEmail.count({ where: { kind: "report_run", ref: run.id } })).toBe(1);
    expect(await db.jobRun.findFirst({ where: { job: "export-run" }, orderBy: { startedAt: "desc" } })).toMatchObject({ driver: "inngest", status: "completed" });
  });
});
