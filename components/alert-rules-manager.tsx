"use client";

// Alert rules: create, edit, silence, delete (through /api/v1/admin/alerts),
// each rule with its state and last transitions. Errors name the field.
import { Badge } from "@tremor/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatDateTime } from "@/lib/format";

type Event = { id: string; at: string; from: string; to: string; value: number | null; message: string | null; notification: string | null; delivery: string | null };
export type RuleView = {
  id: string; name: string; metric: string; route: string | null; queue: string | null; service: string | null; window_minutes: number; comparator: string; threshold: number;
  pending_minutes: number; keep_firing_minutes: number; min_samples: number; no_data: string; severity: string; recipients: string[]; webhook_url: string | null;
  silenced_until: string | null; cooldown_minutes: number; state: string; state_since: string; last_value: number | null; last_evaluated_at: string | null; last_error: string | null;
  history: Event[];
};

const STATE_COLOR: Record<string, "gray" | "amber" | "red" | "blue" | "emerald" | "orange"> = {
  normal: "emerald", pending: "amber", firing: "red", recovering: "blue", no_data: "gray", error: "orange",
};
const OP: Record<string, string> = { gt: ">", gte: "≥", lt: "<", lte: "≤" };

type Form = Record<string, string>;
const EMPTY: Form = {
  name: "", metric: "route_p95_ms", route: "", queue: "", service: "", window_minutes: "5", comparator: "gt", threshold: "500", pending_minutes: "2",
  keep_firing_minutes: "0", min_samples: "10", no_data: "ok", severity: "warning", recipients: "", webhook_url: "", cooldown_minutes: "0", silenced_until: "",
};

function toBody(f: Form) {
  const num = (k: string) => (f[k].trim() === "" ? undefined : Number(f[k]));
  return {
    name: f.name, metric: f.metric, route: f.route.trim() || null, queue: f.queue || null, service: f.service || null,
    window_minutes: num("window_minutes"), comparator: f.comparator, threshold: num("threshold"), pending_minutes: num("pending_minutes"),
    keep_firing_minutes: num("keep_firing_minutes"), min_samples: num("min_samples"), no_data: f.no_data, severity: f.severity,
    recipients: f.recipients.split(/[\s,]+/).filter(Boolean), webhook_url: f.webhook_url.trim() || null, cooldown_minutes: num("cooldown_minutes"),
    silenced_until: f.silenced_until ? new Date(f.silenced_until).toISOString() : null,
  };
}

function fromRule(r: RuleView): Form {
  return {
    name: r.name, metric: r.metric, route: r.route ?? "", queue: r.queue ?? "", service: r.service ?? "", window_minutes: String(r.window_minutes), comparator: r.comparator,
    threshold: String(r.threshold), pending_minutes: String(r.pending_minutes), keep_firing_minutes: String(r.keep_firing_minutes), min_samples: String(r.min_samples),
    no_data: r.no_data, severity: r.severity, recipients: r.recipients.join(", "), webhook_url: r.webhook_url ?? "", cooldown_minutes: String(r.cooldown_minutes),
    silenced_until: r.silenced_until ? r.silenced_until.slice(0, 16) : "",
  };
}

