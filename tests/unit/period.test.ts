import { describe, expect, it } from "vitest";
import { buckets, delta, localDate, periodRanges } from "@/lib/period";

describe("periodRanges", () => {
  it("month so far vs last month to the same day and time (UTC)", () => {
    const r = periodRanges("month", "UTC", new Date("2026-03-31T15:30:00Z"));
    expect(r.current.start.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(r.current.end.toISOString()).toBe("2026-03-31T15:30:00.000Z");
    expect(r.previous.start.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    // 31 March → clamped to 28 February at the same time of day
    expect(r.previous.end.toISOString()).toBe("2026-02-28T15:30:00.000Z");
  });

  it("weeks start on Monday in the viewer's time zone", () => {
    // Monday 2026-11-23 02:00 UTC is still Sunday evening in New York
    const r = periodRanges("week", "America/New_York", new Date("2026-11-23T02:00:00Z"));
    expect(r.current.start.toISOString()).toBe("2026-11-16T05:00:00.000Z");
    expect(r.previous.start.toISOString()).toBe("2026-11-09T05:00:00.000Z");
    expect(r.previous.end.toISOString()).toBe("2026-11-16T02:00:00.000Z");
  });

  it("day in a far time zone starts at local midnight", () => {
    const r = periodRanges("day", "Asia/Kolkata", new Date("2026-06-10T20:00:00Z"));
    expect(r.current.start.toISOString()).toBe("2026-06-10T18:30:00.000Z");
    expect(r.granularity).toBe("hour");
  });

  it("quarter and year", () => {
    const q = periodRanges("quarter", "UTC", new Date("2026-05-15T00:00:00Z"));
    expect(q.current.start.toISOString()).toBe("2026-04-01T00:00:00.000Z");
    expect(q.previous.start.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(q.previous.end.toISOString()).toBe("2026-02-15T00:00:00.000Z");
    const y = periodRanges("year", "UTC", new Date("2026-05-15T00:00:00Z"));
    expect(y.previous.start.toISOString()).toBe("2025-01-01T00:00:00.000Z");
    expect(y.granularity).toBe("month");
  });

  it("handles a DST change inside the period", () => {
    // Europe/London moves to BST on 2026-03-29
    const r = periodRanges("month", "Europe/London", new Date("2026-04-02T12:00:00Z"));
    expect(r.current.start.toISOString()).toBe("2026-03-31T23:00:00.000Z");
    expect(r.previous.start.toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });
});

describe("buckets", () => {
  it("one bucket per local day, including the partial current one", () => {
    const b = buckets({ start: new Date("2026-11-01T00:00:00Z"), end: new Date("2026-11-03T01:00:00Z") }, "day", "UTC");
    expect(b.map((d) => d.toISOString())).toEqual(["2026-11-01T00:00:00.000Z", "2026-11-02T00:00:00.000Z", "2026-11-03T00:00:00.000Z"]);
  });
  it("local dates", () => {
    expect(localDate(new Date("2026-11-23T02:00:00Z"), "America/New_York")).toBe("2026-11-22");
  });
});

describe("delta", () => {
  it("is null when the previous value is zero", () => {
    expect(delta(5, 0)).toBeNull();
    expect(delta(120, 100)).toBe(20);
    expect(delta(0, 10)).toBe(-100);
  });
  it("divides by |previous|, so a negative previous value (a margin) keeps the direction right", () => {
    expect(delta(50, -100)).toBe(150); // −100 → +50 is up
    expect(delta(-150, -100)).toBe(-50); // −100 → −150 is down
  });
});
