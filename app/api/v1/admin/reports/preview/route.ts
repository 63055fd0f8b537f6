// POST /api/v1/admin/reports/preview {config} (admin only): the report's rows,
// totals and chart series, for the builder's live preview.
import { clockNow } from "@/lib/clock";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { previewReport } from "@/lib/reports/builder";
import { previewRequest } from "@/lib/validation/custom-reports";

export const dynamic = "force-dynamic";

export const POST = apiHandler({ roles: ["admin"], body: previewRequest }, async ({ body }) => previewReport(prisma, body.config, clockNow()));
