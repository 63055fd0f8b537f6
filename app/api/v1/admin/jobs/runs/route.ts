// GET /api/v1/admin/jobs/runs?job=&limit= — jobs, their recent runs, and rollup drift.
import { prisma } from "@/lib/db";
import { jobsOverview } from "@/lib/jobs/overview";
import { apiHandler } from "@/lib/http/api";
import { listJobRunsQuery } from "@/lib/validation/jobs";

export const GET = apiHandler({ roles: ["admin"], query: listJobRunsQuery }, async ({ query }) => jobsOverview(prisma, query));
