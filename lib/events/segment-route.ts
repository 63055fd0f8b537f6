// The Segment routes' wrapper: an unexpected error is a JSON 500 (which the
// SDKs retry), recorded on the health dashboard like every /api/v1 answer.
import type { NextRequest } from "next/server";
import { errorResponse } from "@/lib/http/api";
import { recordRequest } from "@/lib/health/recorder";

export function segmentRoute(handle: (req: NextRequest) => Promise<Response>) {
  return async (req: NextRequest) => {
    const started = performance.now();
    let res: Response;
    try {
      res = await handle(req);
    } catch (err) {
      console.error(err);
      res = errorResponse(500, "internal_error", "internal server error");
    }
    recordRequest(req.nextUrl.pathname, req.method, res.status, performance.now() - started);
    return res;
  };
}
