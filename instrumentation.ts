// Runs once when the Next.js server starts: checks the production
// configuration, opens the first database connections, then, without
// Inngest, schedules the jobs in this process (and catches up missing
// rollups at boot).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Security (lib/auth): production without NEXTAUTH_SECRET exits here; every
  // request gets its socket address in a header for sign-in rate limiting.
  const [{ assertProductionConfig }, { installPeerAddressHeader }] = await Promise.all([import("@/lib/auth/secret"), import("@/lib/auth/peer-address")]);
  assertProductionConfig();
  installPeerAddressHeader();
  // Streamed downloads keep their Content-Length (lib/http/stream-length.ts).
  (await import("@/lib/http/stream-length")).installStreamLengthHeader();
  // Open a few pooled connections before the first request (each costs a TCP and SCRAM handshake), so
  // the first dashboard request after a start does not pay for them. Not a cache: no answer depends on it.
  const { prisma: warm } = await import("@/lib/db");
  await Promise.all(Array.from({ length: 4 }, () => warm.$queryRaw`SELECT 1`)).catch((err) => {
    console.warn(`[db] warm-up query failed (the first requests will connect): ${err instanceof Error ? err.message : err}`);
  });
  // System health (lib/health): page requests are recorded from Next.js's request span.
  const { installPageTracing } = await import("@/lib/health/page-tracing");
  installPageTracing();
  if (process.env.DISABLE_IN_PROCESS_JOBS === "1") return;
  const { inngestConfigured } = await import("@/lib/jobs/config");
  if (inngestConfigured()) return;
  const g = globalThis as { __jobsStarted?: boolean };
  if (g.__jobsStarted) return;
  g.__jobsStarted = true;
  const [{ prisma }, { JOBS, catchUpRollupsJob }, { startScheduler, runInProcess }] = await Promise.all([
    import("@/lib/db"),
    import("@/lib/jobs/definitions"),
    import("@/lib/jobs/in-process"),
  ]);
  (globalThis as { __jobsScheduler?: unknown }).__jobsScheduler = startScheduler(prisma, JOBS);
  void runInProcess(prisma, catchUpRollupsJob, {}, "startup");
}

// A request that failed on the server (a page render, a route handler, an
// action): counted as a 5xx of its route even when the page had already sent
// 200 and streamed an error boundary (lib/health/page-tracing.ts).
export async function onRequestError(err: unknown, request: { path: string; method: string }, ctx: { routePath: string; routeType: string }) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { markRequestFailed } = await import("@/lib/health/page-tracing");
  if (!markRequestFailed()) console.warn(`[health] ${ctx.routeType} error on ${request.method} ${ctx.routePath} outside a traced request`);
}