export function AlertRulesManager({ rules, metrics, queues, services, timeZone }: { rules: RuleView[]; metrics: string[]; queues: string[]; services: string[]; timeZone: string }) {
  const router = useRouter();
  const [form, setForm] = useState<Form>(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: string) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function call(url: string, method: string, body?: unknown) {
    // JSON content type: the API refuses cookie-authenticated changes without it (CSRF check)
    const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) {
      const json = await res.json().catch(() => ({}));
      setError({ message: json.error?.message ?? `Failed (HTTP ${res.status})`, field: json.error?.field });
      return false;
    }
    setError(null);
    router.refresh();
    return true;
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const ok = await call(editing ? `/api/v1/admin/alerts/${editing}` : "/api/v1/admin/alerts", editing ? "PUT" : "POST", toBody(form));
    setBusy(false);
    if (ok) {
      setForm(EMPTY);
      setEditing(null);
    }
  }

  const silence = (r: RuleView, hours: number | null) =>
    call(`/api/v1/admin/alerts/${r.id}`, "PUT", toBody({ ...fromRule(r), silenced_until: hours == null ? "" : new Date(Date.now() + hours * 3_600_000).toISOString() }));

  const field = (k: string, label: string, input: React.ReactNode) => (
    <label className="flex flex-col gap-1 text-tremor-default">
      {label}
      {input}
      {error?.field === k && <span className="text-tremor-label text-red-700">{error.message}</span>}
    </label>
  );
  const cls = "rounded-tremor-small border border-tremor-border px-2 py-1.5";
  const text = (k: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) =>
    field(k, label, <input name={k} value={form[k]} onChange={set(k)} className={cls} aria-invalid={error?.field === k} {...props} />);
  const select = (k: string, label: string, options: string[]) =>
    field(k, label, <select name={k} value={form[k]} onChange={set(k)} className={cls}>{options.map((o) => <option key={o} value={o}>{o || "(all)"}</option>)}</select>);

  return (
    <div className="space-y-6">
      <form onSubmit={save} className="rounded-tremor-default border border-tremor-border bg-white p-4" data-testid="alert-form" aria-label={editing ? "Edit alert rule" : "New alert rule"}>
        <h2 className="mb-3 text-tremor-title font-semibold">{editing ? "Edit rule" : "New rule"}</h2>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {text("name", "Name", { required: true, maxLength: 200 })}
          {select("metric", "Metric", metrics)}
          {text("route", "Route template (empty: all)", { placeholder: "/api/v1/admin/alerts/[id]" })}
          {select("queue", "Queue (queue metrics)", ["", ...queues])}
          {select("service", "Service (external_down)", ["", ...services])}
          {text("window_minutes", "Window (minutes)", { type: "number", min: 1, max: 1440 })}
          {select("comparator", "Comparator", ["gt", "gte", "lt", "lte"])}
          {text("threshold", "Threshold", { type: "number", step: "any" })}
          {text("pending_minutes", "Pending for (minutes)", { type: "number", min: 0 })}
          {text("keep_firing_minutes", "Keep firing for (minutes)", { type: "number", min: 0 })}
          {text("min_samples", "Minimum samples", { type: "number", min: 0 })}
          {select("no_data", "When there is no data", ["ok", "keep", "alerting"])}
          {select("severity", "Severity", ["info", "warning", "critical"])}
          {text("recipients", "Email recipients (comma-separated)")}
          {text("webhook_url", "Webhook URL (Slack-compatible)", { type: "url" })}
          {text("cooldown_minutes", "Cooldown (minutes)", { type: "number", min: 0 })}
          {text("silenced_until", "Silenced until", { type: "datetime-local" })}
        </div>
        <div className="mt-3 flex gap-2">
          <button type="submit" disabled={busy} className="rounded-tremor-small bg-tremor-brand px-4 py-2 text-white hover:bg-tremor-brand-emphasis">{editing ? "Save rule" : "Create rule"}</button>
          {editing && <button type="button" onClick={() => { setEditing(null); setForm(EMPTY); setError(null); }} className="rounded-tremor-small border border-tremor-border px-4 py-2">Cancel</button>}
        </div>
        {error && <p role="alert" className="mt-2 text-red-700">{error.message}</p>}
      </form>

      {rules.length === 0 && <p className="text-tremor-content">No alert rules yet.</p>}
      <ul className="space-y-4">
        {rules.map((r) => (
          <li key={r.id} className="rounded-tremor-default border border-tremor-border bg-white p-4" data-testid="alert-rule" data-rule-name={r.name} data-state={r.state}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{r.name}</span>
              <Badge color={STATE_COLOR[r.state] ?? "gray"} data-testid="alert-state">{r.state.replace("_", " ")}</Badge>
              <span className="text-tremor-label text-tremor-content">{r.severity}</span>
              {r.silenced_until && new Date(r.silenced_until) > new Date() && <span className="text-tremor-label text-amber-700">silenced until {formatDateTime(r.silenced_until, timeZone)}</span>}
            </div>
            <p className="text-tremor-default text-tremor-content">
              {r.metric} of {r.route ?? r.queue ?? r.service ?? "all"} over {r.window_minutes} min {OP[r.comparator]} {r.threshold}; pending {r.pending_minutes} min, keep firing {r.keep_firing_minutes} min,
              at least {r.min_samples} samples, no data → {r.no_data}. Last value {r.last_value ?? "—"}{r.last_evaluated_at ? ` at ${formatDateTime(r.last_evaluated_at, timeZone)}` : " (not evaluated yet)"}.
              {r.last_error && <span className="text-orange-700"> Error: {r.last_error}</span>}
            </p>
            <div className="mt-2 flex flex-wrap gap-3 text-tremor-default">
              <button type="button" className="text-blue-700 hover:underline" onClick={() => { setEditing(r.id); setForm(fromRule(r)); setError(null); window.scrollTo({ top: 0 }); }}>Edit</button>
              {r.silenced_until && new Date(r.silenced_until) > new Date()
                ? <button type="button" className="text-blue-700 hover:underline" onClick={() => silence(r, null)}>Unsilence</button>
                : <button type="button" className="text-blue-700 hover:underline" onClick={() => silence(r, 1)}>Silence 1 h</button>}
              <button type="button" className="text-red-700 hover:underline" onClick={() => { if (confirm(`Delete the rule “${r.name}”?`)) void call(`/api/v1/admin/alerts/${r.id}`, "DELETE"); }}>Delete</button>
            </div>
            {r.history.length > 0 && (
              <ol className="mt-2 space-y-0.5 text-tremor-label text-tremor-content" aria-label={`History of ${r.name}`}>
                {r.history.map((e) => (
                  <li key={e.id}>{formatDateTime(e.at, timeZone)}: {e.from.replace("_", " ")} → {e.to.replace("_", " ")} (value {e.value ?? "none"}{e.message ? `; ${e.message}` : ""}){e.notification ? ` · ${e.notification} notification: ${e.delivery ?? "pending"}` : ""}</li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
