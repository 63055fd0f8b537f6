// POST /api/v1/admin/reports/financial — starts a financial report run → 202 {report_run_id, status, estimated_time}.
import { NextResponse } from "next/server";
import { appOrigin } from "@/lib/auth/callback-url";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { requestFinancialReport } from "@/lib/runs/service";
import { financialReportRequest } from "@/lib/validation/reports";

export const POST = apiHandler({ roles: ["admin"], body: financialReportRequest, idempotent: true }, async ({ req, body, user }) =>
  NextResponse.json(await requestFinancialReport(prisma, body, user.id, appOrigin((n) => req.headers.get(n))), { status: 202 }),
);
