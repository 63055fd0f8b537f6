"use client";

// Create (the key shown once, with a copy button and the Segment SDK snippet),
// list and revoke event write keys through /api/v1/admin/event-keys.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { TableScroll } from "@/components/table-scroll";
import type { WriteKeyView } from "@/lib/events/write-keys";
import { formatDateTime } from "@/lib/format";

const SEGMENT_PATH = "/api/v1/events/segment/v1/batch";

function segmentSnippet(origin: string, key: string) {
  return `import { Analytics } from "@segment/analytics-node";

const analytics = new Analytics({
  writeKey: "${key}",
  host: "${origin}",
  path: "${SEGMENT_PATH}",
});

analytics.track({ userId, event: "Order Completed", properties: { amount: 49.99 } });
await analytics.closeAndFlush();`;
}

const button = "rounded-tremor-small px-3 py-1.5 text-tremor-default focus-visible:outline focus-visible:outline-2 focus-visible:outline-tremor-brand";

export function EventKeysManager({ keys, origin, timeZone }: { keys: WriteKeyView[]; origin: string; timeZone: string }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [copied, setCopied] = useState<"key" | "snippet" | "failed" | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const keyRef = useRef<HTMLElement>(null);
  // the new key takes focus, so keyboard and screen-reader users land on it
  useEffect(() => {
    if (created) keyRef.current?.focus();
  }, [created]);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setError("");
    setBusy(true);
    try {
      // JSON content type: the API refuses cookie-authenticated changes without it (CSRF check in lib/http/api.ts)
      const res = await fetch("/api/v1/admin/event-keys", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) });
      const json = await res.json();
      if (!res.ok) return setError(json.error?.message ?? "Could not create the key");
      setCreated({ name: json.name, key: json.key });
      setCopied(null);
      setName("");
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  async function copy(what: "key" | "snippet", text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied("failed");
    }
  }

  async function revoke(id: string) {
    setError("");
    const res = await fetch(`/api/v1/admin/event-keys/${id}`, { method: "DELETE", headers: { "content-type": "application/json" } });
    if (!res.ok) setError("Could not revoke the key");
    setConfirming(null);
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <form onSubmit={create} aria-label="Create a write key" className="flex flex-wrap items-end gap-3 rounded-tremor-default border border-tremor-border bg-white p-4">
        <label className="flex min-w-0 flex-col gap-1 text-tremor-default">
          Key name
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="e.g. billing service"
            className="w-64 max-w-full rounded-tremor-small border border-tremor-border px-3 py-2" />
        </label>
        <button type="submit" disabled={busy} className={`${button} bg-tremor-brand px-4 py-2 text-white hover:bg-tremor-brand-emphasis disabled:opacity-60`}>Create key</button>
        {error && <p role="alert" className="w-full text-red-600">{error}</p>}
      </form>

      {created && (
        <div className="space-y-3 rounded-tremor-default border border-amber-300 bg-amber-50 p-4" data-testid="new-key" role="status">
          <p className="font-medium">Copy the key “{created.name}” now: it will not be shown again.</p>
          <div className="flex flex-wrap items-center gap-2">
            <code ref={keyRef} tabIndex={-1} data-testid="new-key-value" className="min-w-0 max-w-full break-all rounded bg-white p-2 text-sm">{created.key}</code>
            <button type="button" onClick={() => copy("key", created.key)} className={`${button} border border-tremor-border bg-white hover:bg-tremor-background-subtle`}>Copy key</button>
            <span aria-live="polite" className="text-tremor-label text-tremor-content">
              {copied === "key" ? "Key copied" : copied === "snippet" ? "Snippet copied" : copied === "failed" ? "Copying is not allowed here: select the text and copy it" : ""}
            </span>
          </div>
          <p className="text-tremor-default">Send events with the Segment SDK (<code>npm i @segment/analytics-node</code>):</p>
          <pre data-testid="segment-snippet" className="max-w-full overflow-x-auto whitespace-pre rounded bg-white p-3 text-xs" tabIndex={0} aria-label="Segment SDK snippet">{segmentSnippet(origin, created.key)}</pre>
          <button type="button" onClick={() => copy("snippet", segmentSnippet(origin, created.key))} className={`${button} border border-tremor-border bg-white hover:bg-tremor-background-subtle`}>Copy snippet</button>
          <p className="text-tremor-label text-tremor-content">
            Or without the SDK: <code>POST {origin}/api/v1/events</code> with the header <code>X-Events-Write-Key</code> (README, “Events”).
          </p>
        </div>
      )}

      <div className="rounded-tremor-default border border-tremor-border bg-white">
        <TableScroll label="Event write keys">
          <table className="w-full text-left text-tremor-default" data-testid="event-keys-table">
            <thead className="border-b border-tremor-border text-tremor-content">
              <tr><th className="p-3">Name</th><th className="p-3">Key</th><th className="p-3">Created</th><th className="p-3">Last used</th><th className="p-3">Status</th><th className="relative p-3"><span className="sr-only">Actions</span></th></tr>
            </thead>
            {/* (the header cell is relative so its sr-only label stays inside the scroll region instead of widening the page) */}
            <tbody>
              {keys.length === 0 && <tr><td colSpan={6} className="p-3 text-tremor-content">No write keys yet.</td></tr>}
              {keys.map((k) => (
                <tr key={k.id} data-testid="event-key-row" data-key-id={k.id} className="border-b border-tremor-border last:border-0">
                  <td className="p-3">{k.name}</td>
                  <td className="whitespace-nowrap p-3 font-mono">{k.prefix}…</td>
                  <td className="whitespace-nowrap p-3">{formatDateTime(k.created_at, timeZone)}</td>
                  <td className="whitespace-nowrap p-3">{k.last_used_at ? formatDateTime(k.last_used_at, timeZone) : "never"}</td>
                  <td className="p-3" data-testid="event-key-status">{k.revoked_at ? `revoked ${formatDateTime(k.revoked_at, timeZone)}` : "active"}</td>
                  <td className="whitespace-nowrap p-3 text-right">
                    {!k.revoked_at && confirming !== k.id && (
                      <button type="button" onClick={() => setConfirming(k.id)} aria-label={`Revoke ${k.name}`} className={`${button} text-red-600 hover:underline`}>Revoke</button>
                    )}
                    {!k.revoked_at && confirming === k.id && (
                      <span className="inline-flex gap-2">
                        <button type="button" autoFocus onClick={() => revoke(k.id)} className={`${button} bg-red-600 text-white`}>Revoke “{k.name}” for good</button>
                        <button type="button" onClick={() => setConfirming(null)} className={`${button} border border-tremor-border`}>Cancel</button>
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </div>
    </div>
  );
}
