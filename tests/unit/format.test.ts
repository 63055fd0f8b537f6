import { describe, expect, it } from "vitest";
import { describeIssue, pageBeyondEnd, pageQuery } from "@/lib/analytics/page-query";
import { formatDateTime, formatMoneyAxis, formatTime, withArticle, zoneAbbreviation } from "@/lib/format";
import { creatorLevelsQuery } from "@/lib/validation/admin-analytics";
import { creatorEarningsQuery } from "@/lib/validation/creator";
import { userDashboardQuery } from "@/lib/validation/dashboard";

describe("withArticle: the article goes by the first sound", () => {
  it.each([
    ["Executive Summary", "an Executive Summary"],
    ["Blog Post", "a Blog Post"],
    ["Social Media Pack", "a Social Media Pack"],
    ["Key Insights", "a Key Insights"],
    ["Newsletter", "a Newsletter"],
    ["Show Notes", "a Show Notes"],
    ["Transcript Cleanup", "a Transcript Cleanup"],
    ["Video Captions", "a Video Captions"],
    ["Audio Summary", "an Audio Summary"],
    ["Outline", "an Outline"],
    ["Interview Recap", "an Interview Recap"],
    ["Update", "an Update"],
    ["User Guide", "a User Guide"],
    ["Unique Angle", "a Unique Angle"],
    ["European Brief", "a European Brief"],
    ["One-pager", "a One-pager"],
    ["Hour Summary", "an Hour Summary"],
    ["Honest Review", "an Honest Review"],
    ["History Piece", "a History Piece"],
  ])("%s → %s", (word, expected) => {
    expect(withArticle(word)).toBe(expected);
  });
});

describe("formatMoneyAxis: one money-axis style", () => {
  it.each([
    [0, "$0"],
    [850, "$850"],
    [999, "$999"],
    [1000, "$1K"],
    [3500, "$3.5K"],
    [3549.99, "$3.5K"],
    [12000, "$12K"],
    [-3500, "-$3.5K"],
    [1_250_000, "$1.3M"],
    ["3500.00", "$3.5K"],
  ] as const)("%s → %s", (v, expected) => {
    expect(formatMoneyAxis(v)).toBe(expected);
  });
});

describe("times carry their zone", () => {
  const winter = new Date("2026-01-15T17:42:00Z");
  const summer = new Date("2026-07-15T17:42:00Z");
  it.each([
    ["UTC", winter, "17:42 UTC"],
    ["Europe/Berlin", winter, "18:42 CET"],
    ["Europe/Berlin", summer, "19:42 CEST"],
    ["America/New_York", winter, "12:42 EST"],
    ["America/Los_Angeles", summer, "10:42 PDT"],
    ["Europe/London", summer, "18:42 BST"],
    ["Asia/Kolkata", winter, "23:12 GMT+5:30"],
  ] as const)("%s at %s → %s", (tz, at, expected) => {
    expect(formatTime(at, tz)).toBe(expected);
  });
  it("midnight is 00:00, never 24:00", () => {
    expect(formatTime(new Date("2026-03-01T00:05:00Z"), "UTC")).toBe("00:05 UTC");
    expect(formatDateTime(new Date("2026-03-01T00:05:00Z"), "UTC")).toBe("Mar 1, 2026, 00:05 UTC");
  });
  it("the abbreviation follows daylight saving at the instant shown", () => {
    expect(zoneAbbreviation("Europe/Berlin", winter)).toBe("CET");
    expect(zoneAbbreviation("Europe/Berlin", summer)).toBe("CEST");
  });
});

describe("pageQuery: refused parameters are reported, not silently replaced", () => {
  it("names the field, the value and the reason; keeps the valid fields", () => {
    const { query, problems } = pageQuery(userDashboardQuery, { period: "garbage", tz: "Europe/Berlin" });
    expect(query).toEqual({ period: "month", tz: "Europe/Berlin" });
    expect(problems).toEqual([{ field: "period", value: "garbage", message: "must be one of week, month, quarter, year" }]);
  });
  it("a refused date range drops both ends", () => {
    const { query, problems } = pageQuery(creatorEarningsQuery, { from: "2026-05-01", to: "2026-01-01", granularity: "week" }, { together: [["from", "to"]] });
    expect(query).toEqual({ granularity: "week" });
    expect(problems).toEqual([{ field: "to", value: "from 2026-05-01, to 2026-01-01", message: "must be on or after from" }]);
  });
  it("reports every refused field", () => {
    const { problems } = pageQuery(creatorLevelsQuery, { start_date: "yesterday" }, { together: [["start_date", "end_date"]] });
    expect(problems.map((p) => p.field)).toEqual(["start_date"]);
    const two = pageQuery(creatorEarningsQuery, { from: "garbage", granularity: "hour" }, { together: [["from", "to"]] });
    expect(two.problems.map((p) => `${p.field}: ${p.message}`).sort()).toEqual(["from: is not a date", "granularity: must be one of day, week, month"]);
  });
  it("a page past the end names the last page", () => {
    expect(pageBeyondEnd(3, 20, 41)).toBeNull();
    expect(pageBeyondEnd(4, 20, 41)).toEqual({ page: 3, problem: { field: "page", value: "4", message: "is past the end" } });
    expect(pageBeyondEnd(2, 20, 0)?.page).toBe(1);
  });
  it("describes zod's issues in plain words", () => {
    const r = creatorEarningsQuery.safeParse({ from: "x" });
    expect(r.success).toBe(false);
    expect(describeIssue(r.error!.issues[0])).toBe("is not a date");
  });
});
