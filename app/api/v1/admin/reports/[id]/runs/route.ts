// GET /api/v1/admin/reports/:id/runs (admin only) → {runs}: scheduled and
// manual runs of the saved report, newest first, each with its delivery log.
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { reportRuns } from "@/lib/reports/schedules";
import { reportIdParams } from "@/lib/validation/custom-reports";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["admin"], params: reportIdParams }, async ({ params }) => ({ runs: await reportRuns(prisma, params.id) }));
