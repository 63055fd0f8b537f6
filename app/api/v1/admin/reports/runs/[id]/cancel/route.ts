// POST /api/v1/admin/reports/runs/:id/cancel — the run stops at its next chunk and ends failed "cancelled".
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { cancelRun } from "@/lib/runs/service";
import { runIdParams } from "@/lib/validation/runs";

export const POST = apiHandler({ roles: ["admin"], params: runIdParams }, async ({ params }) =>
  NextResponse.json({ report_run: await cancelRun(prisma, params.id) }, { status: 202 }),
);
