// Request limits of the event intake (POST /api/v1/events and the Segment
// routes), counted by the API's limiter (lib/http/rate-limit.ts: fixed windows
// in api_rate_limits, shared by every app instance) with the events' own
// limits: per write key, else per client address, per minute. The buckets are
// named "events-…" so they never share counts with the rest of /api/v1.
// Every answer carries X-RateLimit-*; over the limit → 429 with Retry-After.
import type { Db } from "@/lib/db";
import { BucketMeter } from "@/lib/http/rate-limit";
import type { EventsConfig } from "./config";

const WINDOW_SECONDS = 60;

export class EventsRateMeter extends BucketMeter {
  constructor(db: Db, private address: string | null, private config: EventsConfig, private now: Date) {
    super(db);
  }

  /** Counts the request for the write key (or, without one, the client address); a 429 answer or null. */
  async take(keyId: string | null): Promise<Response | null> {
    const bucket = keyId
      ? { key: `events-key:${keyId}`, limit: this.config.perKeyPerMinute }
      : { key: `events-ip:${this.address ?? "unknown"}`, limit: this.config.perIpPerMinute };
    return this.count([bucket], WINDOW_SECONDS, this.now);
  }

  /** An answer given before the key was known (413, 400, 401) is counted by address. */
  protected takeAnonymous() {
    return this.take(null);
  }
}
