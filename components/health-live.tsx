"use client";

// Live refresh of the health page: re-renders the server page every 15 s
// (the same lib call as the API) while "Live" is on and the tab is visible.
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";

export const LIVE_INTERVAL_MS = 15_000;

export function HealthLive({ generatedAt }: { generatedAt: string }) {
  const router = useRouter();
  const [live, setLive] = useState(true);
  const [pending, startTransition] = useTransition();
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => {
      if (document.visibilityState === "visible") startTransition(() => router.refresh());
    }, LIVE_INTERVAL_MS);
    return () => clearInterval(t);
  }, [live, router]);
  return (
    <label className="flex items-center gap-2 text-tremor-default text-tremor-content" data-testid="health-live" data-generated-at={generatedAt}>
      <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} />
      Live (every {LIVE_INTERVAL_MS / 1000} s){pending && <span aria-live="polite" className="text-tremor-label">Updating…</span>}
    </label>
  );
}
