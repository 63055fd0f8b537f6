// Report configs the builder refuses, and the field each error names (the
// API answers 400 with issue.path joined by dots: lib/http/api.ts).
import { describe, expect, it } from "vitest";
import { resolveDateRange } from "@/lib/reports/builder/range";
import { cronProblem, previewRequest, reportConfigSchema, savedReportBody } from "@/lib/validation/custom-reports";

const ok = { metrics: ["revenue"], date_range: { relative: "last_30_days" } };
function fieldOf(body: unknown): string {
  const r = previewRequest.safeParse(body);
  if (r.success) return "(accepted)";
  return r.error.issues[0].path.join(".");
}

describe("report config", () => {
  it("accepts the documented shape and fills defaults", () => {
    expect(reportConfigSchema.parse(ok)).toEqual({ ...ok, timezone: "UTC", filters: [], group_by: [], visualization: "table" });
    const full = {
      metrics: ["revenue", "payouts"], date_range: { start_date: "2026-01-01", end_date: "2026-03-31" }, timezone: "europe/paris",
      filters: [{ dimension: "country", op: "in", values: ["US", "FR"] }], group_by: ["month", "country"], visualization: "stacked_bar",
    };
    expect(reportConfigSchema.parse(full).timezone).toBe("Europe/Paris");
  });

  it("names the field of each bad config", () => {
    expect(fieldOf({ config: { ...ok, metrics: ["revenue", "profit"] } })).toBe("config.metrics.1");
    expect(fieldOf({ config: { ...ok, metrics: ["revenue"], group_by: ["flag_type"] } })).toBe("config.group_by.0");
    expect(fieldOf({ config: { ...ok, metrics: ["margin"], group_by: ["country"] } })).toBe("config.group_by.0");
    expect(fieldOf({ config: { ...ok, group_by: ["day", "country", "uploader"] } })).toBe("config.group_by");
    expect(fieldOf({ config: { ...ok, group_by: ["day", "month"] } })).toBe("config.group_by.1");
    expect(fieldOf({ config: { ...ok, filters: [{ dimension: "country", op: "eq", values: ["US'; DROP TABLE users; --"] }] } })).toBe("config.filters.0.values.0");
    expect(fieldOf({ config: { ...ok, filters: [{ dimension: "uploader", op: "in", values: ["a@b.co", "1 OR 1=1"] }] } })).toBe("config.filters.0.values.1");
    expect(fieldOf({ config: { ...ok, filters: [{ dimension: "payout_method", op: "in", values: ["paypal"] }] } })).toBe("config.filters.0.dimension");
    expect(fieldOf({ config: { ...ok, filters: [{ dimension: "day", op: "in", values: ["2026-01-01"] }] } })).toBe("config.filters.0.dimension");
    expect(fieldOf({ config: { ...ok, filters: [{ dimension: "country", op: "like", values: ["U%"] }] } })).toBe("config.filters.0.op");
    expect(fieldOf({ config: { ...ok, date_range: { start_date: "2026-03-01", end_date: "2026-02-01" } } })).toBe("config.date_range.end_date");
    expect(fieldOf({ config: { ...ok, date_range: { relative: "last_week" } } })).toBe("config.date_range.relative");
    expect(fieldOf({ config: { ...ok, timezone: "Mars/Olympus" } })).toBe("config.timezone");
    expect(fieldOf({ config: { ...ok, visualization: "pie; DROP" } })).toBe("config.visualization");
    expect(fieldOf({ config: { ...ok, sql: "SELECT 1" } })).toBe("config");
    expect(fieldOf({ config: ok })).toBe("(accepted)");
  });
});

describe("saved report", () => {
  const base = { name: "Weekly revenue", config: ok };
  const field = (body: unknown) => {
    const r = savedReportBody.safeParse(body);
    return r.success ? "(accepted)" : r.error.issues[0].path.join(".");
  };
  it("validates schedule, recipients and config by report type", () => {
    expect(field(base)).toBe("(accepted)");
    expect(field({ ...base, is_scheduled: true, schedule_cron: "0 9 * * 1", recipients: ["a@example.com"], timezone: "Europe/Paris" })).toBe("(accepted)");
    expect(field({ ...base, is_scheduled: true, recipients: ["a@example.com"] })).toBe("schedule_cron");
    expect(field({ ...base, is_scheduled: true, schedule_cron: "0 9 * * 1" })).toBe("recipients");
    expect(field({ ...base, schedule_cron: "*/5 * * * *" })).toBe("schedule_cron");
    expect(field({ ...base, schedule_cron: "61 * * * *" })).toBe("schedule_cron");
    expect(field({ ...base, recipients: ["a@example.com", "nope"] })).toBe("recipients.1");
    expect(field({ ...base, recipients: Array.from({ length: 51 }, (_, i) => `r${i}@example.com`) })).toBe("recipients");
    expect(field({ ...base, format: "pdf" })).toBe("format");
    expect(field({ ...base, send_condition: "sometimes" })).toBe("send_condition");
    expect(field({ ...base, config: { ...ok, metrics: ["nope"] } })).toBe("config.metrics.0");
    expect(field({ ...base, report_type: "revenue", config: { date_range: { relative: "last_month" }, group_by: "week" } })).toBe("(accepted)");
    expect(field({ ...base, name: "" })).toBe("name");
  });
  it("every 15 minutes is the most frequent schedule", () => {
    expect(cronProblem("*/15 * * * *", "UTC")).toBeNull();
    expect(cronProblem("*/10 * * * *", "UTC")).toMatch(/15 minutes/);
    expect(cronProblem("0,5 9 * * *", "UTC")).toMatch(/15 minutes/);
  });
});

describe("date ranges", () => {
  const now = new Date("2026-03-08T12:00:00Z"); // spring-forward day in New York
  it("absolute days are local midnights, the end capped at now", () => {
    const r = resolveDateRange({ start_date: "2026-03-01", end_date: "2026-03-31" }, "America/New_York", now);
    expect(r.start.toISOString()).toBe("2026-03-01T05:00:00.000Z");
    expect(r.end.toISOString()).toBe(now.toISOString());
    const past = resolveDateRange({ start_date: "2026-03-01", end_date: "2026-03-07" }, "America/New_York", now);
    expect(past.end.toISOString()).toBe("2026-03-08T05:00:00.000Z");
    const summer = resolveDateRange({ start_date: "2026-03-01", end_date: "2026-03-08" }, "America/New_York", new Date("2026-06-01T00:00:00Z"));
    expect(summer.end.toISOString()).toBe("2026-03-09T04:00:00.000Z");
  });
  it("relative ranges", () => {
    const r = (relative: string) => {
      const x = resolveDateRange({ relative } as never, "UTC", now);
      return [x.start_date, x.end_date];
    };
    expect(r("last_7_days")).toEqual(["2026-03-01", "2026-03-07"]);
    expect(r("last_30_days")).toEqual(["2026-02-06", "2026-03-07"]);
    expect(r("last_90_days")).toEqual(["2025-12-08", "2026-03-07"]);
    expect(r("this_month")).toEqual(["2026-03-01", "2026-03-08"]);
    expect(r("last_month")).toEqual(["2026-02-01", "2026-02-28"]);
    expect(r("this_quarter")).toEqual(["2026-01-01", "2026-03-08"]);
    expect(r("last_quarter")).toEqual(["2025-10-01", "2025-12-31"]);
    expect(r("this_year")).toEqual(["2026-01-01", "2026-03-08"]);
    expect(r("last_year")).toEqual(["2025-01-01", "2025-12-31"]);
  });
});
