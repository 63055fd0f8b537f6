// The app's "now". Normally the wall clock. For the benchmark only, the
// environment variable BENCH_NOW (an ISO instant, e.g. 2026-11-29T23:30:00Z)
// set when the server process starts fixes it, so the HTTP rows of
// `npm run bench` measure the same instant as its function rows (the worst
// hour of the day: 23:30 UTC). It is read once from the process environment
// at start-up; no request, header, cookie or query parameter can set or
// change it, and it is refused when NODE_ENV is "production" unless
// BENCH_NOW_ALLOWED=1 is set beside it (scripts/bench.ts sets both on the
// server it starts against the bench database; never set them in production).
const fixed = parseFixed(process.env.BENCH_NOW);

function parseFixed(v: string | undefined): number | null {
  if (!v) return null;
  if (process.env.NODE_ENV === "production" && process.env.BENCH_NOW_ALLOWED !== "1") {
    console.warn("BENCH_NOW ignored: NODE_ENV=production without BENCH_NOW_ALLOWED=1");
    return null;
  }
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new Error(`BENCH_NOW must be an ISO instant, got ${JSON.stringify(v)}`);
  console.warn(`BENCH_NOW: this process answers as if now were ${new Date(ms).toISOString()} (benchmark clock)`);
  return ms;
}

/** The current instant for analytics (the wall clock unless the benchmark fixed it at start-up). */
export function clockNow(): Date {
  return fixed === null ? new Date() : new Date(fixed);
}
