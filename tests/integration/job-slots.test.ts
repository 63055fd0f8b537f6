// Several app instances, one database: each scheduled slot of a job runs once,
// whichever instance's scheduler ticks first. Two schedulers with their own
// Prisma clients (own pg pools) stand in for two `next start` processes.
import { Cron } from "croner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type Db } from "@/lib/db";
import { catchUpRollupsJob } from "@/lib/jobs/definitions";
import { runInProcess, runScheduledSlot, slotOf, startScheduler } from "@/lib/jobs/in-process";
import type { JobDefinition } from "@/lib/jobs/types";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let tdb: TestDatabase;
let a: Db;
let b: Db;

beforeAll(async () => {
  tdb = await createTestDatabase();
  a = createPrisma(tdb.url, 3);
  b = createPrisma(tdb.url, 3);
});
afterAll(async () => {
  await Promise.all([a.$disconnect(), b.$disconnect()]);
  await tdb.drop();
});

/** A job that notes each "now" it ran for, taking a moment so ticks overlap. */
function countingJob(name: string, cron?: string) {
  const ran: string[] = [];
  const job: JobDefinition<{ now?: string }> = {
    name, event: `test/${name}`, cron, description: "counts its runs",
    steps: [{ id: "count", run: async (_db, input) => { ran.push(input.now ?? "manual"); await new Promise((r) => setTimeout(r, 150)); return null; } }],
  };
  return { job, ran };
}

type RunRow = { id: string; scheduled_for: Date | null; status: string; trigger: string; now: string | null };
const runsOf = (job: string) =>
  tdb.pool.query<RunRow>(`SELECT id, scheduled_for, status, trigger, input->>'now' AS now FROM job_runs WHERE job = $1 ORDER BY started_at`, [job]).then((r) => r.rows);

describe("the in-process driver with two instances", () => {
  it("two schedulers on a per-second cron run each slot exactly once", async () => {
    const { job, ran } = countingJob("every-second", "* * * * * *");
    const quiet = { log: () => {} };
    const s1 = startScheduler(a, [job], quiet);
    const s2 = startScheduler(b, [job], quiet);
    await new Promise((r) => setTimeout(r, 5200));
    s1.stop();
    s2.stop();
    await new Promise((r) => setTimeout(r, 1500)); // let runs in flight finish

    const rows = await runsOf(job.name);
    const slots = rows.map((r) => r.scheduled_for!.toISOString());
    expect(rows.length).toBeGreaterThanOrEqual(2); // a loaded machine may skip a slot (protect), never double one
    expect(new Set(slots).size).toBe(rows.length); // one row per slot
    expect(ran.length).toBe(rows.length); // and the job body ran once per slot
    expect(new Set(ran).size).toBe(ran.length);
    for (const r of rows) {
      expect(r.scheduled_for!.getUTCMilliseconds()).toBe(0); // the cron's instant, not the moment a timer fired
      expect(r).toMatchObject({ status: "completed", trigger: "cron" });
      expect(r.now).toBe(r.scheduled_for!.toISOString()); // the slot is the job's "now"
    }
    expect([...ran].sort()).toEqual([...slots].sort());
  });

  it("the same slot ticked concurrently by two instances runs once (ten slots)", async () => {
    const { job, ran } = countingJob("nightly-like", "0 0 * * *");
    const base = Date.UTC(2026, 10, 1);
    for (let d = 0; d < 10; d++) {
      const slot = new Date(base + d * 86_400_000);
      const results = await Promise.all([runScheduledSlot(a, job, slot, () => {}), runScheduledSlot(b, job, slot, () => {})]);
      expect(results.filter(Boolean)).toHaveLength(1);
    }
    const rows = await runsOf(job.name);
    expect(rows).toHaveLength(10);
    expect(ran).toHaveLength(10);
    // a later tick of an instance for an old slot (a restart, a slow timer) does nothing
    expect(await runScheduledSlot(a, job, new Date(base), () => {})).toBeNull();
    expect(await runsOf(job.name)).toHaveLength(10);
  });

  it("manual runs and the start-up catch-up still run every time, on both instances", async () => {
    const { job, ran } = countingJob("manual-only", "0 0 * * *");
    await Promise.all([runInProcess(a, job, {}, "manual", () => {}), runInProcess(b, job, {}, "manual", () => {})]);
    expect(ran).toHaveLength(2);
    const rows = await runsOf(job.name);
    expect(rows.map((r) => [r.trigger, r.scheduled_for, r.status])).toEqual([["manual", null, "completed"], ["manual", null, "completed"]]);

    await Promise.all([runInProcess(a, catchUpRollupsJob, {}, "startup", () => {}), runInProcess(b, catchUpRollupsJob, {}, "startup", () => {})]);
    expect((await runsOf(catchUpRollupsJob.name)).map((r) => r.status)).toEqual(["completed", "completed"]);
  });

  it("a tick's slot is the scheduled instant, even when the timer fires a little early or late", () => {
    const nightly = new Cron("0 0 * * *", { timezone: "UTC", paused: true });
    expect(slotOf(nightly, new Date("2026-11-29T00:00:00.004Z")).toISOString()).toBe("2026-11-29T00:00:00.000Z");
    expect(slotOf(nightly, new Date("2026-11-28T23:59:59.990Z")).toISOString()).toBe("2026-11-29T00:00:00.000Z");
    expect(slotOf(nightly, new Date("2026-11-29T00:00:03.000Z")).toISOString()).toBe("2026-11-29T00:00:00.000Z");
    nightly.stop();
  });
});

