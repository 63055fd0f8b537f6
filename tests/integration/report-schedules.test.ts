// Scheduled saved reports against a real PostgreSQL: DST behaviour of the
// schedule (02:30 on spring-forward, 01:30 on fall-back, New York and Paris);
// each slot runs through the run engine (slot → report_runs row → file in
// the store → email with the file attached, or linked by a signed link that
// the download route serves when the file is over the attachment limit);
// two dispatchers over the same due schedules create, run and send each slot
// once, and a retried job sends nothing more; catch-up (latest slot within
// the hour runs, older ones are missed); if_rows and if_changed skips
// recorded with their reasons; a scheduled financial report; a failed run
// fails its slot and every delivery with the run's error, tells the owner
// once and shows on the saved reports list; Run now / Send now; and a
// failing provider (Resend's SDK against a local server answering 500 for one
// recipient): retries with backoff, then failed with the provider's error
// per recipient and one notice to the owner.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrisma, type Db } from "@/lib/db";
import { verifyDownload } from "@/lib/links/signed";
import { createSavedReport, listSavedReports } from "@/lib/reports/saved";
import {
  dispatchSchedules, instantsBetween, MAX_ATTEMPTS, runPendingSlots, runReportNow, runSavedReport, settleSlots, type DispatchRun,
} from "@/lib/reports/schedules";
import { serveDownload } from "@/lib/runs/download";
import { executeRun } from "@/lib/runs/execute";
import { fileStore } from "@/lib/storage";
import { savedReportBody } from "@/lib/validation/custom-reports";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { startFakeResend, type FakeResend } from "../helpers/resend-server";

const FILES = fs.mkdtempSync(path.join(os.tmpdir(), "schedule-files-"));
process.env.FILES_DIR = FILES;

let t: TestDatabase;
let db: Db;
let owner: string;
let other: string;

beforeAll(async () => {
  t = await createTestDatabase();
  db = createPrisma(t.url, 6);
  const { rows } = await t.pool.query(`
    INSERT INTO users (role, email, name, password_hash) VALUES
      ('admin', 'owner@example.com', 'Owner', 'x'), ('uploader', 'up@example.com', 'Up', 'x'), ('admin', 'other@example.com', 'Other', 'x') RETURNING id`);
  owner = rows[0].id;
  other = rows[2].id;
  await t.pool.query(`
    INSERT INTO payment_transactions (uploader_id, type, status, amount, method, created_at)
    SELECT $1, 'charge', 'succeeded', 10.00 + g, 'card', TIMESTAMPTZ '2026-03-01 12:00:00+00' + g * interval '1 day'
    FROM generate_series(0, 20) g`, [rows[1].id]);
});
afterAll(async () => {
  await db?.$disconnect();
  await t?.drop();
  fs.rmSync(FILES, { recursive: true, force: true });
});
beforeEach(async () => {
  await t.pool.query(`DELETE FROM saved_reports; DELETE FROM outbox_emails; DELETE FROM report_runs`);
});

async function schedule(over: Record<string, unknown>, now: Date) {
  const input = savedReportBody.parse({
    name: "Daily revenue",
    config: { metrics: ["revenue", "transactions"], date_range: { relative: "last_7_days" }, group_by: ["day"] },
    is_scheduled: true, schedule_cron: "0 9 * * *", recipients: ["a@example.com", "b@example.com"], timezone: "UTC", format: "csv",
    ...over,
  });
  return createSavedReport(db, owner, input, now);
}
const outbox = async (kind = "scheduled_report") =>
  (await t.pool.query(`SELECT to_address, subject, attachments, html, text, status, error FROM outbox_emails WHERE kind = $1 ORDER BY to_address`, [kind])).rows;
