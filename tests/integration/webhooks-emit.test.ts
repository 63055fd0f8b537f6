// Webhook events from the places where things really end, delivered by the
// run that emitting asks for (in this process, in the background) to a local
// receiver: a report run completing and failing, an export completing, a
// waiting run cancelled, an alert firing and resolving, a scheduled report
// sent and failed. `data` is the thing as the API shows it, compared with the
// rows read back by plain SQL.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrisma, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { evaluateAlerts } from "@/lib/health/alerts/evaluate";
import { createRule } from "@/lib/health/alerts/rules";
import { Recorder } from "@/lib/health/recorder";
import type { Mail, SendResult } from "@/lib/mail";
import { createSavedReport } from "@/lib/reports/saved";
import { dispatchSchedules, MAX_ATTEMPTS, runPendingSlots, runSavedReport, settleSlots, type Sender } from "@/lib/reports/schedules";
import type { ReportPlan } from "@/lib/reports/types";
import { createRun, requestCancel } from "@/lib/runs/create";
import { executeRun } from "@/lib/runs/execute";
import { createWebhook } from "@/lib/webhooks/endpoints";
import { savedReportBody } from "@/lib/validation/custom-reports";
import { alertRuleBody } from "@/lib/validation/health";
import { createWebhookBody, WEBHOOK_EVENT_TYPES } from "@/lib/validation/webhooks";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const FILES = fs.mkdtempSync(path.join(os.tmpdir(), "webhook-runs-"));
process.env.FILES_DIR = FILES;

let tdb: TestDatabase;
let db: Db;
let server: http.Server;
let admin: string;
type Body = { id: string; type: string; created_at: string; data: Record<string, any> };
let received: Body[] = [];

async function sql<T = Record<string, any>>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await tdb.pool.query(text, params)).rows as T[];
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = createPrisma(tdb.url, 6);
  [{ id: admin }] = await sql<{ id: string }>(`INSERT INTO users (role, email, name, password_hash) VALUES ('admin', 'emit-admin@example.com', 'Admin', 'x') RETURNING id`);
  server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      received.push(JSON.parse(raw));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  await createWebhook(db, createWebhookBody.parse({ url, events: [...WEBHOOK_EVENT_TYPES] }), admin);
});
afterAll(async () => {
  await idle();
  server?.close();
  await db?.$disconnect();
  await tdb?.drop();
  fs.rmSync(FILES, { recursive: true, force: true });
});
beforeEach(async () => {
  await idle();
  received = [];
});

