import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type Db } from "@/lib/db";
import { aggregateDailyMetricsJob, JOBS } from "@/lib/jobs/definitions";
import { nightlyRange } from "@/lib/rollups";
import { startScheduler } from "@/lib/jobs/in-process";
import { runJob } from "@/lib/jobs/run-job";
import type { JobDefinition } from "@/lib/jobs/types";
import { inngestFunctionFor } from "@/inngest/functions/from-job";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let tdb: TestDatabase;
let db: Db;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = createPrisma(tdb.url, 3);
});
afterAll(async () => {
  await db.$disconnect();
  await tdb.drop();
});

const calls: string[] = [];
const okJob: JobDefinition<{ n?: number }> = {
  name: "test-ok",
  event: "test/ok",
  cron: "* * * * * *",
  description: "two steps that succeed",
  steps: [
    { id: "first", run: async (_db, input) => (calls.push("first"), { doubled: (input.n ?? 1) * 2 }) },
    { id: "second", run: async () => (calls.push("second"), "done") },
  ],
};
const failingJob: JobDefinition = {
  name: "test-fail",
  event: "test/fail",
  cron: "* * * * * *",
  description: "a step that throws",
  retries: 0,
  steps: [{ id: "boom", run: async () => { throw new Error("boom: database unreachable"); } }],
};

const runsOf = (job: string) => db.jobRun.findMany({ where: { job }, orderBy: { startedAt: "asc" } });

describe("job definitions", () => {
  it("the nightly aggregation is a UTC midnight cron over the last three closed days", () => {
    expect(aggregateDailyMetricsJob.cron).toBe("0 0 * * *");
    expect(nightlyRange(new Date("2026-03-01T00:00:05Z"))).toEqual({ from: "2026-02-26", to: "2026-02-28" });
    expect(new Set(JOBS.map((j) => j.name)).size).toBe(JOBS.length);
  });
});

describe("Inngest functions (through @inngest/test)", () => {
  it("run each job step as a step and record the run", async () => {
    const fn = inngestFunctionFor(okJob, () => db);
    const t = new InngestTestEngine({ function: fn, events: [{ name: "test/ok", data: { n: 21 } }] });
    const { result, error } = await t.execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ first: { doubled: 42 }, second: "done" });
    const [run] = await runsOf("test-ok");
    expect(run).toMatchObject({ driver: "inngest", status: "completed", trigger: "event" });
    expect(run.finishedAt).not.toBeNull();
    expect(run.output).toEqual({ first: { doubled: 42 }, second: "done" });
  });

  it("record a failing step on the run and fail the function", async () => {
    const fn = inngestFunctionFor(failingJob, () => db);
    const t = new InngestTestEngine({ function: fn, events: [{ name: "test/fail", data: {} }] });
    const { error } = await t.execute();
    expect(JSON.stringify(error)).toMatch(/boom/);
    const runs = await runsOf("test-fail");
    expect(runs.at(-1)).toMatchObject({ driver: "inngest", status: "failed" });
    expect(runs.at(-1)!.error).toMatch(/boom: database unreachable/);
  });

  it("note a failed attempt that Inngest will retry, without failing the run", async () => {
    const retried: JobDefinition = { ...failingJob, name: "test-retry", retries: 2 };
    const t = new InngestTestEngine({ function: inngestFunctionFor(retried, () => db), events: [{ name: "test/fail", data: {} }] });
    const { error } = await t.execute();
    expect(JSON.stringify(error)).toMatch(/boom/);
    const [run] = await runsOf("test-retry");
    expect(run.status).toBe("running");
    expect(run.error).toMatch(/attempt 1 failed, retrying: boom/);
  });

  it("declare the nightly cron and the on-demand event as triggers", () => {
    const fn = inngestFunctionFor(aggregateDailyMetricsJob, () => db);
    expect(fn.opts.triggers).toEqual([{ cron: "0 0 * * *" }, { event: "rollups/aggregate-daily-metrics" }]);
  });
});

