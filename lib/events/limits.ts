// Request limits of the event intake (POST /api/v1/events and the Segment
// routes), counted by the API's limiter (lib/http/rate-limit.ts: fixed windows
// in api_rate_limits, shared by every app instance) with the events' own
// limits: per write key, else per client address, per minute. The buckets are
// named "events-…" so they never share counts with the rest of /api/v1.
// Every answer carries X-RateLimit-*; over the limit → 429 with Retry-After.
import type { Db } from "@/lib/db";
import { rateHeaders, takeRequest, tooManyRequests, type RateResult } from "@/lib/http/rate-limit";
import type { EventsConfig } from "./config";

const WINDOW_SECONDS = 60;

export class EventsRateMeter {
  private result: RateResult | null = null;
  constructor(private db: Db, private address: string | null, private config: EventsConfig, private now: Date) {}

  /** Counts the request for the write key (or, without one, the client address); a 429 answer or null. */
  async take(keyId: string | null): Promise<Response | null> {
    const bucket = keyId
      ? { key: `events-key:${keyId}`, limit: this.config.perKeyPerMinute }
      : { key: `events-ip:${this.address ?? "unknown"}`, limit: this.config.perIpPerMinute };
    this.result = await takeRequest(this.db, [bucket], WINDOW_SECONDS, this.now);
    return this.result.ok ? null : tooManyRequests(this.result);
  }

  /** Puts the headers on the answer; an answer given before `take` (413, 400, 401) is counted by address. */
  async stamp(res: Response): Promise<Response> {
    if (!this.result) {
      try {
        const limited = await this.take(null);
        if (limited) return limited;
      } catch (err) {
        console.error(err); // the answer still goes out, without the headers
        return res;
      }
    }
    for (const [k, v] of Object.entries(rateHeaders(this.result!))) res.headers.set(k, v);
    return res;
  }
}
