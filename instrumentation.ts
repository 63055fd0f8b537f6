// Runs once when the Next.js server starts. Without Inngest, this process
// schedules the jobs itself (and catches up missing rollups at boot).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.DISABLE_IN_PROCESS_JOBS === "1") return;
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
  startScheduler(prisma, JOBS);
  void runInProcess(prisma, catchUpRollupsJob, {}, "startup");
}
