// Schedules in a zone: words, validation, next runs and due slots, and the
// DST cases. Expected instants are written out from the zones' rules (US:
// second Sunday of March 02:00 → 03:00, first Sunday of November 02:00 →
// 01:00; EU: last Sunday of March 01:00 UTC, last Sunday of October 01:00 UTC).
import { describe, expect, it } from "vitest";
import { describeSchedule, dueSlots, nextRunAfter, nextRuns } from "@/lib/schedules";
import { schedulePreview } from "@/lib/schedules/preview";
import { schedulePreviewQuery, scheduleSchema } from "@/lib/validation/schedules";

const NY = "America/New_York";
const PARIS = "Europe/Paris";
const utc = (runs: { utc: string }[]) => runs.map((r) => r.utc);
const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

describe("describeSchedule", () => {
  it.each([
    ["0 9 * * 1", PARIS, "Every Monday at 09:00, Europe/Paris"],
    ["0 9 * * MON", PARIS, "Every Monday at 09:00, Europe/Paris"],
    ["30 7 * * *", NY, "Every day at 07:30, America/New_York"],
    ["0 8 * * 1-5", "UTC", "Every weekday (Monday to Friday) at 08:00, UTC"],
    ["0 18 * * 1,3,5", "UTC", "Every Monday, Wednesday and Friday at 18:00, UTC"],
    ["0 6 1 * *", "UTC", "On the 1st of every month at 06:00, UTC"],
    ["0 6 L * *", "UTC", "On the last day of every month at 06:00, UTC"],
    ["*/15 * * * *", "UTC", "Every 15 minutes, UTC"],
    ["0 8,17 * * *", "UTC", "At 08:00 and 17:00, UTC"],
  ])("%s in %s: %s", (cron, tz, words) => {
    expect(describeSchedule(cron, tz)).toBe(words);
  });
});

describe("schedule validation", () => {
  const field = (input: unknown) => {
    const r = scheduleSchema.safeParse(input);
    return r.success ? null : { field: r.error.issues[0].path.join("."), message: r.error.issues[0].message };
  };
  it("accepts every 15 minutes and slower, trimmed, with the zone's canonical name", () => {
    expect(scheduleSchema.parse({ cron: "  */15   * * * * ", timezone: "europe/paris" })).toEqual({ cron: "*/15 * * * *", timezone: "Europe/Paris" });
    expect(field({ cron: "0,15,30,45 9-17 * * 1-5", timezone: "UTC" })).toBeNull();
  });
  it.each([
    ["*/5 * * * *", /more often than every 15 minutes \(5 minutes apart\)/],
    ["* * * * *", /more often than every 15 minutes/],
    ["*/10 9 * * 1", /more often than every 15 minutes \(10 minutes apart\)/],
    ["0,50 0,23 * * *", /more often than every 15 minutes \(10 minutes apart\)/], // 23:50 → 00:00
    ["0 0 30 2 *", /never runs/],
    ["61 * * * *", /not a valid cron expression/],
    ["0 9 * *", /5 fields/],
    ["0 0 9 * * *", /5 fields/], // seconds are not offered
    ["", /5 fields/],
  ])("refuses %j naming the cron field", (cron, message) => {
    const p = field({ cron, timezone: "UTC" });
    expect(p?.field).toBe("cron");
    expect(p?.message).toMatch(message);
  });
  it("refuses an unknown zone naming the timezone field", () => {
    expect(field({ cron: "0 9 * * 1", timezone: "Mars/Olympus" })?.field).toBe("timezone");
    expect(schedulePreviewQuery.safeParse({ cron: "0 9 * * 1", timezone: "UTC", count: "50" }).error?.issues[0].path).toEqual(["count"]);
  });
});

