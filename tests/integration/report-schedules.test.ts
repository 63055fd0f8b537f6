// Scheduled saved reports against a real PostgreSQL: DST behaviour of the
// schedule (02:30 on spring-forward, 01:30 on fall-back, New York and Paris),
// two dispatchers over the same due schedules create and send each slot once,
// catch-up (latest slot within the hour runs, older ones are missed),
// if_rows and if_changed, and a failing provider (Resend's SDK against a local
// server answering 500 for one recipient): retries with backoff, then failed
// with the provider's error per recipient and one notice to the owner.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrisma, type Db } from "@/lib/db";
import { createSavedReport } from "@/lib/reports/saved";
import { dispatchSchedules, instantsBetween, MAX_ATTEMPTS, retryDeliveries, runPendingSlots } from "@/lib/reports/schedules";
import { savedReportBody } from "@/lib/validation/custom-reports";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { startFakeResend, type FakeResend } from "../helpers/resend-server";

let t: TestDatabase;
let db: Db;
let owner: string;

beforeAll(async () => {
  t = await createTestDatabase();
  db = createPrisma(t.url, 6);
  const { rows } = await t.pool.query(`
    INSERT INTO users (role, email, name, password_hash) VALUES
      ('admin', 'owner@example.com', 'Owner', 'x'), ('uploader', 'up@example.com', 'Up', 'x') RETURNING id`);
  owner = rows[0].id;
  await t.pool.query(`
    INSERT INTO payment_transactions (uploader_id, type, status, amount, method, created_at)
    SELECT $1, 'charge', 'succeeded', 10.00 + g, 'card', TIMESTAMPTZ '2026-03-01 12:00:00+00' + g * interval '1 day'
    FROM generate_series(0, 20) g`, [rows[1].id]);
});
afterAll(async () => {
  await db?.$disconnect();
  await t?.drop();
});
beforeEach(async () => {
  await t.pool.query(`DELETE FROM saved_reports; DELETE FROM outbox_emails`);
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
const outbox = async (kind = "scheduled_report") => (await t.pool.query(`SELECT to_address, subject, attachments, html, status, error FROM outbox_emails WHERE kind = $1 ORDER BY to_address`, [kind])).rows;

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

describe("dispatcher", () => {
  it("two dispatchers started together over the same due schedules send each slot once", async () => {
    const saved = new Date("2026-03-20T08:00:00Z");
    const reports = await Promise.all([1, 2, 3].map((i) => schedule({ name: `Report ${i}` }, saved)));
    expect(reports[0].next_run_at).toBe("2026-03-20T09:00:00.000Z");
    const tick = new Date("2026-03-20T09:00:20Z");
    const [a, b] = await Promise.all([dispatchSchedules(db, tick), dispatchSchedules(db, tick)]);
    expect(a.created.length + b.created.length).toBe(3);
    await Promise.all([runPendingSlots(db, tick), runPendingSlots(db, tick), runPendingSlots(db, tick)]);
    const mails = await outbox();
    expect(mails).toHaveLength(6); // 3 reports × 2 recipients, once each
    expect(mails[0].subject).toBe("Report 1 — 2026-03-13 to 2026-03-19".replace("Report 1", mails[0].subject.split(" — ")[0]));
    expect(mails[0].attachments[0].filename).toMatch(/^report_\d_2026-03-13_2026-03-19\.csv$/);
    // revenue of 13–19 March: 10 + 12 … 10 + 18 = 7 × 10 + (12 + … + 18) = 175.00
    expect(mails[0].html).toContain("Revenue: $175.00");
    const { rows } = await t.pool.query(`SELECT status, count(*)::int AS n FROM report_schedule_slots GROUP BY 1`);
    expect(rows).toEqual([{ status: "sent", n: 3 }]);
    const again = await dispatchSchedules(db, tick);
    expect(again.created).toEqual([]);
    const list = await t.pool.query(`SELECT last_run_status, next_run_at FROM saved_reports`);
    for (const r of list.rows) expect([r.last_run_status, r.next_run_at.toISOString()]).toEqual(["sent", "2026-03-21T09:00:00.000Z"]);
  });

  it("after downtime the latest slot within the hour runs once and older slots are recorded as missed", async () => {
    await schedule({ schedule_cron: "*/15 * * * *" }, new Date("2026-03-20T06:01:00Z")); // next 06:15
    const tick = new Date("2026-03-20T09:10:00Z"); // down 06:15 … 09:00
    const r = await dispatchSchedules(db, tick);
    expect(r.created.map((s) => s.scheduled_for.toISOString())).toEqual(["2026-03-20T09:00:00.000Z"]);
    expect(r.missed).toBe(11); // 06:15 … 08:45
    await runPendingSlots(db, tick);
    expect(await outbox()).toHaveLength(2);
    const next = await t.pool.query(`SELECT next_run_at FROM saved_reports`);
    expect(next.rows[0].next_run_at.toISOString()).toBe("2026-03-20T09:15:00.000Z");
  });
});

describe("send conditions", () => {
  it("if_rows skips an empty result and records it for each recipient", async () => {
    await schedule({
      send_condition: "if_rows",
      config: { metrics: ["revenue"], date_range: { relative: "last_7_days" }, filters: [{ dimension: "country", op: "eq", values: ["FR"] }] },
    }, new Date("2026-03-20T08:00:00Z"));
    const tick = new Date("2026-03-20T09:00:05Z");
    await dispatchSchedules(db, tick);
    await runPendingSlots(db, tick);
    expect(await outbox()).toHaveLength(0);
    const { rows } = await t.pool.query(`SELECT s.status, s.reason, d.status AS delivery FROM report_schedule_slots s JOIN report_deliveries d ON d.slot_id = s.id`);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toMatchObject({ status: "skipped", delivery: "skipped", reason: expect.stringMatching(/empty/) });
  });

  it("if_changed skips a result equal to the last one sent", async () => {
    await schedule({ send_condition: "if_changed", config: { metrics: ["revenue"], date_range: { start_date: "2026-03-01", end_date: "2026-03-31" } } }, new Date("2026-03-29T08:00:00Z"));
    for (const day of ["2026-03-29", "2026-03-30"]) {
      const tick = new Date(`${day}T09:00:00Z`);
      await dispatchSchedules(db, tick);
      await runPendingSlots(db, tick);
    }
    // the March total did not move between the two mornings (no charge after the 21st)
    const { rows } = await t.pool.query(`SELECT status, reason FROM report_schedule_slots ORDER BY scheduled_for`);
    expect(rows.map((r) => r.status)).toEqual(["sent", "skipped"]);
    expect(rows[1].reason).toMatch(/equals the one sent/);
    await t.pool.query(`INSERT INTO payment_transactions (uploader_id, type, status, amount, method, created_at)
      SELECT id, 'charge', 'succeeded', 5.00, 'card', '2026-03-30T10:00:00Z' FROM users WHERE role = 'uploader'`);
    const tick = new Date("2026-03-31T09:00:00Z");
    await dispatchSchedules(db, tick);
    await runPendingSlots(db, tick);
    expect((await t.pool.query(`SELECT status FROM report_schedule_slots ORDER BY scheduled_for`)).rows.map((r) => r.status)).toEqual(["sent", "skipped", "sent"]);
    await t.pool.query(`DELETE FROM payment_transactions WHERE created_at = '2026-03-30T10:00:00Z'`);
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
    await dispatchSchedules(db, now);
    await runPendingSlots(db, now);
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      expect((await t.pool.query(`SELECT status FROM report_schedule_slots`)).rows[0].status).toBe("running");
      expect(await retryDeliveries(db, new Date(now.getTime() + 30_000))).toBe(0); // not before its backoff
      now = new Date(now.getTime() + 16 * 60_000);
      expect(await retryDeliveries(db, now)).toBe(1);
    }
    const { rows } = await t.pool.query(`SELECT recipient, status, attempts, error FROM report_deliveries ORDER BY recipient`);
    expect(rows).toEqual([
      { recipient: "ok@example.com", status: "sent", attempts: 1, error: null },
      { recipient: "x+500@example.com", status: "failed", attempts: MAX_ATTEMPTS, error: expect.stringMatching(/unexpected error|500/i) },
    ]);
    // the provider saw 1 + MAX_ATTEMPTS report emails and the notice
    expect(resend.requests.filter((r) => r.body.to.includes("x+500@example.com") || r.body.to[0] === "x+500@example.com")).toHaveLength(MAX_ATTEMPTS);
    expect((await t.pool.query(`SELECT status FROM report_schedule_slots`)).rows[0].status).toBe("failed");
    expect((await t.pool.query(`SELECT last_run_status FROM saved_reports`)).rows[0].last_run_status).toBe("failed");
    const notices = await outbox("scheduled_report_failure");
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ to_address: "owner@example.com", status: "sent" });
    expect(await retryDeliveries(db, new Date(now.getTime() + 60 * 60_000))).toBe(0);
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
