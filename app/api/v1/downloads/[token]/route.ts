// GET /api/v1/downloads/:token — a run's file by its signed link (lib/runs/download.ts).
import type { NextRequest } from "next/server";
import { authenticateRequest } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { serveDownload } from "@/lib/runs/download";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest, ctx: { params: Promise<{ token: string }> }) {
  const { token } = await ctx.params;
  const { user } = await authenticateRequest(req);
  return serveDownload(prisma, token.slice(0, 300), user);
}
