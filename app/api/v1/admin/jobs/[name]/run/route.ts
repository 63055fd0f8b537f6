// POST /api/v1/admin/jobs/:name/run — runs a job now (Inngest when configured, else in this process).
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { findJob } from "@/lib/jobs/definitions";
import { dispatch } from "@/lib/jobs/dispatch";
import { apiHandler } from "@/lib/http/api";
import { runJobParams } from "@/lib/validation/jobs";

export const POST = apiHandler({ roles: ["admin"], params: runJobParams }, async ({ params }) => {
  // the server's clock, so a client can find this run in GET /runs (started at or after it)
  const acceptedAt = new Date().toISOString();
  const { driver } = await dispatch(prisma, findJob(params.name)!);
  return NextResponse.json({ job: params.name, driver, status: "accepted", accepted_at: acceptedAt }, { status: 202 });
});
