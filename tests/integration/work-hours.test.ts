// Estimated hours worked, hours credited per output type and earnings per
// hour (METRICS.md "Work") on hand-made overlapping work intervals: nested,
// touching (end = start), simultaneous starts, a task held over 8 h, a task
// crossing the range start, one worked entirely before the range, a zero-
// length one, and rows that must not count (other creators, rejected work,
// work completed outside the range). Expected values come from a minute-by-
// minute count written here (every instant is on a whole minute), from hand
// arithmetic, and, for random intervals, from the brute-force sweep in
// tests/helpers/work-hours-reference.ts — never from the code under test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creatorEarnings } from "@/lib/analytics/creator-earnings";
import { workHours } from "@/lib/analytics/work-hours";
import { createPrisma, type Db } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { Rng } from "../helpers/fake-data";
import { countedIntervals, hoursOf, perHourOf, roundDiv, sweepReference } from "../helpers/work-hours-reference";

let tdb: TestDatabase;
let db: Db;

const NOW = new Date("2026-03-20T12:00:00Z");
const MIN = 60_000;
const HOUR = 60 * MIN;
const ids = new Rng(42);
const who = { creator: ids.uuid(), other: ids.uuid(), random: ids.uuid(), uploader: ids.uuid() };
const TYPES = {
  A: { id: ids.uuid(), name: "Social Media Pack", payout: "9.00" },
  B: { id: ids.uuid(), name: "Blog Post", payout: "27.00" },
  C: { id: ids.uuid(), name: "Executive Summary", payout: "15.00" },
  D: { id: ids.uuid(), name: "Key Insights", payout: "12.00" },
} as const;
type T = keyof typeof TYPES;

/** One assignment: type, status, claim, first submission (later versions optional), completion, creator. */
type Task = { label: string; type: T; status?: string; claimed: string; v1: string; v2?: string; done: string | null; creator?: string };
const z = (s: string) => `2026-03-${s}:00Z`; // "10T09:00" → 2026-03-10T09:00:00Z

const TASKS: Task[] = [
  // 10 March: nested (a2 inside a1), touching (a3 ends as a4 starts), three simultaneous starts
  { label: "a1", type: "B", claimed: "10T09:00", v1: "10T12:00", done: "10T17:00" },
  { label: "a2", type: "A", claimed: "10T10:00", v1: "10T11:00", done: "10T17:10" },
  { label: "a3", type: "C", claimed: "10T13:00", v1: "10T14:00", done: "10T17:20" },
  { label: "a4", type: "A", claimed: "10T14:00", v1: "10T14:30", done: "10T17:30" },
  { label: "a5", type: "A", claimed: "10T15:00", v1: "10T15:40", done: "10T17:40" },
  { label: "a6", type: "C", claimed: "10T15:00", v1: "10T16:00", done: "10T17:50" },
  { label: "a7", type: "B", claimed: "10T15:00", v1: "10T15:20", done: "10T18:00" },
  // 11 March: held 12 h (counts 8), with a short task nested inside
  { label: "a8", type: "B", claimed: "11T08:00", v1: "11T20:00", done: "11T22:00" },
  { label: "a9", type: "A", claimed: "11T10:00", v1: "11T10:30", done: "11T12:00" },
  // crosses the start of 10 March (UTC): claimed the evening before
  { label: "a10", type: "C", claimed: "09T22:00", v1: "10T01:00", done: "10T05:00" },
  // worked on 9 March, completed 9 March 23:30 UTC: outside a UTC range from 10 March, inside one in Asia/Kolkata
  { label: "a11", type: "C", claimed: "09T20:00", v1: "09T22:00", done: "09T23:30" },
  // worked on 12 March, approved after the range (13 March)
  { label: "a12", type: "A", claimed: "12T22:00", v1: "12T23:30", done: "13T01:00" },
  // 12 March: a revision (only the first submission ends the interval)
  { label: "a13", type: "C", claimed: "12T09:00", v1: "12T10:00", v2: "12T14:00", done: "12T16:00" },
  // worked two days before the range, approved in it after a long review: earnings, no hours
  { label: "a14", type: "C", claimed: "08T10:00", v1: "08T12:00", done: "10T09:30" },
  // submitted the moment it was claimed: a zero-length interval (type D: earnings, 0 h, no rate)
  { label: "a15", type: "D", claimed: "12T18:00", v1: "12T18:00", done: "12T19:00" },
  // never counted: rejected, still in review, another creator's overlapping work
  { label: "x1", type: "A", status: "rejected", claimed: "12T11:00", v1: "12T12:00", done: "12T13:00" },
  { label: "x2", type: "B", status: "in_review", claimed: "12T08:00", v1: "12T09:30", done: null },
  { label: "x3", type: "B", claimed: "10T09:00", v1: "10T15:00", done: "10T16:00", creator: who.other },
  { label: "x4", type: "A", claimed: "11T07:00", v1: "11T09:00", done: "11T10:00", creator: who.other },
];

