// POST /api/v1/admin/exports — starts an export run → 202 {export_id, status, estimated_rows, estimated_time}.
import { NextResponse } from "next/server";
import { appOrigin } from "@/lib/auth/callback-url";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { requestExport } from "@/lib/runs/service";
import { exportRequest } from "@/lib/validation/runs";

export const POST = apiHandler({ roles: ["admin"], body: exportRequest, idempotent: true }, async ({ req, body, user }) =>
  NextResponse.json(await requestExport(prisma, body, user.id, appOrigin((n) => req.headers.get(n))), { status: 202 }),
);
