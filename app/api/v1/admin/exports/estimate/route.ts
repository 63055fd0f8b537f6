// POST /api/v1/admin/exports/estimate — the rows an export would write now and its estimated time, before starting it.
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { estimateExport } from "@/lib/runs/service";
import { exportEstimateRequest } from "@/lib/validation/runs";

export const POST = apiHandler({ roles: ["admin"], body: exportEstimateRequest }, async ({ body }) => estimateExport(prisma, body));
