"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

export function RunJobButton({ name }: { name: string }) {
  const router = useRouter();
  const [state, setState] = useState<"idle" | "sent" | "error">("idle");
  async function run() {
    // JSON content type: the API refuses cookie-authenticated changes without it (CSRF check in lib/http/api.ts)
    const res = await fetch(`/api/v1/admin/jobs/${name}/run`, { method: "POST", headers: { "content-type": "application/json" } });
    setState(res.ok ? "sent" : "error");
    // the run shows up in the list once it has started
    setTimeout(() => router.refresh(), 1000);
  }
  return (
    <button onClick={run} className="rounded-tremor-small border border-tremor-border px-3 py-1 text-tremor-default hover:bg-tremor-background-subtle" data-testid={`run-${name}`}>
      {state === "sent" ? "Started" : state === "error" ? "Failed to start" : "Run now"}
    </button>
  );
}