/** Waits until no deliver-webhooks run of this process is running (hooks cannot use expect.poll). */
async function idle() {
  for (let i = 0; i < 300; i++) {
    const [{ n }] = await sql(`SELECT count(*) AS n FROM job_runs WHERE job = 'deliver-webhooks' AND status = 'running'`);
    if (Number(n) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("a deliver-webhooks run is still running after 30 s");
}

/** The event of this type about this id, once the background delivery run has sent it. */
async function arrived(type: string, id: string): Promise<Body> {
  await expect.poll(() => received.filter((b) => b.type === type && b.data.id === id).length, { timeout: 30_000 }).toBe(1);
  return received.find((b) => b.type === type && b.data.id === id)!;
}

const plan = (sqlText: string): ReportPlan => ({
  fileStem: "numbers",
  datasets: [{ name: "Numbers", columns: [{ key: "n", label: "N", kind: "integer" }], sql: Prisma.raw(sqlText) }],
  countSql: Prisma.sql`SELECT 25::bigint AS n`,
  parameters: {},
  timezone: "UTC",
});
const noDispatch = async () => {};

describe("report runs and exports", () => {
  it("a completed report run → report_run.completed with the run as the API shows it", async () => {
    const p = plan("SELECT g AS n FROM generate_series(1, 25) g ORDER BY g");
    const { run } = await createRun(db, { kind: "report", reportType: "revenue", parameters: {}, format: "csv", requestedBy: admin, notify: false }, p, noDispatch);
    expect(await executeRun(db, run.id, { plan: p })).toMatchObject({ status: "completed", rows: 25 });
    const body = await arrived("report_run.completed", run.id);
    const [row] = await sql(`SELECT status, row_count, file_name, sha256, attempt, completed_at FROM report_runs WHERE id = $1`, [run.id]);
    expect(row.status).toBe("completed");
    expect(body.data).toMatchObject({
      id: run.id, kind: "report", report_type: "revenue", status: "completed", progress: 100, row_count: 25, file_name: row.file_name,
      sha256: row.sha256, attempt: 1, requested_by: admin, completed_at: row.completed_at.toISOString(),
    });
    // the delivery row was written in the run's transaction: exactly one, for this endpoint
    await expect.poll(() => sql(`SELECT status FROM webhook_deliveries WHERE payload->>'id' = $1`, [run.id]), { timeout: 10_000 }).toEqual([{ status: "succeeded" }]);
  });

  it("a failed report run → report_run.failed with its error", async () => {
    const p = plan("SELECT 1 / (g - 3) AS n FROM generate_series(1, 5) g");
    const { run } = await createRun(db, { kind: "report", reportType: "revenue", parameters: {}, format: "csv", requestedBy: admin, notify: false }, p, noDispatch);
    await expect(executeRun(db, run.id, { plan: p })).rejects.toThrow(/division by zero/);
    const body = await arrived("report_run.failed", run.id);
    expect(body.data).toMatchObject({ id: run.id, status: "failed", error_message: "division by zero", attempt: 1 });
  });

  it("a completed export → export.completed; a waiting run cancelled → report_run.failed", async () => {
    const p = plan("SELECT g AS n FROM generate_series(1, 3) g");
    const { run } = await createRun(db, { kind: "export", entity: "users", parameters: {}, format: "csv", requestedBy: admin, notify: false }, p, noDispatch);
    await executeRun(db, run.id, { plan: p });
    expect((await arrived("export.completed", run.id)).data).toMatchObject({ id: run.id, kind: "export", entity: "users", status: "completed", row_count: 3 });
    const waiting = await createRun(db, { kind: "report", reportType: "revenue", parameters: {}, format: "csv", requestedBy: admin, notify: false }, p, noDispatch);
    expect(await requestCancel(db, waiting.run.id)).toBe(true);
    expect((await arrived("report_run.failed", waiting.run.id)).data).toMatchObject({ status: "failed", error_message: "cancelled", cancel_requested: true });
    // nothing else went out (no export.failed, no second event)
    expect(received.map((b) => b.type).sort()).toEqual(["export.completed", "report_run.failed"]);
  });
});

describe("alerts", () => {
  it("a rule that fires and resolves → alert.firing then alert.resolved, with the rule and its transition", async () => {
    const T = Date.parse("2026-11-20T10:00:00Z");
    const min = (n: number) => new Date(T + n * 60_000);
    const r = await createRule(db, alertRuleBody.parse({ name: "slow", metric: "route_p95_ms", route: "/slow", window_minutes: 5, comparator: "gt", threshold: 100, pending_minutes: 0, min_samples: 1 }));
    const rec = new Recorder(async () => db);
    for (let m = -5; m < 1; m++) for (let i = 0; i < 10; i++) rec.record("/slow", "GET", 200, 400, T + m * 60_000 + i * 1000);
    await rec.flush();
    await evaluateAlerts(db, min(0));
    const firing = await arrived("alert.firing", r.id);
    const [rule] = await sql(`SELECT state, state_since FROM alert_rules WHERE id = $1`, [r.id]);
    const [event] = await sql(`SELECT id::text, value FROM alert_events WHERE rule_id = $1 AND to_state = 'firing'`, [r.id]);
    expect(firing.data).toMatchObject({ id: r.id, name: "slow", state: rule.state, state_since: rule.state_since.toISOString(), threshold: 100 });
    expect(rule.state).toBe("firing");
    expect(firing.data.transition).toMatchObject({ id: event.id, from: "normal", to: "firing", value: event.value, notification: "firing" });
    // fast from now on: once the window holds only fast minutes it resolves
    for (let m = 1; m < 8; m++) for (let i = 0; i < 10; i++) rec.record("/slow", "GET", 200, 5, T + m * 60_000 + i * 1000);
    await rec.flush();
    for (let m = 1; m <= 7; m++) await evaluateAlerts(db, min(m));
    const resolved = await arrived("alert.resolved", r.id);
    expect(resolved.data).toMatchObject({ id: r.id, state: "normal", transition: { from: "firing", to: "normal", notification: "resolved" } });
    expect(received.filter((b) => b.data.id === r.id).map((b) => b.type)).toEqual(["alert.firing", "alert.resolved"]);
  });
});

describe("scheduled reports", () => {
  it("a slot emailed → scheduled_report.sent; one whose emails keep failing → scheduled_report.failed", async () => {
    const input = (name: string) => savedReportBody.parse({
      name, config: { metrics: ["revenue"], date_range: { relative: "last_7_days" }, group_by: ["day"] },
      is_scheduled: true, schedule_cron: "0 9 * * *", recipients: ["a@example.com"], timezone: "UTC", format: "csv",
    });
    const report = await createSavedReport(db, admin, input("Daily revenue"), new Date("2026-03-20T08:00:00Z"));
    const tick = new Date("2026-03-20T09:00:20Z");
    // the slot's run executed inline (as the saved-report-run job would), then delivered
    const inline = (now: Date, send?: Sender) => (r: { id: string }) => runSavedReport(db, r.id, { now, send });
    await dispatchSchedules(db, tick);
    await runPendingSlots(db, tick, inline(tick));
    const [slot] = await sql(`SELECT id::text, status FROM report_schedule_slots WHERE report_id = $1`, [report.id]);
    expect(slot.status).toBe("sent");
    const sent = await arrived("scheduled_report.sent", slot.id);
    expect(sent.data).toMatchObject({ id: slot.id, report_id: report.id, report_name: "Daily revenue", status: "sent", deliveries: [{ recipient: "a@example.com", status: "sent", attempts: 1 }] });

    await sql(`DELETE FROM saved_reports WHERE id = $1`, [report.id]);
    const bad = await createSavedReport(db, admin, input("Weekly"), new Date("2026-03-21T08:00:00Z"));
    const fail = async (_db: Db, _m: Mail): Promise<SendResult> => ({ id: "", status: "failed", error: "mailbox unavailable" });
    const t2 = new Date("2026-03-21T09:00:10Z");
    await dispatchSchedules(db, t2);
    await runPendingSlots(db, t2, inline(t2, fail));
    // every retry after its backoff (≤ 15 minutes each), until the last attempt fails
    for (let i = 1; i < MAX_ATTEMPTS; i++) await settleSlots(db, new Date(t2.getTime() + i * 16 * 60_000), { send: fail });
    const [slot2] = await sql(`SELECT id::text, status FROM report_schedule_slots WHERE report_id = $1`, [bad.id]);
    expect(slot2.status).toBe("failed");
    const failed = await arrived("scheduled_report.failed", slot2.id);
    expect(failed.data).toMatchObject({ id: slot2.id, report_name: "Weekly", status: "failed", deliveries: [{ recipient: "a@example.com", status: "failed", error: "mailbox unavailable" }] });
  });
});
