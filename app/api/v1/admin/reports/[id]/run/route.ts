// POST /api/v1/admin/reports/:id/run {send?} (admin only) → 202 {run}: "Run now"
// (send: false, the file written and recorded) or "Send now" (send: true,
// emailed to every recipient). The slot's report run (run.run_id) is the run
// engine's (GET /api/v1/admin/reports/runs/:id); follow the slot and its
// delivery log with GET /api/v1/admin/reports/:id/runs.
import { NextResponse } from "next/server";
import { appOrigin } from "@/lib/auth/callback-url";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { runReportNow } from "@/lib/reports/schedules";
import { reportIdParams, runNowBody } from "@/lib/validation/custom-reports";

export const dynamic = "force-dynamic";

export const POST = apiHandler({ roles: ["admin"], params: reportIdParams, body: runNowBody, idempotent: true }, async ({ req, params, body, user }) =>
  NextResponse.json(
    { run: await runReportNow(prisma, params.id, user.id, body.send, { origin: appOrigin((n) => req.headers.get(n)) }) },
    { status: 202 },
  ),
);
