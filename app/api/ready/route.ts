// GET /api/ready — readiness for load balancers: database reachable,
// migrations applied, job driver alive. 200 when ready, 503 when not.
import { prisma } from "@/lib/db";
import { readiness } from "@/lib/health/probes";

export const dynamic = "force-dynamic";

export async function GET() {
  const r = await readiness(prisma);
  return Response.json(r, { status: r.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