describe("next runs", () => {
  it("gives each run in the zone (with its offset) and in UTC, strictly after the given instant", () => {
    const runs = nextRuns("0 9 * * 1", PARIS, new Date("2026-06-01T07:00:00Z"), 3); // Monday 09:00 CEST exactly
    expect(runs.map((r) => [r.local, r.utc])).toEqual([
      ["2026-06-08T09:00:00+02:00", "2026-06-08T07:00:00.000Z"],
      ["2026-06-15T09:00:00+02:00", "2026-06-15T07:00:00.000Z"],
      ["2026-06-22T09:00:00+02:00", "2026-06-22T07:00:00.000Z"],
    ]);
    expect(runs[0].label).toBe("Mon, Jun 8, 2026, 09:00 CEST");
    expect(runs.every((r) => r.note === undefined)).toBe(true);
  });

  describe("America/New_York", () => {
    it("spring forward (2026-03-08): 02:30 does not exist, so it runs once at 03:00 EDT", () => {
      const runs = nextRuns("30 2 * * *", NY, new Date("2026-03-07T12:00:00Z"), 2);
      expect(runs.map((r) => r.local)).toEqual(["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"]);
      expect(utc(runs)).toEqual(["2026-03-08T07:00:00.000Z", "2026-03-09T06:30:00.000Z"]);
      expect(runs[0].note).toBe("02:30 does not exist on 2026-03-08 in America/New_York (clocks jump from 02:00 to 03:00): runs once at 03:00 EDT, the first valid time after the gap.");
      expect(runs[1].note).toBeUndefined();
    });

    it("fall back (2026-11-01): 01:30 occurs twice, so it runs once, at the first (EDT)", () => {
      const runs = nextRuns("30 1 * * *", NY, new Date("2026-10-31T12:00:00Z"), 2);
      expect(runs.map((r) => r.local)).toEqual(["2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"]);
      expect(utc(runs)).toEqual(["2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z"]); // not 06:30Z on Nov 1 (01:30 EST)
      expect(runs[0].note).toBe("01:30 occurs twice on 2026-11-01 in America/New_York (clocks go back from 02:00 to 01:00): runs once, at the first 01:30 (EDT).");
    });

    it("an interval schedule keeps real time: skips the gap, runs both 01:30s", () => {
      expect(utc(nextRuns("*/30 * * * *", NY, new Date("2026-03-08T06:00:00Z"), 3))).toEqual(["2026-03-08T06:30:00.000Z", "2026-03-08T07:00:00.000Z", "2026-03-08T07:30:00.000Z"]);
      const back = nextRuns("*/30 * * * *", NY, new Date("2026-11-01T05:15:00Z"), 3);
      expect(back.map((r) => r.local)).toEqual(["2026-11-01T01:30:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T01:30:00-05:00"]);
      expect(back[0].note).toMatch(/runs at both; this is the first \(EDT\)/);
      expect(back[2].note).toMatch(/runs at both; this is the second \(EST\)/);
    });
  });

  describe("Europe/Paris", () => {
    it("spring forward (2026-03-29): 02:30 does not exist, so it runs once at 03:00 CEST", () => {
      const runs = nextRuns("30 2 * * *", PARIS, new Date("2026-03-28T12:00:00Z"), 2);
      expect(runs.map((r) => r.local)).toEqual(["2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00"]);
      expect(utc(runs)).toEqual(["2026-03-29T01:00:00.000Z", "2026-03-30T00:30:00.000Z"]);
      expect(runs[0].note).toBe("02:30 does not exist on 2026-03-29 in Europe/Paris (clocks jump from 02:00 to 03:00): runs once at 03:00 CEST, the first valid time after the gap.");
    });

    it("fall back (2026-10-25): 01:30 happens once in Paris (the repeated hour is 02:00–03:00); 02:30 occurs twice and runs once", () => {
      const early = nextRuns("30 1 * * *", PARIS, new Date("2026-10-24T12:00:00Z"), 2);
      expect(early.map((r) => r.local)).toEqual(["2026-10-25T01:30:00+02:00", "2026-10-26T01:30:00+01:00"]);
      expect(utc(early)).toEqual(["2026-10-24T23:30:00.000Z", "2026-10-26T00:30:00.000Z"]);
      expect(early[0].note).toBeUndefined();
      const repeated = nextRuns("30 2 * * *", PARIS, new Date("2026-10-24T12:00:00Z"), 2);
      expect(utc(repeated)).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z"]); // not 01:30Z on Oct 25 (02:30 CET)
      expect(repeated[0].note).toBe("02:30 occurs twice on 2026-10-25 in Europe/Paris (clocks go back from 03:00 to 02:00): runs once, at the first 02:30 (CEST).");
    });
  });
});

describe("due slots", () => {
  it("lists the instants in (from, to], oldest first", () => {
    expect(iso(dueSlots("*/15 * * * *", "UTC", new Date("2026-01-05T10:00:00Z"), new Date("2026-01-05T11:00:00Z")))).toEqual([
      "2026-01-05T10:15:00.000Z", "2026-01-05T10:30:00.000Z", "2026-01-05T10:45:00.000Z", "2026-01-05T11:00:00.000Z",
    ]);
    expect(dueSlots("0 9 * * 1", PARIS, new Date("2026-01-05T08:00:00Z"), new Date("2026-01-05T08:00:30Z"))).toEqual([]); // 09:00 CET = 08:00Z, already handled
  });

  it("a DST day gives one slot for a fixed time, in both zones", () => {
    const day = (cron: string, tz: string, from: string, to: string) => iso(dueSlots(cron, tz, new Date(from), new Date(to)));
    expect(day("30 2 * * *", NY, "2026-03-08T04:00:00Z", "2026-03-09T04:00:00Z")).toEqual(["2026-03-08T07:00:00.000Z"]);
    expect(day("30 1 * * *", NY, "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z")).toEqual(["2026-11-01T05:30:00.000Z"]);
    expect(day("30 2 * * *", PARIS, "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z")).toEqual(["2026-03-29T01:00:00.000Z"]);
    expect(day("30 2 * * *", PARIS, "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z")).toEqual(["2026-10-25T00:30:00.000Z"]);
  });

  it("gives the next run after an instant, for a stored next_run_at", () => {
    expect(nextRunAfter("30 2 * * *", NY, new Date("2026-03-07T07:30:00Z"))?.toISOString()).toBe("2026-03-08T07:00:00.000Z");
    expect(nextRunAfter("0 9 * * 1", PARIS, new Date("2026-06-08T07:00:00Z"))?.toISOString()).toBe("2026-06-15T07:00:00.000Z");
  });

  it("stops at its limit after a long downtime", () => {
    expect(dueSlots("*/15 * * * *", "UTC", new Date("2026-01-01T00:00:00Z"), new Date("2026-02-01T00:00:00Z"), 10)).toHaveLength(10);
  });
});

describe("schedule preview", () => {
  it("says the schedule, the next runs with notes and the DST rule", () => {
    const p = schedulePreview("30 2 * * *", NY, new Date("2026-03-06T12:00:00Z"), 5);
    expect(p.description).toBe("Every day at 02:30, America/New_York");
    expect(p.timezone).toBe(NY);
    expect(p.next_runs).toHaveLength(5);
    expect(p.next_runs.filter((r) => r.note).map((r) => r.utc)).toEqual(["2026-03-08T07:00:00.000Z"]);
    expect(p.dst_rule).toMatch(/first valid time after the gap/);
    expect(schedulePreview("*/30 * * * *", NY, new Date(), 1).dst_rule).toMatch(/keeps its rhythm in real time/);
  });
});