async function insertTasks(pool: TestDatabase["pool"], tasks: Task[], rng: Rng) {
  for (const t of tasks) {
    const upload = rng.uuid();
    const a = rng.uuid();
    const claimed = z(t.claimed);
    await pool.query(`INSERT INTO uploads (id, uploader_id, title, status, file_size_bytes, created_at) VALUES ($1, $2, $3, 'in_progress', 1000, $4::timestamptz - interval '1 hour')`,
      [upload, who.uploader, t.label, claimed]);
    await pool.query(
      `INSERT INTO assignments (id, upload_id, output_type_id, creator_id, status, price, creator_payout, due_at, claimed_at, completed_at, created_at)
       VALUES ($1, $2, $3, $4, $5, 50, $6, $7::timestamptz + interval '1 day', $7, $8, $7::timestamptz - interval '30 minutes')`,
      [a, upload, TYPES[t.type].id, t.creator ?? who.creator, t.status ?? "approved", TYPES[t.type].payout, claimed, t.done && z(t.done)]);
    const subs = [t.v1, t.v2].filter(Boolean) as string[];
    for (const [i, at] of subs.entries()) {
      await pool.query(`INSERT INTO content_submissions (assignment_id, creator_id, version, submitted_at) VALUES ($1, $2, $3, $4)`,
        [a, t.creator ?? who.creator, i + 1, z(at)]);
    }
  }
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = createPrisma(tdb.url, 2);
  const users = [[who.creator, "creator"], [who.other, "creator"], [who.random, "creator"], [who.uploader, "uploader"]];
  for (const [i, [id, role]] of users.entries()) {
    await tdb.pool.query(`INSERT INTO users (id, role, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, 'x', '2026-01-01')`, [id, role, `wh${i}@test.local`, `${role} ${i}`]);
  }
  for (const [code, t] of Object.entries(TYPES)) {
    await tdb.pool.query(`INSERT INTO output_types (id, code, name, price, creator_payout) VALUES ($1, $2, $3, 50, $4)`, [t.id, code, t.name, t.payout]);
  }
  await insertTasks(tdb.pool, TASKS, new Rng(7));
});
afterAll(async () => {
  await db?.$disconnect();
  await tdb?.drop();
});

/** Local midnight of a date in a zone, and the next one: the range the earnings page uses for [from, to]. */
async function bounds(from: string, to: string, tz: string) {
  const { rows: [r] } = await tdb.pool.query<{ start: Date; end: Date }>(
    `SELECT ($1::date::timestamp AT TIME ZONE $3) AS start, (($2::date + 1)::timestamp AT TIME ZONE $3) AS end`, [from, to, tz]);
  return { start: r.start.getTime(), end: Math.min(r.end.getTime(), NOW.getTime()) };
}

/**
 * Minute by minute over [start, end): which of the creator's counted tasks
 * are open (claimed, not yet first-submitted, within 8 h of the claim); a
 * minute with k open adds 1 to hours worked and 1/k to each. Credits are
 * counted in 1/840 minutes (840 = lcm(1..8)) so nothing is rounded.
 */
