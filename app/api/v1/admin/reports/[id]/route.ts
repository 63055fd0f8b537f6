// GET/PUT/DELETE /api/v1/admin/reports/:id (admin only). :id must be a uuid,
// so the static routes beside it (catalog, preview, financial, runs,
// schedule-preview) never land here.
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { deleteSavedReport, getSavedReport, updateSavedReport } from "@/lib/reports/saved";
import { reportIdParams, savedReportBody } from "@/lib/validation/custom-reports";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["admin"], params: reportIdParams }, async ({ params }) => ({ report: await getSavedReport(prisma, params.id) }));

export const PUT = apiHandler({ roles: ["admin"], params: reportIdParams, body: savedReportBody }, async ({ params, body }) => ({
  report: await updateSavedReport(prisma, params.id, body),
}));

export const DELETE = apiHandler({ roles: ["admin"], params: reportIdParams }, async ({ params }) => {
  await deleteSavedReport(prisma, params.id);
  return new NextResponse(null, { status: 204 });
});