/** The job of each run, awaited here (instead of in the background) at the tick's instant. */
const inline = (now: Date, attachLimit?: number): DispatchRun => (r) => runSavedReport(db, r.id, { now, attachLimit });
async function tick(now: Date, attachLimit?: number) {
  await dispatchSchedules(db, now);
  await runPendingSlots(db, now, inline(now, attachLimit));
}
async function fileOf(runId: string): Promise<Buffer> {
  const run = await db.reportRun.findUniqueOrThrow({ where: { id: runId } });
  const { body } = await fileStore().get(run.fileKey!);
  const parts: Buffer[] = [];
  for await (const c of body) parts.push(c as Buffer);
  return Buffer.concat(parts);
}
const csvRows = (buf: Buffer) => Papa.parse<string[]>(buf.toString("utf8").replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;

describe("schedules in their zone across DST (croner)", () => {
  const at = (cron: string, tz: string, from: string, to: string) => instantsBetween(cron, tz, new Date(from), new Date(to)).map((d) => d.toISOString());
  it("02:30 on the spring-forward day runs at 03:00, the first instant after the gap", () => {
    expect(at("30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", "2026-03-09T12:00:00Z")).toEqual(["2026-03-08T07:00:00.000Z", "2026-03-09T06:30:00.000Z"]);
    expect(at("30 2 * * *", "Europe/Paris", "2026-03-28T12:00:00Z", "2026-03-30T12:00:00Z")).toEqual(["2026-03-29T01:00:00.000Z", "2026-03-30T00:30:00.000Z"]);
  });
  it("01:30 (Paris: 02:30) on the fall-back day runs once, at its first occurrence", () => {
    expect(at("30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", "2026-11-02T12:00:00Z")).toEqual(["2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z"]);
    expect(at("30 2 * * *", "Europe/Paris", "2026-10-24T12:00:00Z", "2026-10-26T12:00:00Z")).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z"]);
  });
  it("an interval schedule keeps its real-time spacing through the repeated hour", () => {
    expect(at("*/30 * * * *", "America/New_York", "2026-11-01T04:50:00Z", "2026-11-01T06:40:00Z"))
      .toEqual(["2026-11-01T05:00:00.000Z", "2026-11-01T05:30:00.000Z", "2026-11-01T06:00:00.000Z", "2026-11-01T06:30:00.000Z"]);
  });
});

describe("dispatcher and the run engine", () => {
  it("two dispatchers started together: each slot becomes one run, one file and one email per recipient, with the file attached", async () => {
    const saved = new Date("2026-03-20T08:00:00Z");
    const reports = await Promise.all([1, 2, 3].map((i) => schedule({ name: `Report ${i}` }, saved)));
    expect(reports[0].next_run_at).toBe("2026-03-20T09:00:00.000Z");
    const now = new Date("2026-03-20T09:00:20Z");
    const [a, b] = await Promise.all([dispatchSchedules(db, now), dispatchSchedules(db, now)]);
    expect(a.created.length + b.created.length).toBe(3);
    await Promise.all([runPendingSlots(db, now, inline(now)), runPendingSlots(db, now, inline(now)), runPendingSlots(db, now, inline(now))]);

    // slot → its run (linked both ways) → a completed file in the store
    const { rows: slots } = await t.pool.query(`
      SELECT s.status, s.run_id::text, r.report_id::text = s.report_id::text AS linked, r.status AS run_status, r.progress, r.row_count, r.file_name, r.file_size_bytes::int AS size,
             r.notify, r.requested_by::text AS requested_by
      FROM report_schedule_slots s JOIN report_runs r ON r.id = s.run_id ORDER BY r.file_name`);
    expect(slots).toHaveLength(3);
    for (const s of slots) expect(s).toMatchObject({ status: "sent", linked: true, run_status: "completed", progress: 100, row_count: 7, notify: false, requested_by: owner });
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM report_runs`)).rows[0].n).toBe(3);
    const file = csvRows(await fileOf(slots[0].run_id));
    expect(file[0]).toEqual(["Day", "Revenue", "Transactions"]);
    // the 7 days 13–19 March, one charge a day of 10 + (day − 1): independent of the code under test
    expect(file.slice(1).map((r) => [r[0], Number(r[1]), Number(r[2])])).toEqual(
      Array.from({ length: 7 }, (_, i) => [`2026-03-${13 + i}`, 10 + 12 + i, 1]),
    );

    const mails = await outbox();
    expect(mails).toHaveLength(6); // 3 reports × 2 recipients, once each
    expect(mails[0].subject).toMatch(/^Report \d — 2026-03-13 to 2026-03-19$/);
    expect(mails[0].attachments).toEqual([{ filename: expect.stringMatching(/^report_\d_2026-03-13_2026-03-19\.csv$/), content_type: "text/csv; charset=utf-8", size: slots[0].size }]);
    // revenue of 13–19 March: 7 × 10 + (12 + … + 18) = 175.00
    expect(mails[0].html).toContain("Revenue: $175.00");
    expect(mails[0].html).toContain("Transactions: 7");
    expect(mails[0].text).toMatch(/2026-03-13.*\$22\.00/s); // the first row of the inline table

    // a retried job, a second tick, a second settle: nothing more is created or sent
    for (const s of slots) expect(await runSavedReport(db, s.run_id, { now })).toMatchObject({ run: "skipped", slot: "sent" });
    expect((await dispatchSchedules(db, now)).created).toEqual([]);
    expect(await settleSlots(db, new Date(now.getTime() + 5 * 60_000))).toBe(0);
    expect(await outbox()).toHaveLength(6);
    const list = await t.pool.query(`SELECT last_run_status, next_run_at FROM saved_reports`);
    for (const r of list.rows) expect([r.last_run_status, r.next_run_at.toISOString()]).toEqual(["sent", "2026-03-21T09:00:00.000Z"]);
  });

  it("a file over the attachment limit is linked: the signed link serves the file to a recipient", async () => {
    await schedule({ format: "xlsx", recipients: ["big@example.com"] }, new Date("2026-03-20T08:00:00Z"));
    await tick(new Date("2026-03-20T09:00:00Z"), 1024); // an XLSX is over 1 KB
    const [mail] = await outbox();
    expect(mail.attachments).toBeNull();
    const url = /href="([^"]*\/api\/v1\/downloads\/[^"]+)"/.exec(mail.html)?.[1];
    expect(url).toBeTruthy();
    const token = decodeURIComponent(url!.split("/api/v1/downloads/")[1]);
    const run = await db.reportRun.findFirstOrThrow();
    // bound to the run and the schedule's owner, valid as long as the file is kept
    expect(verifyDownload(token)).toMatchObject({ ok: true, claims: { runId: run.id, userId: owner, expiresAt: new Date(Math.floor(run.expiresAt!.getTime() / 1000) * 1000) } });
    expect(run.fileSizeBytes! > 1024n).toBe(true);
    for (const viewer of [null, { id: other, email: "other@example.com", name: "Other", role: "admin" as const, timeZone: "UTC" }]) {
      const res = await serveDownload(db, token, viewer);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${run.fileName}"`);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.equals(await fileOf(run.id))).toBe(true);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(body as unknown as ArrayBuffer);
      expect(wb.getWorksheet("Report")!.getRow(1).values).toEqual([undefined, "Day", "Revenue", "Transactions"]);
    }
    expect((await serveDownload(db, token.slice(0, -2) + "xx", null)).status).toBe(403);
    // the link dies with its report (its runs cascade)
    await t.pool.query(`DELETE FROM saved_reports`);
    expect((await serveDownload(db, token, null)).status).toBe(403);
  });

  it("after downtime the latest slot within the hour runs once and older slots are recorded as missed", async () => {
    await schedule({ schedule_cron: "*/15 * * * *" }, new Date("2026-03-20T06:01:00Z")); // next 06:15
    const now = new Date("2026-03-20T09:10:00Z"); // down 06:15 … 09:00
    const r = await dispatchSchedules(db, now);
    expect(r.created.map((s) => s.scheduled_for.toISOString())).toEqual(["2026-03-20T09:00:00.000Z"]);
    expect(r.missed).toBe(11); // 06:15 … 08:45
    await runPendingSlots(db, now, inline(now));
    expect(await outbox()).toHaveLength(2);
    const next = await t.pool.query(`SELECT next_run_at FROM saved_reports`);
    expect(next.rows[0].next_run_at.toISOString()).toBe("2026-03-20T09:15:00.000Z");
  });
});

