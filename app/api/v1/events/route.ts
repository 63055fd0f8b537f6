// POST /api/v1/events: one event or {batch: [...]} from the browser tracker,
// the app's users (session or bearer token), anonymous visitors (anonymous_id)
// or server-to-server senders (X-Events-Write-Key). See lib/events/http.ts.
import type { NextRequest } from "next/server";
import { handleEventsPost } from "@/lib/events/http";

export const dynamic = "force-dynamic";

export async function POST(req: NextRequest) {
  try {
    return await handleEventsPost(req);
  } catch (err) {
    console.error(err);
    return Response.json({ error: { code: "internal_error", message: "internal server error" } }, { status: 500 });
  }
}
