// GET /api/v1/admin/reports/runs/:id/download — re-signs: sends the admin who
// asked to a fresh signed link of their completed run (the 410 page links
// here). Not signed in: to the sign-in page first.
import { NextResponse, type NextRequest } from "next/server";
import { appOrigin } from "@/lib/auth/callback-url";
import { authenticateRequest } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { errorResponse } from "@/lib/http/api";
import { htmlPage } from "@/lib/runs/download";
import { downloadLink } from "@/lib/runs/links";
import { runIdParams } from "@/lib/validation/runs";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const origin = appOrigin((n) => req.headers.get(n));
  const parsed = runIdParams.safeParse(await ctx.params);
  if (!parsed.success) return errorResponse(400, "invalid_request", "id: is not a run id", "id");
  const { user, badToken } = await authenticateRequest(req);
  if (!user) {
    if (badToken) return errorResponse(401, "unauthorized", "invalid or expired token");
    return NextResponse.redirect(`${origin}/sign-in?callbackUrl=${encodeURIComponent(req.nextUrl.pathname)}`, 303);
  }
  if (user.role !== "admin") return errorResponse(403, "forbidden", "requires role admin");
  const run = await prisma.reportRun.findUnique({ where: { id: parsed.data.id } });
  if (!run) return errorResponse(404, "not_found", "no such run");
  if (run.requestedBy !== user.id) return errorResponse(403, "forbidden", "only the admin who asked can download this file");
  if (run.status !== "completed") return errorResponse(404, "not_found", "the run has not completed");
  if (run.fileDeletedAt || (run.expiresAt && run.expiresAt <= new Date())) return htmlPage(410, "This file has been deleted", "<p>Run it again from the app.</p>");
  return NextResponse.redirect(downloadLink(run, origin)!.url, 303);
}
