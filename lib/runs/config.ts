// Knobs of the report runs, from the environment (README "Reports and exports").
export const runConfig = () => ({
  /** A processing run whose heartbeat is older than this is taken as dead. */
  staleSeconds: Number(process.env.RUN_STALE_SECONDS ?? 90),
  /** How often a worker touches its heartbeat besides each chunk. */
  heartbeatSeconds: Number(process.env.RUN_HEARTBEAT_SECONDS ?? 10),
  /** Attempts (the first plus retries after a dead worker) before a run stays failed. */
  maxAttempts: Number(process.env.RUN_MAX_ATTEMPTS ?? 3),
  /** How long a finished file is kept before the nightly job deletes it. */
  retentionDays: Number(process.env.EXPORT_RETENTION_DAYS ?? 7),
});

/** Rows per second by format, for `estimated_time` (measured order of magnitude, on the safe side). */
export const ROWS_PER_SECOND: Record<string, number> = { csv: 150_000, json: 120_000, ndjson: 120_000, xlsx: 25_000 };

export function estimatedSeconds(rows: number, format: string): number {
  return Math.max(1, Math.ceil(rows / (ROWS_PER_SECOND[format] ?? 25_000)) + 1);
}
