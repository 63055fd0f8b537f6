// Liveness and readiness for load balancers (GET /api/health, /api/ready):
// unauthenticated, cheap, and saying nothing sensitive.
import fs from "node:fs";
import path from "node:path";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import { inngestConfigured } from "@/lib/jobs/config";

type Check = { ok: boolean; detail: string };

async function databaseCheck(db: Db): Promise<{ db: Check; migrations: Check }> {
  try {
    const applied = await db.$queryRaw<{ name: string }[]>(Prisma.sql`
      SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
    const dir = path.join(process.cwd(), "prisma/migrations");
    if (!fs.existsSync(dir)) return { db: { ok: true, detail: "reachable" }, migrations: { ok: true, detail: `${applied.length} applied (no migrations folder to compare with)` } };
    const wanted = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    const have = new Set(applied.map((a) => a.name));
    const missing = wanted.filter((n) => !have.has(n));
    return {
      db: { ok: true, detail: "reachable" },
      migrations: missing.length ? { ok: false, detail: `${missing.length} not applied: ${missing.slice(0, 3).join(", ")}` } : { ok: true, detail: `${wanted.length} applied` },
    };
  } catch (err) {
    const message = (err as Error).message.split("\n")[0].slice(0, 200);
    return { db: { ok: false, detail: message }, migrations: { ok: false, detail: "database unreachable" } };
  }
}

function jobDriverCheck(): Check {
  if (inngestConfigured()) return { ok: true, detail: "inngest" };
  if (process.env.DISABLE_IN_PROCESS_JOBS === "1") return { ok: true, detail: "in-process jobs disabled on this instance" };
  const scheduler = (globalThis as { __jobsScheduler?: { crons: { isRunning(): boolean }[] } }).__jobsScheduler;
  if (!scheduler) return { ok: false, detail: "in-process scheduler not started" };
  const running = scheduler.crons.filter((c) => c.isRunning()).length;
  return running > 0 ? { ok: true, detail: `in-process, ${running} schedules` } : { ok: false, detail: "in-process scheduler stopped" };
}

export async function readiness(db: Db) {
  const { db: database, migrations } = await databaseCheck(db);
  const jobs = jobDriverCheck();
  return { ready: database.ok && migrations.ok && jobs.ok, checks: { database, migrations, jobs } };
}