describe("a run whose process stopped", () => {
  it("a slotted run left 'running' without a heartbeat for 5 minutes ends failed at the next tick; a live one keeps running", async () => {
    const { job } = countingJob("crashed-slot", "0 0 * * *");
    const slot = new Date("2026-01-05T00:00:00.000Z");
    // what a crashed instance leaves: the slot's row, running, heartbeat 6 minutes old; and a live run beating a minute ago
    const [dead, live] = (await tdb.pool.query<{ id: string }>(`
      INSERT INTO job_runs (job, driver, trigger, status, scheduled_for, started_at, heartbeat_at) VALUES
        ($1, 'in-process', 'cron', 'running', $2, now() - interval '20 minutes', now() - interval '6 minutes'),
        ($1, 'in-process', 'manual', 'running', NULL, now() - interval '20 minutes', now() - interval '1 minute')
      RETURNING id`, [job.name, slot.toISOString()])).rows;
    // another slot's tick on the other instance reaps it (and does not run the dead slot again: it is taken)
    expect(await runScheduledSlot(b, job, slot, () => {})).toBeNull();
    const rows = (await tdb.pool.query(`SELECT id, status, error, finished_at FROM job_runs WHERE id = ANY($1::uuid[])`, [[dead.id, live.id]])).rows;
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[dead.id].status).toBe("failed");
    expect(byId[dead.id].finished_at).not.toBeNull();
    expect(byId[dead.id].error).toMatch(/no heartbeat since .* UTC \(the process running it crashed or was stopped\)/);
    expect(byId[live.id].status).toBe("running");
    await tdb.pool.query(`DELETE FROM job_runs WHERE id = $1`, [live.id]);
  });

  it("a run writes its heartbeat while it runs", async () => {
    const { HEARTBEAT_MS } = await import("@/lib/jobs/runs");
    expect(HEARTBEAT_MS).toBeLessThanOrEqual(60_000);
    const job: JobDefinition<object> = {
      name: "beating", event: "test/beating", description: "checks its own heartbeat",
      steps: [{ id: "look", run: async (db, _input, ctx) => {
        const [r] = await db.$queryRaw<{ ok: boolean }[]>`SELECT heartbeat_at >= started_at AS ok FROM job_runs WHERE id = ${ctx.runId}::uuid`;
        return r.ok;
      } }],
    };
    const r = await runInProcess(a, job, {}, "manual", () => {});
    expect(r?.output.look).toBe(true);
  });
});
