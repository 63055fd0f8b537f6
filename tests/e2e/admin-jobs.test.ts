import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { browserAvailable, launchBrowser, signInPage } from "../helpers/browser";
import { api, baseURL, tokenFor } from "../helpers/http";

describe("jobs API", () => {
  it("is admin only, and validates its input", async () => {
    expect((await api("/api/v1/admin/jobs/runs")).status).toBe(401);
    const uploader = await tokenFor("uploader@example.com");
    expect((await api("/api/v1/admin/jobs/runs", { token: uploader })).status).toBe(403);
    expect((await api("/api/v1/admin/jobs/reconcile-daily-metrics/run", { method: "POST", token: uploader })).status).toBe(403);
    const admin = await tokenFor("admin@example.com");
    const badJob = await api("/api/v1/admin/jobs/drop-everything/run", { method: "POST", token: admin });
    expect(badJob.status).toBe(400);
    expect(badJob.json.error.field).toBe("name");
    const badLimit = await api("/api/v1/admin/jobs/runs?limit=0", { token: admin });
    expect(badLimit.json.error.field).toBe("limit");
  });

  it("lists the jobs with the start-up catch-up run recorded by the in-process driver", async () => {
    const admin = await tokenFor("admin@example.com");
    await expect.poll(async () => {
      const r = await api("/api/v1/admin/jobs/runs?job=catch-up-rollups", { token: admin });
      return r.json.runs.find((x: { status: string }) => x.status === "completed")?.trigger;
    }, { timeout: 30_000 }).toBe("startup");
    const r = await api("/api/v1/admin/jobs/runs", { token: admin });
    expect(r.json.driver).toBe("in-process");
    expect(r.json.jobs.map((j: { name: string }) => j.name)).toEqual(["aggregate-daily-metrics", "reconcile-daily-metrics", "catch-up-rollups", "purge-auth-data", "forward-events", "evaluate-alerts", "purge-request-metrics", "report-run", "export-run", "reap-report-runs", "delete-expired-files", "dispatch-scheduled-reports", "saved-report-run", "deliver-webhooks"]);
    expect(r.json.jobs[0].cron).toBe("0 0 * * *");
  });

  it("runs a job on demand and records the run", async () => {
    const admin = await tokenFor("admin@example.com");
    const started = await api("/api/v1/admin/jobs/reconcile-daily-metrics/run", { method: "POST", token: admin });
    expect(started.status).toBe(202);
    expect(started.json.driver).toBe("in-process");
    await expect.poll(async () => {
      const r = await api("/api/v1/admin/jobs/runs?job=reconcile-daily-metrics", { token: admin });
      return r.json.runs.find((x: { trigger: string }) => x.trigger === "manual")?.status;
    }, { timeout: 30_000 }).toBe("completed");
  });
});

describe.skipIf(!browserAvailable)("jobs page in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("shows the jobs and their runs", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInPage(page, "admin@example.com");
    await page.getByRole("link", { name: "Jobs" }).click();
    await page.getByTestId("admin-jobs").waitFor();
    await expect(page.getByTestId("job-runs").textContent()).resolves.toMatch(/catch-up-rollups/);
    await page.getByTestId("run-aggregate-daily-metrics").click();
    await expect.poll(() => page.getByTestId("job-runs").textContent(), { timeout: 20_000 }).toMatch(/aggregate-daily-metrics/);
    await context.close();
  });
});
