// Event tracking settings, read from the environment at start-up (never from a request).

import type { Env } from "./providers";

const int = (v: string | undefined, def: number) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : def);

export type EventsConfig = {
  /** Months kept: older events are refused at ingestion and their partitions dropped by the nightly job. */
  retentionMonths: number;
  /** Keep the client's full IP address instead of its /24 (IPv4) or /48 (IPv6) network. */
  fullIp: boolean;
  /** Requests per minute per client address (anonymous, session and bearer callers). */
  perIpPerMinute: number;
  /** Requests per minute per write key. */
  perKeyPerMinute: number;
  /** The write key from the environment, if any. */
  writeKey: string | null;
};

export function eventsConfig(env: Env = process.env): EventsConfig {
  return {
    retentionMonths: int(env.EVENTS_RETENTION_MONTHS, 25),
    fullIp: env.EVENTS_FULL_IP === "1",
    perIpPerMinute: int(env.EVENTS_RATE_LIMIT_PER_IP, 600),
    perKeyPerMinute: int(env.EVENTS_RATE_LIMIT_PER_KEY, 12_000),
    writeKey: env.EVENTS_WRITE_KEY || null,
  };
}
