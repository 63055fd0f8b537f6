// Global setup of the e2e project: a fresh database with the tiny demo
// dataset, a production build, and `next start` on a free port. Tests reach
// it through inject("baseURL") and inject("databaseUrl").
import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import type { TestProject } from "vitest/node";
import { startAppOnFreePort } from "@/lib/app-server";
import { dropDatabase, ensureDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { databaseUrl, withDatabase } from "@/lib/db/url";
import { seed } from "@/prisma/seed";

declare module "vitest" {
  export interface ProvidedContext { baseURL: string; databaseUrl: string }
}

export default async function setup(project: TestProject) {
  const name = `ma_e2e_${crypto.randomBytes(4).toString("hex")}`;
  const server = withDatabase(databaseUrl(), "postgres");
  await ensureDatabase(name, server);
  const url = withDatabase(databaseUrl(), name);
  await migrate(url);
  await seed(url, { scale: "tiny" });
  // Every e2e request comes from 127.0.0.1: the per-address API limit would be the whole suite's (tests/e2e/api-limits sets its own).
  // Scheduled report files over 4 KB are linked, not attached (tests/e2e/report-builder: an XLSX is, a few CSV rows are not).
  const app = await startAppOnFreePort(url, { API_RATE_LIMIT_PER_IP: "1000000", SCHEDULED_ATTACH_MAX_BYTES: "4096" });
  let child: ChildProcess | undefined = app.child;
  const baseURL = app.baseURL;
  project.provide("baseURL", baseURL);
  project.provide("databaseUrl", url);
  return async () => {
    child?.kill("SIGTERM");
    child = undefined;
    await dropDatabase(name, server);
  };
}
