// POST /api/v1/admin/reports/:id/run {send?} (admin only) → 202 {run}: "Run now"
// (send: false, computed and recorded) or "Send now" (send: true, emailed to
// every recipient). Follow it with GET /api/v1/admin/reports/:id/runs.
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { runReportNow } from "@/lib/reports/schedules";
import { reportIdParams, runNowBody } from "@/lib/validation/custom-reports";

export const dynamic = "force-dynamic";

export const POST = apiHandler({ roles: ["admin"], params: reportIdParams, body: runNowBody, idempotent: true }, async ({ params, body, user }) =>
  NextResponse.json({ run: await runReportNow(prisma, params.id, user.id, body.send) }, { status: 202 }),
);
