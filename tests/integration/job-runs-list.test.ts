// The recent runs of /admin/jobs: the successful cron runs of the
// every-minute jobs are hidden by default (one job would otherwise fill the
// list within the hour); their failures and manual runs, and every run of the
// other jobs, are listed. The expected ids come from the inserted rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type Db } from "@/lib/db";
import { describeCron, isRoutine } from "@/lib/jobs/cron-words";
import { jobsOverview } from "@/lib/jobs/overview";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  tdb = await createTestDatabase();
  db = createPrisma(tdb.url, 2);
});
afterAll(async () => {
  await db.$disconnect();
  await tdb.drop();
});

describe("routine runs", () => {
  it("knows which crons run more than once an hour, and words them", () => {
    expect(isRoutine("* * * * *")).toBe(true);
    expect(isRoutine("*/2 * * * *")).toBe(true);
    expect(isRoutine("0 * * * *")).toBe(false);
    expect(isRoutine("30 0 * * *")).toBe(false);
    expect(isRoutine("0,30 0 * * *")).toBe(false); // twice a day, half an hour apart
    expect(describeCron("* * * * *")).toBe("Every minute (UTC)");
    expect(describeCron("30 0 * * *")).toBe("At 00:30 (UTC)");
  });

  it("hides the successful cron runs of every-minute jobs unless asked", async () => {
    const rows = [
      { job: "evaluate-alerts", trigger: "cron", status: "completed" }, // hidden
      { job: "evaluate-alerts", trigger: "cron", status: "failed" },
      { job: "evaluate-alerts", trigger: "manual", status: "completed" },
      { job: "dispatch-scheduled-reports", trigger: "cron", status: "completed" }, // hidden
      { job: "aggregate-daily-metrics", trigger: "cron", status: "completed" },
      { job: "deliver-webhooks", trigger: "event", status: "completed" }, // hidden: started by an emit
    ];
    const ids: string[] = [];
    for (const [i, r] of rows.entries()) {
      const { rows: [row] } = await tdb.pool.query<{ id: string }>(
        `INSERT INTO job_runs (job, driver, trigger, status, started_at, finished_at) VALUES ($1, 'in-process', $2, $3, now() - make_interval(mins => $4), now()) RETURNING id`,
        [r.job, r.trigger, r.status, i],
      );
      ids.push(row.id);
    }
    const shown = (await jobsOverview(db)).runs.map((r) => r.id);
    expect(shown.sort()).toEqual([ids[1], ids[2], ids[4]].sort());
    const all = await jobsOverview(db, { routine: true });
    expect(all.runs.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(all.routine_runs_listed).toBe(true);
    // one job asked for by name: all of its runs
    expect((await jobsOverview(db, { job: "evaluate-alerts" })).runs).toHaveLength(3);
    expect((await jobsOverview(db, { job: "deliver-webhooks" })).runs).toHaveLength(1);
    const o = await jobsOverview(db);
    expect(o.jobs.find((j) => j.name === "evaluate-alerts")?.routine).toBe(true);
    expect(o.jobs.find((j) => j.name === "aggregate-daily-metrics")?.routine).toBe(false);
  });
});
