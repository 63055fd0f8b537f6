"use client";

// The /admin/webhooks controls, all through /api/v1/admin/webhooks (the same
// lib functions as the page's reads): the create form with the secret shown
// once and a copy button, and each endpoint's actions (send test, enable /
// disable, delete) and each delivery's replay. JSON content type on every
// change: the API refuses cookie-authenticated changes without it (CSRF check).
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { WEBHOOK_EVENT_TYPES } from "@/lib/validation/webhooks";

const button = "rounded-tremor-small border border-tremor-border px-3 py-1 text-tremor-default hover:bg-tremor-background-subtle disabled:opacity-60";

async function call(url: string, method: string, body?: unknown): Promise<{ ok: boolean; json: any }> {
  const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json().catch(() => null);
  return { ok: res.ok, json };
}

export function CreateWebhookForm() {
  const router = useRouter();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>([...WEBHOOK_EVENT_TYPES]);
  const [created, setCreated] = useState<{ secret: string; url: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setError("");
    setBusy(true);
    try {
      const r = await call("/api/v1/admin/webhooks", "POST", { url, events });
      if (!r.ok) return setError(r.json?.error?.message ?? "Could not create the endpoint");
      setCreated({ secret: r.json.secret, url: r.json.webhook.url });
      setCopied(false);
      setUrl("");
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(true);
    } catch {
      // no clipboard (insecure origin): select the text so Ctrl+C copies it
      const el = document.getElementById("webhook-secret");
      if (el) window.getSelection()?.selectAllChildren(el);
    }
  }

  const toggle = (t: string) => setEvents((cur) => (cur.includes(t) ? cur.filter((x) => x !== t) : [...cur, t]));

  return (
    <div className="space-y-4">
      <form onSubmit={create} className="space-y-3 rounded-tremor-default border border-tremor-border bg-white p-4" aria-label="Add a webhook endpoint">
        <h2 className="text-tremor-title font-semibold text-tremor-content-strong">Add an endpoint</h2>
        <label className="flex flex-col gap-1 text-tremor-default">
          Endpoint URL (http or https)
          <input value={url} onChange={(e) => setUrl(e.target.value)} required type="url" maxLength={2048} placeholder="https://example.com/webhooks"
            className="w-full rounded-tremor-small border border-tremor-border px-3 py-2" />
        </label>
        <fieldset className="text-tremor-default">
          <legend className="mb-1">Events</legend>
          <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
            {WEBHOOK_EVENT_TYPES.map((t) => (
              <label key={t} className="flex items-center gap-2">
                <input type="checkbox" checked={events.includes(t)} onChange={() => toggle(t)} />
                <code>{t}</code>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" disabled={busy || events.length === 0}
          className="rounded-tremor-small bg-tremor-brand px-4 py-2 text-white hover:bg-tremor-brand-emphasis disabled:opacity-60">
          {busy ? "Adding…" : "Add endpoint"}
        </button>
        {error && <p role="alert" className="text-red-700" data-testid="webhook-error">{error}</p>}
      </form>
      {created && (
        <div className="rounded-tremor-default border border-amber-300 bg-amber-50 p-4" data-testid="webhook-secret-box" role="status">
          <p className="font-medium">Signing secret for {created.url}. Copy it now: it will not be shown again.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code id="webhook-secret" data-testid="webhook-secret" className="block min-w-0 flex-1 break-all rounded bg-white p-2 text-sm">{created.secret}</code>
            <button type="button" onClick={copy} className={button}>{copied ? "Copied" : "Copy"}</button>
            <button type="button" onClick={() => setCreated(null)} className={button}>Done</button>
          </div>
        </div>
      )}
    </div>
  );
}

export function WebhookActions({ id, enabled, url }: { id: string; enabled: boolean; url: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");

  async function act(what: "test" | "enable" | "disable" | "delete") {
    if (what === "delete" && !window.confirm(`Delete the endpoint ${url} and its delivery log?`)) return;
    setBusy(true);
    setMessage("");
    try {
      const base = `/api/v1/admin/webhooks/${id}`;
      const r = what === "test" ? await call(`${base}/test`, "POST")
        : what === "delete" ? await call(base, "DELETE")
        : await call(base, "PATCH", { enabled: what === "enable" });
      if (!r.ok) setMessage(r.json?.error?.message ?? "Failed");
      else if (what === "test") setMessage("Test event queued");
      if (what === "delete" && r.ok) router.push("/admin/webhooks");
      else router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" disabled={busy || !enabled} onClick={() => act("test")} className={button} aria-label={`Send a test event to ${url}`}>Send test</button>
      <button type="button" disabled={busy} onClick={() => act(enabled ? "disable" : "enable")} className={button} aria-label={`${enabled ? "Disable" : "Enable"} ${url}`}>
        {enabled ? "Disable" : "Enable"}
      </button>
      <button type="button" disabled={busy} onClick={() => act("delete")} className={`${button} text-red-700`} aria-label={`Delete ${url}`}>Delete</button>
      {message && <span role="status" className="text-tremor-label text-tremor-content">{message}</span>}
    </div>
  );
}

export function ReplayButton({ endpointId, deliveryId, disabled }: { endpointId: string; deliveryId: string; disabled?: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  async function replay() {
    setBusy(true);
    setMessage("");
    try {
      const r = await call(`/api/v1/admin/webhooks/${endpointId}/deliveries/${deliveryId}/replay`, "POST");
      setMessage(r.ok ? "Queued" : (r.json?.error?.message ?? "Failed"));
      router.refresh();
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="flex flex-wrap items-center gap-2">
      <button type="button" onClick={replay} disabled={busy || disabled} className={button}>Replay</button>
      {message && <span role="status" className="text-tremor-label text-tremor-content">{message}</span>}
    </span>
  );
}

/** While deliveries are waiting, re-reads the page every few seconds so their attempts appear. */
export function RefreshWhileWaiting({ waiting, ms = 3000 }: { waiting: boolean; ms?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!waiting) return;
    const t = setInterval(() => router.refresh(), ms);
    return () => clearInterval(t);
  }, [waiting, ms, router]);
  return null;
}
