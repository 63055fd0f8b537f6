// GET /api/metrics — Prometheus text format for an existing Prometheus or
// Grafana: this instance's request histogram and process metrics, plus
// queue gauges read from the database. Requires `Authorization: Bearer
// $METRICS_TOKEN`; without METRICS_TOKEN set the endpoint is off (404).
import { prisma } from "@/lib/db";
import { metricsText, metricsTokenOk } from "@/lib/health/metrics-endpoint";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const token = process.env.METRICS_TOKEN;
  if (!token) return Response.json({ error: { code: "not_found", message: "metrics are off: set METRICS_TOKEN" } }, { status: 404 });
  if (!metricsTokenOk(req.headers.get("authorization"), token)) {
    return Response.json({ error: { code: "unauthorized", message: "Authorization: Bearer <METRICS_TOKEN> required" } }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="metrics"' } });
  }
  const { body, contentType } = await metricsText(prisma);
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
