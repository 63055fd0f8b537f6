// GET /api/v1/admin/reports/schedule-preview over HTTP: admin only, 400 naming
// the field, and the schedule in words with its next runs in zone and UTC.
import { describe, expect, it } from "vitest";
import { api, tokenFor } from "../helpers/http";

const URL = "/api/v1/admin/reports/schedule-preview";
const q = (params: Record<string, string>) => `${URL}?${new URLSearchParams(params)}`;

describe("schedule preview API", () => {
  it("is admin only", async () => {
    expect((await api(q({ cron: "0 9 * * 1", timezone: "Europe/Paris" }))).status).toBe(401);
    for (const who of ["uploader@example.com", "creator@example.com"]) {
      expect((await api(q({ cron: "0 9 * * 1", timezone: "Europe/Paris" }), { token: await tokenFor(who) })).status).toBe(403);
    }
  });

  it("refuses a bad cron, a schedule more often than every 15 minutes, and an unknown zone, naming the field", async () => {
    const admin = await tokenFor("admin@example.com");
    for (const [params, field, message] of [
      [{ cron: "61 * * * *", timezone: "UTC" }, "cron", /not a valid cron expression/],
      [{ cron: "*/5 * * * *", timezone: "UTC" }, "cron", /more often than every 15 minutes/],
      [{ cron: "0 9 * *", timezone: "UTC" }, "cron", /5 fields/],
      [{ timezone: "UTC" }, "cron", /./],
      [{ cron: "0 9 * * 1", timezone: "Europe/Atlantis" }, "timezone", /IANA time zone/],
      [{ cron: "0 9 * * 1" }, "timezone", /./],
    ] as const) {
      const r = await api(q(params as Record<string, string>), { token: admin });
      expect(r.status, JSON.stringify(params)).toBe(400);
      expect(r.json.error.field).toBe(field);
      expect(r.json.error.message).toMatch(message);
    }
  });

  it("answers the schedule in words and the next 5 runs in the zone and in UTC", async () => {
    const admin = await tokenFor("admin@example.com");
    const r = await api(q({ cron: "0 9 * * 1", timezone: "europe/paris" }), { token: admin });
    expect(r.status).toBe(200);
    expect(r.json.description).toBe("Every Monday at 09:00, Europe/Paris");
    expect(r.json.timezone).toBe("Europe/Paris");
    expect(r.json.next_runs).toHaveLength(5);
    let last = Date.now();
    for (const run of r.json.next_runs) {
      expect(run.local).toMatch(/^\d{4}-\d{2}-\d{2}T09:00:00\+0[12]:00$/);
      const at = Date.parse(run.utc);
      expect(Date.parse(run.local)).toBe(at); // the same instant, written two ways
      expect(new Date(at).getUTCDay()).toBe(1);
      expect(at).toBeGreaterThan(last);
      last = at;
    }
    expect(r.json.dst_rule).toMatch(/first valid time after the gap/);
  });
});
