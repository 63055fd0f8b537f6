"use client";

// The export request form: entity, filters, format, zone; shows the row
// estimate (POST /api/v1/admin/exports/estimate, the same body) before
// starting, then POST /api/v1/admin/exports and the runs list picks it up.
import { useEffect, useState } from "react";
import { notifyRunsChanged } from "./RunsList";

type Entity = "users" | "transactions" | "assignments" | "payouts";
const STATUSES: Record<Entity, string[]> = {
  users: ["active", "suspended"],
  transactions: ["pending", "succeeded", "failed"],
  assignments: ["open", "claimed", "submitted", "in_review", "revision_requested", "approved", "rejected", "cancelled"],
  payouts: ["pending", "processing", "completed", "failed"],
};
const DATE_OF: Record<Entity, string> = { users: "signed up", transactions: "created", assignments: "created", payouts: "requested" };

const field = "mt-1 block w-full rounded-tremor-small border border-tremor-border bg-white px-2 py-1.5 text-tremor-default";

export function ExportForm({ timeZone }: { timeZone: string }) {
  const [entity, setEntity] = useState<Entity>("transactions");
  const [format, setFormat] = useState("csv");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [status, setStatus] = useState("");
  const [role, setRole] = useState("");
  const [notify, setNotify] = useState(true);
  const [estimate, setEstimate] = useState<{ rows: number; seconds: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [started, setStarted] = useState<{ id: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const body = () => {
    const filters: Record<string, string> = {};
    if (start) filters.start_date = start;
    if (end) filters.end_date = end;
    if (status) filters.status = status;
    if (role && entity === "users") filters.role = role;
    return { entity, format, filters, timezone: timeZone, notify };
  };

  useEffect(() => {
    const ctl = new AbortController();
    const t = setTimeout(async () => {
      try {
        const { notify: _n, ...b } = body();
        const res = await fetch("/api/v1/admin/exports/estimate", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(b), signal: ctl.signal });
        const json = await res.json();
        if (!res.ok) {
          setEstimate(null);
          setProblem(json.error?.message ?? `HTTP ${res.status}`);
        } else {
          setProblem(null);
          setEstimate({ rows: json.estimated_rows, seconds: json.estimated_time });
        }
      } catch {
        /* aborted by a newer change */
      }
    }, 300);
    return () => {
      clearTimeout(t);
      ctl.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entity, format, start, end, status, role]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setStarted(null);
    try {
      const res = await fetch("/api/v1/admin/exports", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body()) });
      const json = await res.json();
      if (!res.ok) setProblem(json.error?.message ?? `HTTP ${res.status}`);
      else {
        setProblem(null);
        setStarted({ id: json.export_id, text: `Export started (about ${json.estimated_rows.toLocaleString("en-US")} rows).${notify ? " We will email you a link when it is ready." : ""}` });
        notifyRunsChanged();
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="export-form" noValidate>
      <label className="text-tremor-default text-tremor-content-strong">
        Data
        <select className={field} value={entity} onChange={(e) => { setEntity(e.target.value as Entity); setStatus(""); }} name="entity">
          <option value="users">Users</option>
          <option value="transactions">Transactions</option>
          <option value="assignments">Assignments</option>
          <option value="payouts">Payouts</option>
        </select>
      </label>
      <label className="text-tremor-default text-tremor-content-strong">
        Format
        <select className={field} value={format} onChange={(e) => setFormat(e.target.value)} name="format">
          <option value="csv">CSV</option>
          <option value="xlsx">Excel (XLSX)</option>
          <option value="json">JSON</option>
          <option value="ndjson">NDJSON (one object per line)</option>
        </select>
      </label>
      <label className="text-tremor-default text-tremor-content-strong">
        From ({DATE_OF[entity]})
        <input type="date" className={field} value={start} onChange={(e) => setStart(e.target.value)} name="start_date" />
      </label>
      <label className="text-tremor-default text-tremor-content-strong">
        To (inclusive)
        <input type="date" className={field} value={end} onChange={(e) => setEnd(e.target.value)} name="end_date" />
      </label>
      <label className="text-tremor-default text-tremor-content-strong">
        Status
        <select className={field} value={status} onChange={(e) => setStatus(e.target.value)} name="status">
          <option value="">Any</option>
          {STATUSES[entity].map((s) => <option key={s} value={s}>{s.replace(/_/g, " ")}</option>)}
        </select>
      </label>
      {entity === "users" && (
        <label className="text-tremor-default text-tremor-content-strong">
          Role
          <select className={field} value={role} onChange={(e) => setRole(e.target.value)} name="role">
            <option value="">Any</option>
            <option value="uploader">Uploader</option>
            <option value="creator">Creator</option>
            <option value="admin">Admin</option>
          </select>
        </label>
      )}
      <label className="flex items-center gap-2 self-end pb-2 text-tremor-default text-tremor-content-strong">
        <input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} name="notify" />
        Email me a link when it is ready
      </label>
      <div className="flex flex-col justify-end gap-1 sm:col-span-2 lg:col-span-4">
        <p className="text-tremor-default text-tremor-content" role="status" data-testid="export-estimate">
          {problem ? <span className="text-red-700">{problem}</span>
            : estimate ? <>About <strong>{estimate.rows.toLocaleString("en-US")}</strong> rows, ready in about {estimate.seconds} s. Dates are days in {timeZone}.</>
            : "Counting rows…"}
        </p>
        <div>
          <button type="submit" disabled={busy || Boolean(problem)} data-testid="export-submit"
            className="rounded-tremor-small bg-tremor-brand px-4 py-2 text-tremor-default text-white hover:bg-tremor-brand-emphasis disabled:opacity-60">
            {busy ? "Starting…" : "Start export"}
          </button>
        </div>
        {started && <p className="text-tremor-default text-emerald-700" data-testid="export-started" data-export-id={started.id}>{started.text}</p>}
      </div>
    </form>
  );
}
