"use client";

// The live list of report or export runs (GET /api/v1/admin/reports/runs):
// polls every 2 s while a run is pending or processing, every 15 s otherwise,
// and at once when a form on the page starts a run (notifyRunsChanged()).
// Each run shows status, a progress bar, rows, size, and download / cancel /
// re-run. Mounted by /admin/exports and /admin/reports.
import { useCallback, useEffect, useRef, useState } from "react";
import { TableScroll } from "@/components/table-scroll";
import type { RunView } from "@/lib/runs/view";

export const RUNS_CHANGED_EVENT = "runs:changed";
/** Call after starting a run so the list shows it without waiting for the next poll. */
export function notifyRunsChanged() {
  window.dispatchEvent(new Event(RUNS_CHANGED_EVENT));
}

// The API's run (lib/runs/view.ts), as much of it as the list shows, plus whether the viewer asked for it.
type Run = Pick<RunView,
  "id" | "kind" | "report_id" | "report_type" | "entity" | "parameters" | "format" | "status" | "progress" | "row_count" | "estimated_rows" | "file_name"
  | "file_size_bytes" | "error_message" | "email_status" | "email_error" | "file_deleted" | "notify" | "created_at" | "completed_at" | "expires_at"
> & { mine: boolean };

const STATUS_STYLE: Record<Run["status"], string> = {
  pending: "bg-gray-100 text-gray-800",
  processing: "bg-blue-100 text-blue-800",
  completed: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
};

function bytes(n: number | null) {
  if (n == null) return "—";
  if (n < 1000) return `${n} B`;
  const u = ["kB", "MB", "GB"];
  let v = n, i = -1;
  while (v >= 1000 && i < u.length - 1) (v /= 1000), i++;
  return `${v.toFixed(v < 10 ? 1 : 0)} ${u[i]}`;
}

function when(s: string | null, timeZone?: string) {
  if (!s) return "—";
  return new Intl.DateTimeFormat("en-US", { timeZone, month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }).format(new Date(s));
}

function describe(r: Run, timeZone?: string) {
  const p = r.parameters as { filters?: Record<string, string>; start_date?: string; end_date?: string; group_by?: string };
  if (r.kind === "export") {
    const f = Object.entries(p.filters ?? {}).map(([k, v]) => `${k}=${v}`).join(", ");
    return { title: `${r.entity} export`, detail: f || "no filters" };
  }
  // a saved custom report's run keeps its config and the instant its range resolved at (lib/runs/plan.ts)
  const custom = r.parameters as { name?: string; as_of?: string };
  if (r.report_type === "custom") return { title: `${custom.name ?? "custom"} (saved report)`, detail: `as of ${when(custom.as_of ?? null, timeZone)}` };
  return { title: `${(r.report_type ?? "").replace(/_/g, " ")} report${r.report_id ? " (saved report)" : ""}`, detail: `${p.start_date} – ${p.end_date}${p.group_by ? ` by ${p.group_by}` : ""}` };
}

function rerunRequest(r: Run): { url: string; body: Record<string, unknown> } {
  // a saved report's run: "Run now" of that report (its current config)
  if (r.report_id) return { url: `/api/v1/admin/reports/${r.report_id}/run`, body: { send: false } };
  if (r.kind === "export") return { url: "/api/v1/admin/exports", body: { entity: r.entity, format: r.format, notify: r.notify, ...r.parameters } };
  return { url: "/api/v1/admin/reports/financial", body: { report_type: r.report_type, format: r.format, ...r.parameters } };
}