describe("in-process driver", () => {
  it("a cron tick runs the job and records it; a failing job is recorded, not swallowed", async () => {
    const before = (await runsOf("test-fail")).length;
    const scheduler = startScheduler(db, [okJob, failingJob], { log: () => {} });
    try {
      await expect.poll(async () => (await runsOf("test-ok")).filter((r) => r.driver === "in-process").length, { timeout: 5000, interval: 200 }).toBeGreaterThan(0);
      await expect.poll(async () => (await runsOf("test-fail")).length, { timeout: 5000, interval: 200 }).toBeGreaterThan(before);
    } finally {
      scheduler.stop();
    }
    const ok = (await runsOf("test-ok")).filter((r) => r.driver === "in-process");
    expect(ok[0]).toMatchObject({ trigger: "cron", status: "completed" });
    const failed = (await runsOf("test-fail")).filter((r) => r.driver === "in-process");
    expect(failed[0].status).toBe("failed");
    expect(failed[0].error).toMatch(/boom/);
    // the scheduler kept going after the failure
    await new Promise((r) => setTimeout(r, 300));
  });

  it("runJob rethrows a failure after recording it", async () => {
    await expect(runJob(db, failingJob, {}, { trigger: "manual" })).rejects.toThrow(/boom/);
    expect((await runsOf("test-fail")).at(-1)).toMatchObject({ trigger: "manual", status: "failed" });
  });
});

describe("the nightly job on real data", () => {
  it("aggregates the last three closed days through either driver", async () => {
    const now = "2026-05-10T00:00:30Z";
    const [u] = await db.$queryRaw<{ id: string }[]>`INSERT INTO users (role, email, name, password_hash, created_at)
      VALUES ('uploader', 'nightly@test.local', 'n', 'x', '2026-05-01T00:00:00Z') RETURNING id`;
    await db.$executeRaw`INSERT INTO payment_transactions (uploader_id, type, status, amount, method, created_at) VALUES
      (${u.id}::uuid, 'charge', 'succeeded', 10.10, 'card', '2026-05-08T23:59:59Z'),
      (${u.id}::uuid, 'charge', 'succeeded', 5.05, 'card', '2026-05-09T12:00:00Z'),
      (${u.id}::uuid, 'refund', 'succeeded', 1.01, 'card', '2026-05-09T13:00:00Z'),
      (${u.id}::uuid, 'charge', 'failed', 99.00, 'card', '2026-05-09T14:00:00Z')`;
    await runJob(db, aggregateDailyMetricsJob, { now }, { trigger: "manual" });
    const rows = await db.$queryRaw<{ date: string; total_revenue: string; total_refunds: string; transaction_count: number }[]>`
      SELECT to_char(date, 'YYYY-MM-DD') AS date, total_revenue::text, total_refunds::text, transaction_count FROM daily_metrics ORDER BY date`;
    expect(rows).toEqual([
      { date: "2026-05-07", total_revenue: "0.00", total_refunds: "0.00", transaction_count: 0 },
      { date: "2026-05-08", total_revenue: "10.10", total_refunds: "0.00", transaction_count: 1 },
      { date: "2026-05-09", total_revenue: "5.05", total_refunds: "1.01", transaction_count: 2 },
    ]);
    // the Inngest wrapper runs the same steps and gives the same rows (upsert, no duplicates)
    const t = new InngestTestEngine({ function: inngestFunctionFor(aggregateDailyMetricsJob, () => db), events: [{ name: "rollups/aggregate-daily-metrics", data: { now } }] });
    const { error, result } = await t.execute();
    expect(error).toBeUndefined();
    expect((result as Record<string, { days?: number }>)["aggregate-days"].days).toBe(3);
    const again = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM daily_metrics`;
    expect(again[0].n).toBe(3);
  });
});