function minuteByMinute(tasks: Task[], start: number, end: number) {
  const counted = tasks.filter((t) => !t.creator && (t.status ?? "approved") === "approved" && t.done
    && Date.parse(z(t.done)) >= start && Date.parse(z(t.done)) < end);
  let minutes = 0;
  const credit = new Map<T, bigint>();
  for (let m = start; m < end; m += MIN) {
    const open = counted.filter((t) => {
      const c = Date.parse(z(t.claimed));
      return m >= c && m < Date.parse(z(t.v1)) && m < c + 8 * HOUR;
    });
    if (!open.length) continue;
    minutes += 1;
    for (const t of open) credit.set(t.type, (credit.get(t.type) ?? 0n) + 840n / BigInt(open.length));
  }
  const cents = new Map<T, bigint>();
  for (const t of counted) cents.set(t.type, (cents.get(t.type) ?? 0n) + BigInt(Math.round(Number(TYPES[t.type].payout) * 100)));
  return { minutes, credit, cents, tasks: counted.length };
}

/** What creatorEarnings must say about hours, from the minute count: hours 1 decimal, $/h 2 decimals. */
function expectedHours(mm: ReturnType<typeof minuteByMinute>) {
  const total = [...mm.cents.values()].reduce((a, b) => a + b, 0n);
  const hours = (scaledMinutes: bigint) => roundDiv(scaledMinutes, 60n * 840n, 1);
  const rate = (cents: bigint, scaledMinutes: bigint) => roundDiv(cents * 60n * 840n, 100n * scaledMinutes, 2);
  return {
    summary: { hours_worked: mm.tasks ? hours(BigInt(mm.minutes) * 840n) : null, earnings_per_hour: mm.tasks ? rate(total, BigInt(mm.minutes) * 840n) : null },
    byType: Object.fromEntries([...mm.cents.keys()].map((k) => [TYPES[k].name, { hours_worked: hours(mm.credit.get(k) ?? 0n), earnings_per_hour: rate(mm.cents.get(k)!, mm.credit.get(k) ?? 0n) }])),
  };
}

const shown = (e: Awaited<ReturnType<typeof creatorEarnings>>) => ({
  summary: { hours_worked: e.summary.hours_worked, earnings_per_hour: e.summary.earnings_per_hour },
  byType: Object.fromEntries(e.by_output_type.map((t) => [t.type, { hours_worked: t.hours_worked, earnings_per_hour: t.earnings_per_hour }])),
});