export function RunsList({ kind, timeZone }: { kind: "report" | "export"; timeZone?: string }) {
  const [runs, setRuns] = useState<Run[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [total, setTotal] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const perPage = 10;

  const load = useCallback(async () => {
    clearTimeout(timer.current);
    let active = false;
    try {
      const res = await fetch(`/api/v1/admin/reports/runs?kind=${kind}&page=${page}&per_page=${perPage}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as { runs: Run[]; total: number };
      setRuns(body.runs);
      setTotal(body.total);
      setError(null);
      active = body.runs.some((r) => r.status === "pending" || r.status === "processing");
    } catch (e) {
      setError(`Could not load the runs (${e instanceof Error ? e.message : String(e)}); retrying.`);
    }
    timer.current = setTimeout(load, active ? 2000 : 15000);
  }, [kind, page]);

  useEffect(() => {
    void load();
    const on = () => void load();
    window.addEventListener(RUNS_CHANGED_EVENT, on);
    return () => {
      clearTimeout(timer.current);
      window.removeEventListener(RUNS_CHANGED_EVENT, on);
    };
  }, [load]);

  async function post(url: string, body: unknown, done: string) {
    setMessage(null);
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) {
      const e = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      setMessage(`Failed: ${e?.error?.message ?? `HTTP ${res.status}`}`);
    } else setMessage(done);
    void load();
  }

  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <div data-testid={`runs-list-${kind}`}>
      {error && <p role="alert" className="p-3 text-tremor-default text-red-700">{error}</p>}
      <p role="status" className="px-3 text-tremor-default text-tremor-content" data-testid="runs-message">{message}</p>
      <TableScroll label={`${kind === "export" ? "Export" : "Report"} runs`}>
        <table className="w-full min-w-[760px] text-left text-tremor-default">
          <thead className="border-b border-tremor-border text-tremor-content">
            <tr>
              <th className="p-3">Requested</th><th className="p-3">What</th><th className="p-3">Status</th><th className="p-3">Progress</th>
              <th className="p-3 text-right">Rows</th><th className="p-3 text-right">Size</th><th className="p-3">Actions</th>
            </tr>
          </thead>
          <tbody>
            {runs === null && <tr><td colSpan={7} className="p-3 text-tremor-content">Loading…</td></tr>}
            {runs?.length === 0 && <tr><td colSpan={7} className="p-3 text-tremor-content">No runs yet.</td></tr>}
            {runs?.map((r) => {
              const d = describe(r, timeZone);
              const active = r.status === "pending" || r.status === "processing";
              const rerun = rerunRequest(r);
              return (
                <tr key={r.id} className="border-b border-tremor-border align-top last:border-0" data-testid="run-row" data-run-id={r.id} data-status={r.status}>
                  <td className="whitespace-nowrap p-3">{when(r.created_at, timeZone)}</td>
                  <td className="p-3">
                    <div className="font-medium text-tremor-content-strong">{d.title} · {r.format?.toUpperCase()}</div>
                    <div className="text-tremor-label text-tremor-content">{d.detail}</div>
                    {r.file_name && <div className="text-tremor-label text-tremor-content">{r.file_name}</div>}
                  </td>
                  <td className="p-3">
                    <span className={`rounded px-2 py-0.5 text-tremor-label ${STATUS_STYLE[r.status]}`} data-testid="run-status">{r.status}</span>
                    {r.error_message && <div className="mt-1 max-w-xs text-tremor-label text-red-700">{r.error_message}</div>}
                    {r.email_status === "failed" && <div className="mt-1 max-w-xs text-tremor-label text-red-700">Email failed: {r.email_error}</div>}
                    {r.email_status && r.email_status !== "failed" && <div className="mt-1 text-tremor-label text-tremor-content">Emailed ({r.email_status})</div>}
                  </td>
                  <td className="p-3">
                    <div className="h-2 w-28 rounded bg-gray-200" role="progressbar" aria-label="Progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={r.progress} data-testid="run-progress">
                      <div className={`h-2 rounded ${r.status === "failed" ? "bg-red-500" : "bg-blue-600"}`} style={{ width: `${r.progress}%` }} />
                    </div>
                    <span className="text-tremor-label text-tremor-content">{r.progress}%</span>
                  </td>
                  <td className="p-3 text-right tabular-nums">{r.row_count != null && r.status !== "pending" ? r.row_count.toLocaleString("en-US") : r.estimated_rows != null ? `~${r.estimated_rows.toLocaleString("en-US")}` : "—"}</td>
                  <td className="p-3 text-right tabular-nums">{bytes(r.file_size_bytes)}</td>
                  <td className="p-3">
                    <div className="flex flex-wrap gap-2">
                      {r.status === "completed" && r.mine && !r.file_deleted && (
                        <a href={`/api/v1/admin/reports/runs/${r.id}/download`} className="rounded-tremor-small border border-tremor-border px-2 py-1 text-tremor-brand hover:bg-tremor-background-subtle" data-testid="run-download">
                          Download
                        </a>
                      )}
                      {r.status === "completed" && r.file_deleted && <span className="text-tremor-label text-tremor-content">file deleted</span>}
                      {active && (
                        <button type="button" onClick={() => post(`/api/v1/admin/reports/runs/${r.id}/cancel`, {}, "Cancel requested.")}
                          className="rounded-tremor-small border border-tremor-border px-2 py-1 hover:bg-tremor-background-subtle" data-testid="run-cancel">
                          Cancel
                        </button>
                      )}
                      {!active && (
                        <button type="button" onClick={() => post(rerun.url, rerun.body, "Started again.")}
                          className="rounded-tremor-small border border-tremor-border px-2 py-1 hover:bg-tremor-background-subtle" data-testid="run-rerun">
                          Re-run
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {pages > 1 && (
        <div className="flex items-center gap-3 p-3 text-tremor-default">
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)} className="rounded-tremor-small border border-tremor-border px-2 py-1 disabled:opacity-50">Newer</button>
          <span>Page {page} of {pages}</span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)} className="rounded-tremor-small border border-tremor-border px-2 py-1 disabled:opacity-50">Older</button>
        </div>
      )}
    </div>
  );
}
