"use client";

// "Run now": starts the job, then follows its run (GET /api/v1/admin/jobs/runs)
// until it completes or fails, and says which — with the duration or the error.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

type Run = { job: string; trigger: string; status: string; started_at: string; duration_ms: number | null; error: string | null };
type State =
  | { kind: "idle" }
  | { kind: "starting" }
  | { kind: "running"; since: string }
  | { kind: "completed"; ms: number | null }
  | { kind: "failed"; error: string }
  | { kind: "lost" };

const POLL_MS = 1000;
const GIVE_UP_MS = 10 * 60_000;

export function RunJobButton({ name }: { name: string }) {
  const router = useRouter();
  const [state, setState] = useState<State>({ kind: "idle" });
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function follow(since: string, startedPolling: number) {
    try {
      const res = await fetch(`/api/v1/admin/jobs/runs?job=${name}&limit=10`, { cache: "no-store" });
      const body = (await res.json()) as { runs: Run[] };
      // the oldest manual run that started after the request was accepted (allow 1 s of clock rounding)
      const run = body.runs
        .filter((r) => r.trigger === "manual" && Date.parse(r.started_at) >= Date.parse(since) - 1000)
        .sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at))[0];
      if (run?.status === "completed" || run?.status === "failed") {
        setState(run.status === "completed" ? { kind: "completed", ms: run.duration_ms } : { kind: "failed", error: run.error?.split("\n")[0] ?? "no error recorded" });
        router.refresh();
        return;
      }
      if (run) router.refresh();
    } catch {
      /* keep polling: a blip is not the run's end state */
    }
    if (Date.now() - startedPolling > GIVE_UP_MS) return setState({ kind: "lost" });
    timer.current = setTimeout(() => follow(since, startedPolling), POLL_MS);
  }

  async function run() {
    setState({ kind: "starting" });
    // JSON content type: the API refuses cookie-authenticated changes without it (CSRF check in lib/http/api.ts)
    const res = await fetch(`/api/v1/admin/jobs/${name}/run`, { method: "POST", headers: { "content-type": "application/json" } });
    if (!res.ok) return setState({ kind: "failed", error: `could not start (HTTP ${res.status})` });
    const { accepted_at } = (await res.json()) as { accepted_at: string };
    setState({ kind: "running", since: accepted_at });
    follow(accepted_at, Date.now());
  }

  const busy = state.kind === "starting" || state.kind === "running";
  return (
    <div className="flex flex-col items-end gap-1">
      <button onClick={run} disabled={busy}
        className="rounded-tremor-small border border-tremor-border px-3 py-1 text-tremor-default hover:bg-tremor-background-subtle disabled:opacity-60"
        data-testid={`run-${name}`}>
        {busy ? "Running…" : "Run now"}
      </button>
      <span role="status" className="text-right text-tremor-label" data-testid={`run-state-${name}`}>
        {state.kind === "completed" && <span className="text-emerald-700">Completed{state.ms != null ? ` in ${(state.ms / 1000).toFixed(1)} s` : ""}</span>}
        {state.kind === "failed" && <span className="text-red-700">Failed: {state.error}</span>}
        {state.kind === "running" && <span className="text-tremor-content">Started, waiting for it to finish…</span>}
        {state.kind === "lost" && <span className="text-amber-700">Still running after 10 minutes; see Recent runs</span>}
      </span>
    </div>
  );
}
