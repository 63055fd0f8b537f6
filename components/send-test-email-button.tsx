"use client";

// "Send a test email": sends one to the signed-in admin through the configured
// provider and says what happened (sent, kept in the outbox, or the error).
import { useRouter } from "next/navigation";
import { useState } from "react";

type Result = { status: "outbox" | "sent" | "failed"; error?: string };

export function SendTestEmailButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | { status: "error"; error: string } | null>(null);

  async function send() {
    setBusy(true);
    setResult(null);
    try {
      // JSON content type: the API refuses cookie-authenticated changes without it (CSRF check)
      const res = await fetch("/api/v1/admin/outbox/test", { method: "POST", headers: { "content-type": "application/json" } });
      if (!res.ok) setResult({ status: "error", error: `HTTP ${res.status}` });
      else setResult(((await res.json()) as { email: Result }).email);
      router.refresh();
    } catch (err) {
      setResult({ status: "error", error: String(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <button onClick={send} disabled={busy} data-testid="send-test-email"
        className="rounded-tremor-small border border-tremor-border px-3 py-1 text-tremor-default hover:bg-tremor-background-subtle disabled:opacity-60">
        {busy ? "Sending…" : "Send a test email to me"}
      </button>
      <span role="status" className="text-right text-tremor-label" data-testid="send-test-email-result">
        {result?.status === "sent" && <span className="text-emerald-700">Sent</span>}
        {result?.status === "outbox" && <span className="text-tremor-content">Kept in the outbox (no provider configured)</span>}
        {(result?.status === "failed" || result?.status === "error") && <span className="text-red-700">Failed: {result.error}</span>}
      </span>
    </div>
  );
}
