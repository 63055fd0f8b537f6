// POST /api/v1/admin/reports/financial/preview — first rows, totals and row count of a financial report (admin only).
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { previewFinancialReport } from "@/lib/reports/financial/preview";
import { financialPreviewRequest } from "@/lib/validation/reports";

export const POST = apiHandler({ roles: ["admin"], body: financialPreviewRequest }, async ({ body }) => previewFinancialReport(prisma, body));
