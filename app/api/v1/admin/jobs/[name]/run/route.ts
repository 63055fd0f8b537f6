// POST /api/v1/admin/jobs/:name/run — runs a job now (Inngest when configured, else in this process).
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { findJob } from "@/lib/jobs/definitions";
import { dispatch } from "@/lib/jobs/dispatch";
import { apiHandler } from "@/lib/http/api";
import { runJobParams } from "@/lib/validation/jobs";

export const POST = apiHandler({ roles: ["admin"], params: runJobParams }, async ({ params }) => {
  const { driver } = await dispatch(prisma, findJob(params.name)!);
  return NextResponse.json({ job: params.name, driver, status: "accepted" }, { status: 202 });
});