describe("hand-made intervals", () => {
  it("10–12 March (UTC): the numbers worked out by hand", async () => {
    const e = await creatorEarnings(db, who.creator, { from: "2026-03-10", to: "2026-03-12", timeZone: "UTC", now: NOW });
    // union: 10 Mar 00–01, 09–12, 13–14:30, 15–16 (6.5 h); 11 Mar 08–16 (8 h, the 12 h hold cut); 12 Mar 09–10 → 15.5 h
    // credits: Blog 2.5 + 1/9 + 7.75 = 10.36 h; Social 0.5 + 0.5 + 5/18 + 0.25 = 1.53 h; Summary 1 + 1 + 11/18 + 1 = 3.61 h; Key Insights 0
    expect(e.summary).toMatchObject({ tasks: 13, earnings: 204, hours_worked: 15.5, earnings_per_hour: 13.16 });
    expect(shown(e).byType).toEqual({
      "Blog Post": { hours_worked: 10.4, earnings_per_hour: 7.82 }, // 81 / (10 + 13/36)
      "Executive Summary": { hours_worked: 3.6, earnings_per_hour: 20.77 }, // 75 / (3 + 11/18)
      "Social Media Pack": { hours_worked: 1.5, earnings_per_hour: 23.56 }, // 36 / (1 + 19/36)
      "Key Insights": { hours_worked: 0, earnings_per_hour: null },
    });
    expect(e.best_output_types.by_earnings_per_hour.map((r) => r.type)).toEqual(["Social Media Pack", "Executive Summary", "Blog Post"]);
  });

  const CASES = [
    { from: "2026-03-10", to: "2026-03-12", tz: "UTC" },
    { from: "2026-03-11", to: "2026-03-11", tz: "UTC" }, // one day: the 8 h task and the one nested in it
    { from: "2026-03-10", to: "2026-03-10", tz: "UTC" },
    { from: "2026-03-10", to: "2026-03-10", tz: "Asia/Kolkata" }, // starts 9 Mar 18:30 UTC: a11 counts, a10 is not cut
    { from: "2026-03-09", to: "2026-03-13", tz: "America/Los_Angeles" }, // a12 counts
    { from: "2026-03-12", to: "2026-03-20", tz: "UTC" }, // up to now
    { from: "2026-03-14", to: "2026-03-20", tz: "UTC" }, // nothing
  ];
  for (const c of CASES) {
    it(`${c.from}..${c.to} in ${c.tz} equals the minute-by-minute count`, async () => {
      const e = await creatorEarnings(db, who.creator, { from: c.from, to: c.to, timeZone: c.tz, now: NOW });
      const { start, end } = await bounds(c.from, c.to, c.tz);
      const want = expectedHours(minuteByMinute(TASKS, start, end));
      expect(shown(e)).toEqual(want);
      // never more hours worked than hours elapsed in the range
      expect(e.summary.hours_worked ?? 0).toBeLessThanOrEqual((end - start) / HOUR);
    });
  }

  it("credits add up to the union, which never exceeds the time elapsed", async () => {
    for (const c of CASES) {
      const { start, end } = await bounds(c.from, c.to, c.tz);
      const w = await workHours(db, who.creator, { start: new Date(start), end: new Date(end) });
      const credits = [...w.by_type.values()].reduce((a, b) => a + b, 0n);
      expect(Number(credits - w.union_us), `${c.from} ${c.tz}`).toBeLessThanOrEqual(w.by_type.size); // µs rounding per type
      expect(Number(w.union_us - credits)).toBeLessThanOrEqual(w.by_type.size);
      expect(w.union_us).toBeLessThanOrEqual(BigInt(end - start) * 1000n);
      expect(w.union_us).toBe(BigInt(minuteByMinute(TASKS, start, end).minutes) * 60_000_000n);
    }
  });
});

describe("assignments.first_submitted_at (the trigger on content_submissions)", () => {
  const mismatches = async () => Number((await tdb.pool.query(`SELECT count(*) FROM assignments a
    LEFT JOIN content_submissions s ON s.assignment_id = a.id AND s.version = 1
    WHERE a.first_submitted_at IS DISTINCT FROM s.submitted_at`)).rows[0].count);

  it("equals the version-1 submission's time after inserts, updates and deletes", async () => {
    expect(await mismatches()).toBe(0);
    const { rows: [a] } = await tdb.pool.query(`SELECT id, creator_id FROM assignments WHERE status = 'approved' LIMIT 1`);
    const { rows: [v1] } = await tdb.pool.query(`SELECT id FROM content_submissions WHERE assignment_id = $1 AND version = 1`, [a.id]);
    await tdb.pool.query(`UPDATE content_submissions SET submitted_at = submitted_at + interval '5 minutes' WHERE id = $1`, [v1.id]);
    expect(await mismatches()).toBe(0);
    // a later version never moves it
    await tdb.pool.query(`INSERT INTO content_submissions (assignment_id, creator_id, version, submitted_at) VALUES ($1, $2, 9, '2026-03-30')`, [a.id, a.creator_id]);
    expect(await mismatches()).toBe(0);
    await tdb.pool.query(`DELETE FROM content_submissions WHERE assignment_id = $1 AND version = 9`, [a.id]);
    await tdb.pool.query(`UPDATE content_submissions SET submitted_at = submitted_at - interval '5 minutes' WHERE id = $1`, [v1.id]);
    expect(await mismatches()).toBe(0);
  });
});

