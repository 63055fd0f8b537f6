"use client";

// PLACEHOLDER (i9-financial): the real runs list (live progress, download,
// cancel, re-run) is built by the report runs work (i9-runs) in this same
// file; the lead replaces this one with it when merging. It keeps the same
// exports so /admin/reports does not change.
export const RUNS_CHANGED_EVENT = "runs:changed";
/** Call after starting a run so the list shows it without waiting for the next poll. */
export function notifyRunsChanged() {
  window.dispatchEvent(new Event(RUNS_CHANGED_EVENT));
}

export function RunsList({ kind }: { kind: "report" | "export" }) {
  return (
    <p className="text-tremor-default text-tremor-content" data-testid="runs-list-placeholder">
      The list of {kind} runs appears here once report runs are available.
    </p>
  );
}