describe("send conditions", () => {
  it("if_rows skips an empty result and records it with the reason for each recipient", async () => {
    await schedule({
      send_condition: "if_rows",
      config: { metrics: ["revenue"], date_range: { relative: "last_7_days" }, filters: [{ dimension: "country", op: "eq", values: ["FR"] }] },
    }, new Date("2026-03-20T08:00:00Z"));
    await tick(new Date("2026-03-20T09:00:05Z"));
    expect(await outbox()).toHaveLength(0);
    const { rows } = await t.pool.query(`
      SELECT s.status, s.reason, d.status AS delivery, d.error, r.status AS run FROM report_schedule_slots s
      JOIN report_deliveries d ON d.slot_id = s.id JOIN report_runs r ON r.id = s.run_id`);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toMatchObject({ status: "skipped", delivery: "skipped", run: "completed", reason: expect.stringMatching(/empty/), error: expect.stringMatching(/empty/) });
    expect((await listSavedReports(db))[0]).toMatchObject({ last_run_status: "skipped", last_run_reason: expect.stringMatching(/empty/) });
  });

  it("if_changed skips a result equal to the last one sent, with the reason", async () => {
    await schedule({ send_condition: "if_changed", config: { metrics: ["revenue"], date_range: { start_date: "2026-03-01", end_date: "2026-03-31" } } }, new Date("2026-03-29T08:00:00Z"));
    for (const day of ["2026-03-29", "2026-03-30"]) await tick(new Date(`${day}T09:00:00Z`));
    // the March total did not move between the two mornings (no charge after the 21st)
    const { rows } = await t.pool.query(`SELECT status, reason, rows_hash FROM report_schedule_slots ORDER BY scheduled_for`);
    expect(rows.map((r) => r.status)).toEqual(["sent", "skipped"]);
    expect(rows[1].reason).toMatch(/equals the one sent for 2026-03-29T09:00:00.000Z/);
    expect(rows[1].rows_hash).toBe(rows[0].rows_hash);
    await t.pool.query(`INSERT INTO payment_transactions (uploader_id, type, status, amount, method, created_at)
      SELECT id, 'charge', 'succeeded', 5.00, 'card', '2026-03-30T10:00:00Z' FROM users WHERE role = 'uploader'`);
    await tick(new Date("2026-03-31T09:00:00Z"));
    expect((await t.pool.query(`SELECT status FROM report_schedule_slots ORDER BY scheduled_for`)).rows.map((r) => r.status)).toEqual(["sent", "skipped", "sent"]);
    expect(await outbox()).toHaveLength(4);
    await t.pool.query(`DELETE FROM payment_transactions WHERE created_at = '2026-03-30T10:00:00Z'`);
  });
});