describe("random intervals against the brute-force sweep", () => {
  beforeAll(async () => {
    // 300 tasks of one creator over ten days: heavy overlap, long holds, every status
    const rng = new Rng(2026);
    const tasks: Task[] = [];
    const fmt = (ms: number) => new Date(ms).toISOString().slice(8, 16);
    for (let i = 0; i < 300; i++) {
      const claimed = Date.parse("2026-03-01T00:00:00Z") + rng.int(0, 10 * 24 * 60) * MIN;
      const v1 = claimed + rng.weighted([[0, 2], [rng.int(1, 120), 60], [rng.int(120, 600), 25], [rng.int(600, 3000), 13]] as const) * MIN;
      const done = v1 + rng.int(0, 3 * 24 * 60) * MIN;
      tasks.push({
        label: `r${i}`, type: rng.pick(["A", "B", "C", "D"] as const), creator: who.random,
        status: rng.weighted([["approved", 85], ["rejected", 10], ["in_review", 5]] as const),
        claimed: fmt(claimed), v1: fmt(v1), done: fmt(done),
      });
    }
    await insertTasks(tdb.pool, tasks.map((t) => ({ ...t, done: t.status === "in_review" ? null : t.done })), rng);
  });

  const rng = new Rng(99);
  const zones = ["UTC", "Asia/Kolkata", "Pacific/Auckland", "America/New_York"];
  const cases = Array.from({ length: 12 }, () => {
    const from = `2026-03-${String(rng.int(1, 14)).padStart(2, "0")}`;
    const to = `2026-03-${String(Math.min(20, Number(from.slice(8)) + rng.pick([0, 0, 1, 3, 9]))).padStart(2, "0")}`;
    return { from, to, tz: rng.pick(zones) };
  });
  for (const c of cases) {
    it(`${c.from}..${c.to} in ${c.tz}`, async () => {
      const e = await creatorEarnings(db, who.random, { from: c.from, to: c.to, timeZone: c.tz, now: NOW });
      const { start, end } = await bounds(c.from, c.to, c.tz);
      const rows = await countedIntervals(tdb.pool, who.random, new Date(start), new Date(end));
      const ref = sweepReference(rows);
      const cents = new Map<string, bigint>();
      for (const r of rows) cents.set(r.type, (cents.get(r.type) ?? 0n) + r.cents);
      const total = [...cents.values()].reduce((a, b) => a + b, 0n);
      expect(e.summary.tasks).toBe(rows.length);
      expect(e.summary.hours_worked).toBe(rows.length ? hoursOf(BigInt(ref.unionMs), 1n) : null);
      expect(e.summary.earnings_per_hour).toBe(rows.length ? perHourOf(total, BigInt(ref.unionMs), 1n) : null);
      for (const t of e.by_output_type) {
        const code = Object.entries(TYPES).find(([, v]) => v.name === t.type)![0];
        const credit = ref.credits.get(code) ?? 0n;
        expect(t.hours_worked, t.type).toBe(cents.has(code) ? hoursOf(credit, ref.scale) : null);
        expect(t.earnings_per_hour, t.type).toBe(cents.has(code) ? perHourOf(cents.get(code)!, credit, ref.scale) : null);
      }
      // Σ credits = union ≤ elapsed
      const sum = [...ref.credits.values()].reduce((a, b) => a + b, 0n);
      expect(sum).toBe(BigInt(ref.unionMs) * ref.scale);
      expect(ref.unionMs).toBeLessThanOrEqual(end - start);
      const w = await workHours(db, who.random, { start: new Date(start), end: new Date(end) });
      const credits = [...w.by_type.values()].reduce((a, b) => a + b, 0n);
      expect(Math.abs(Number(credits - w.union_us))).toBeLessThanOrEqual(w.by_type.size);
      expect(w.union_us).toBe(BigInt(ref.unionMs) * 1000n);
    });
  }
});
