// GET /api/v1/admin/reports → {reports} (schedule in words, next run, last run status);
// POST → 201 {report} (admin only). Saved reports of the custom report builder (US-7.9).
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { createSavedReport, listSavedReports } from "@/lib/reports/saved";
import { savedReportBody } from "@/lib/validation/custom-reports";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["admin"] }, async () => ({ reports: await listSavedReports(prisma) }));

export const POST = apiHandler({ roles: ["admin"], body: savedReportBody, idempotent: true }, async ({ user, body }) =>
  NextResponse.json({ report: await createSavedReport(prisma, user.id, body) }, { status: 201 }),
);
