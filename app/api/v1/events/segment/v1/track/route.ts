// POST /api/v1/events/segment/v1/track: Segment's HTTP tracking API (lib/events/segment-http.ts).
import type { NextRequest } from "next/server";
import { handleSegmentPost } from "@/lib/events/segment-http";
import { segmentRoute } from "@/lib/events/segment-route";

export const dynamic = "force-dynamic";

export const POST = segmentRoute((req: NextRequest) => handleSegmentPost(req, "track"));
