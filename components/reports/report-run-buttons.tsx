"use client";

// "Run now" and "Send now" for a saved report: POST …/run, then follow the
// run (GET …/runs) to its end state and say how it ended.
import { useRouter } from "next/navigation";
import { useState } from "react";

type Run = { id: string; status: string; reason: string | null; report_run: { progress: number; status: string } | null; deliveries: { recipient: string; status: string; error: string | null }[] };
const DONE = new Set(["sent", "skipped", "failed", "missed", "completed"]);
const btn = "rounded-tremor-small border border-tremor-border px-2 py-1 text-tremor-label hover:bg-tremor-background-muted focus:outline-none focus:ring-2 focus:ring-tremor-brand disabled:opacity-50";

export function ReportRunButtons({ reportId, canSend }: { reportId: string; canSend: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");

  async function start(send: boolean) {
    setBusy(true);
    setMessage(send ? "Sending…" : "Running…");
    const res = await fetch(`/api/v1/admin/reports/${reportId}/run`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ send }) });
    const json = await res.json();
    if (res.status !== 202) {
      setBusy(false);
      return setMessage(json.error?.message ?? `Could not start (${res.status})`);
    }
    const id = json.run.id as string;
    for (let i = 0; i < 120; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const runs = await fetch(`/api/v1/admin/reports/${reportId}/runs`).then((r) => r.json());
      const run = (runs.runs as Run[] | undefined)?.find((r) => r.id === id);
      if (run && !DONE.has(run.status) && run.report_run?.status === "processing") setMessage(`${send ? "Sending" : "Running"}… ${run.report_run.progress}%`);
      if (run && DONE.has(run.status)) {
        const sent = run.deliveries.filter((d) => d.status === "sent").length;
        const failed = run.deliveries.filter((d) => d.status === "failed");
        setMessage(
          run.status === "failed" ? `Failed: ${run.reason ?? failed.map((f) => `${f.recipient}: ${f.error}`).join("; ")}`
            : send ? `Sent to ${sent} recipient${sent === 1 ? "" : "s"}` : "Done: the file is in Report runs",
        );
        setBusy(false);
        router.refresh();
        return;
      }
    }
    setBusy(false);
    setMessage("Still running; refresh later.");
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" className={btn} disabled={busy} onClick={() => start(false)}>Run now</button>
      {canSend && <button type="button" className={btn} disabled={busy} onClick={() => start(true)}>Send now</button>}
      <span role="status" className={`text-tremor-label ${message.startsWith("Failed") ? "text-red-700" : "text-tremor-content"}`} data-testid="run-message">{message}</span>
    </div>
  );
}