describe("financial reports, failures, Run now and Send now", () => {
  it("a scheduled financial report runs its US-7.8 plan over the resolved range and emails it", async () => {
    await schedule({ name: "Weekly revenue", report_type: "revenue", config: { date_range: { relative: "last_7_days" }, group_by: "day" }, format: "xlsx" },
      new Date("2026-03-20T08:00:00Z"));
    await tick(new Date("2026-03-20T09:00:00Z"));
    const run = await db.reportRun.findFirstOrThrow();
    expect(run).toMatchObject({ reportType: "revenue", status: "completed", format: "xlsx", parameters: { start_date: "2026-03-13", end_date: "2026-03-19", group_by: "day", timezone: "UTC" } });
    const mails = await outbox();
    expect(mails).toHaveLength(2);
    expect(mails[0].subject).toBe("Weekly revenue — 2026-03-13 to 2026-03-19");
    expect(mails[0].attachments[0].filename).toBe(run.fileName);
    expect(run.fileName).toMatch(/\.xlsx$/);
    expect(mails[0].html).toContain("Charges (gross revenue): $175.00");
    // the attached workbook's first sheet: one row a day, charges 22 … 28
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fileOf(run.id)) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const charges = [];
    for (let i = 2; i <= sheet.rowCount; i++) charges.push(Number(sheet.getRow(i).getCell(2).value));
    expect(charges.slice(0, 7)).toEqual([22, 23, 24, 25, 26, 27, 28]);
  });

  it("a failed run fails its slot and each delivery with the run's error, tells the owner once and shows on the list", async () => {
    await schedule({ name: "Broken", report_type: "transactions", config: { date_range: { relative: "last_7_days" } } }, new Date("2026-03-20T08:00:00Z"));
    await t.pool.query(`ALTER TABLE payment_transactions RENAME TO payment_transactions_away`);
    try {
      await tick(new Date("2026-03-20T09:00:00Z"));
    } finally {
      await t.pool.query(`ALTER TABLE payment_transactions_away RENAME TO payment_transactions`);
    }
    const { rows: [slot] } = await t.pool.query(`SELECT s.status, s.reason, r.status AS run, r.error_message FROM report_schedule_slots s JOIN report_runs r ON r.id = s.run_id`);
    expect(slot).toMatchObject({ status: "failed", run: "failed", reason: expect.stringMatching(/^the report run failed: .*payment_transactions.* does not exist/) });
    const { rows: deliveries } = await t.pool.query(`SELECT recipient, status, error FROM report_deliveries ORDER BY recipient`);
    expect(deliveries).toEqual(["a@example.com", "b@example.com"].map((recipient) => ({ recipient, status: "failed", error: slot.reason })));
    expect(await outbox()).toHaveLength(0);
    const notices = await outbox("scheduled_report_failure");
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ to_address: "owner@example.com", subject: expect.stringMatching(/Broken/) });
    expect(notices[0].text).toContain("does not exist");
    expect((await listSavedReports(db))[0]).toMatchObject({ last_run_status: "failed", last_run_reason: slot.reason });
    // the tick's sweep finds nothing left to do
    expect(await settleSlots(db, new Date("2026-03-20T10:00:00Z"))).toBe(0);
    expect(await outbox("scheduled_report_failure")).toHaveLength(1);
  });

  it("a completed run whose job died before delivering is delivered by the next tick's sweep, once", async () => {
    await schedule({}, new Date("2026-03-20T08:00:00Z"));
    const now = new Date("2026-03-20T09:00:00Z");
    await dispatchSchedules(db, now);
    const runs: string[] = [];
    await runPendingSlots(db, now, async (r) => void runs.push(r.id)); // the dispatch is lost
    expect(await settleSlots(db, now)).toBe(0); // still pending: the runs reaper's business
    await executeRun(db, runs[0]); // a worker writes the file, then dies before delivering
    const later = new Date(Date.now() + 2 * 60_000);
    await Promise.all([settleSlots(db, later), settleSlots(db, later)]);
    expect(await outbox()).toHaveLength(2);
    expect((await t.pool.query(`SELECT status FROM report_schedule_slots`)).rows[0].status).toBe("sent");
  });

  it("Run now writes the file without email; Send now of a financial report emails it whatever the send condition", async () => {
    const report = await schedule({ name: "Payouts", report_type: "payouts", config: { date_range: { relative: "last_month" } }, send_condition: "if_rows", is_scheduled: false }, new Date("2026-03-20T08:00:00Z"));
    const now = new Date("2026-03-20T10:00:00Z");
    const ran = await runReportNow(db, report.id, other, false, { now, dispatchRun: inline(now) });
    // (the job ran inline: the answer already has the run's end; the API's answers "running")
    expect(ran.reason).toBe("run now: the file was written, not emailed");
    expect(ran).toMatchObject({ trigger: "run_now", status: "completed", run_id: expect.any(String), report_run: { status: "completed", progress: 100 } });
    let slot = await db.reportScheduleSlot.findUniqueOrThrow({ where: { id: ran.id }, include: { run: true } });
    expect(slot).toMatchObject({ status: "completed", run: { status: "completed", requestedBy: other, reportId: report.id } });
    expect(await outbox()).toHaveLength(0);
    const sent = await runReportNow(db, report.id, other, true, { now: new Date(now.getTime() + 1000), dispatchRun: inline(now) });
    slot = await db.reportScheduleSlot.findUniqueOrThrow({ where: { id: sent.id }, include: { run: true } });
    expect(slot.status).toBe("sent"); // no payouts in February: empty, but "Send now" ignores if_rows
    const mails = await outbox();
    expect(mails.map((m) => m.to_address)).toEqual(["a@example.com", "b@example.com"]);
    expect(mails[0].subject).toBe("Payouts — 2026-02-01 to 2026-02-28");
  });
});

