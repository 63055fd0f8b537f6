// GET /api/v1/admin/reports/runs/:id — {report_run, download_url} (the link only for the admin who asked, once completed).
import { appOrigin } from "@/lib/auth/callback-url";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { runForUser } from "@/lib/runs/service";
import { runIdParams } from "@/lib/validation/runs";

export const GET = apiHandler({ roles: ["admin"], params: runIdParams }, async ({ req, params, user }) =>
  runForUser(prisma, params.id, user.id, appOrigin((n) => req.headers.get(n))),
);
