// GET /api/v1/openapi.json — the OpenAPI 3.1 document of /api/v1 (public, cacheable; lib/openapi/document.ts).
import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/openapi/document";

// rendered per request (cheap: built once per process), so the cache header below is the one sent
export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