describe("a failing provider", () => {
  let resend: FakeResend;
  beforeAll(async () => {
    resend = await startFakeResend("re_test_key");
    Object.assign(process.env, { RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: resend.url, MAIL_FROM: "Reports <reports@example.com>" });
  });
  afterAll(async () => {
    for (const k of ["RESEND_API_KEY", "RESEND_BASE_URL", "MAIL_FROM"]) delete process.env[k];
    await resend?.close();
  });

  it("retries with backoff, then fails with the error per recipient and one notice to the owner", async () => {
    // the real sendMail, through Resend's SDK to the local server
    await schedule({ recipients: ["ok@example.com", "x+500@example.com"] }, new Date("2026-03-20T08:00:00Z"));
    let now = new Date("2026-03-20T09:00:00Z");
    await tick(now);
    const toOk = resend.requests.filter((r) => [r.body.to].flat().includes("ok@example.com"));
    expect(toOk).toHaveLength(1);
    expect(toOk[0].body.attachments[0].filename).toMatch(/\.csv$/);
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      expect((await t.pool.query(`SELECT status FROM report_schedule_slots`)).rows[0].status).toBe("running");
      expect(await settleSlots(db, new Date(now.getTime() + 30_000))).toBe(0); // not before its backoff
      now = new Date(now.getTime() + 16 * 60_000);
      // two dispatchers retrying at once send it once
      expect((await Promise.all([settleSlots(db, now), settleSlots(db, now)])).reduce((a, b) => a + b)).toBeGreaterThanOrEqual(1);
    }
    const { rows } = await t.pool.query(`SELECT recipient, status, attempts, error FROM report_deliveries ORDER BY recipient`);
    expect(rows).toEqual([
      { recipient: "ok@example.com", status: "sent", attempts: 1, error: null },
      { recipient: "x+500@example.com", status: "failed", attempts: MAX_ATTEMPTS, error: expect.stringMatching(/unexpected error|500/i) },
    ]);
    // the provider saw MAX_ATTEMPTS report emails to the failing address
    expect(resend.requests.filter((r) => [r.body.to].flat().includes("x+500@example.com"))).toHaveLength(MAX_ATTEMPTS);
    expect((await t.pool.query(`SELECT status, reason FROM report_schedule_slots`)).rows[0]).toEqual({ status: "failed", reason: "1 of 2 recipients failed" });
    expect((await t.pool.query(`SELECT last_run_status FROM saved_reports`)).rows[0].last_run_status).toBe("failed");
    const notices = await outbox("scheduled_report_failure");
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ to_address: "owner@example.com", status: "sent" });
    expect(notices[0].text).toContain("x+500@example.com");
    expect(await settleSlots(db, new Date(now.getTime() + 60 * 60_000))).toBe(0);
    expect(await outbox("scheduled_report_failure")).toHaveLength(1);
  });
});

describe("tick cost", () => {
  it("1,000 saved schedules, a few due: one tick", async () => {
    await t.pool.query(`
      INSERT INTO saved_reports (created_by, name, report_type, config, is_scheduled, schedule_cron, recipients, timezone, next_run_at)
      SELECT $1, 'r' || g, 'custom', '{"metrics":["revenue"],"date_range":{"relative":"last_7_days"}}', true, '0 9 * * *', ARRAY['a@example.com'], 'UTC',
             CASE WHEN g <= 10 THEN TIMESTAMPTZ '2026-03-20 09:00:00+00' ELSE TIMESTAMPTZ '2026-03-21 09:00:00+00' END
      FROM generate_series(1, 1000) g`, [owner]);
    const t0 = performance.now();
    const r = await dispatchSchedules(db, new Date("2026-03-20T09:00:10Z"));
    const ms = performance.now() - t0;
    expect(r.created).toHaveLength(10);
    console.log(`dispatcher tick, 1,000 schedules (10 due): ${ms.toFixed(1)} ms`);
  });
});
