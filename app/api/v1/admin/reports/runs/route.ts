// GET /api/v1/admin/reports/runs?kind=&status=&page=&per_page=&mine= — report and export runs, newest first.
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { listRuns } from "@/lib/runs/list";
import { listRunsQuery } from "@/lib/validation/runs";

export const GET = apiHandler({ roles: ["admin"], query: listRunsQuery }, async ({ query, user }) => listRuns(prisma, query, user.id));
