"use client";

// The platform page's real-time activity feed: server-rendered first, then
// polls GET /api/v1/admin/analytics/activity every few seconds (paused while
// the tab is hidden) and re-renders relative times ("2m ago") as they age.
import { Card, Title } from "@tremor/react";
import { useEffect, useState } from "react";
import { formatRelative } from "@/lib/format";

export type FeedEvent = { id: string; type: string; description: string; timestamp: string };

const LABEL: Record<string, string> = {
  task_claimed: "Task claimed",
  payment_received: "Payment received",
  new_signup: "New signup",
  review_submitted: "Review submitted",
  upload_completed: "Upload complete",
};
const DOT: Record<string, string> = {
  task_claimed: "bg-blue-500",
  payment_received: "bg-emerald-500",
  new_signup: "bg-violet-500",
  review_submitted: "bg-amber-500",
  upload_completed: "bg-cyan-500",
};

export function AdminActivityFeed({
  initial, renderedAt, limit = 10, intervalMs = 5000,
}: { initial: FeedEvent[]; renderedAt: string; limit?: number; intervalMs?: number }) {
  const [events, setEvents] = useState(initial);
  // the server's clock first, so the first client render matches the HTML
  const [now, setNow] = useState(() => Date.parse(renderedAt));
  const [stale, setStale] = useState(false);

  useEffect(() => {
    let stopped = false;
    async function poll() {
      if (document.visibilityState === "hidden") return;
      try {
        const res = await fetch(`/api/v1/admin/analytics/activity?limit=${limit}`, { cache: "no-store", credentials: "same-origin" });
        if (!res.ok) throw new Error(String(res.status));
        const body = (await res.json()) as { events: FeedEvent[] };
        if (!stopped) {
          setEvents(body.events);
          setStale(false);
        }
      } catch {
        if (!stopped) setStale(true);
      }
      if (!stopped) setNow(Date.now());
    }
    const timer = setInterval(poll, intervalMs);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
      clearInterval(tick);
    };
  }, [limit, intervalMs]);

  return (
    <Card className="h-full" data-testid="activity-feed">
      <div className="flex items-center justify-between gap-2">
        <Title>Real-time activity</Title>
        <span className="flex items-center gap-1.5 text-tremor-label text-tremor-content" aria-live="polite">
          <span className={`h-2 w-2 rounded-full ${stale ? "bg-amber-400" : "animate-pulse bg-emerald-500"}`} aria-hidden />
          {stale ? "reconnecting…" : "live"}
        </span>
      </div>
      {events.length === 0 ? (
        <p className="mt-4 text-tremor-default text-tremor-content">No activity yet.</p>
      ) : (
        <ul className="mt-3 divide-y divide-tremor-border">
          {events.map((e) => (
            <li key={e.id} className="flex items-start gap-3 py-2" data-testid="activity-item" data-type={e.type}>
              <span className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${DOT[e.type] ?? "bg-gray-400"}`} aria-hidden />
              <div className="min-w-0 flex-1">
                <p className="text-tremor-default font-medium text-tremor-content-strong">{LABEL[e.type] ?? e.type}</p>
                <p className="line-clamp-2 break-words text-tremor-label text-tremor-content" title={e.description}>{e.description}</p>
              </div>
              <time className="shrink-0 text-tremor-label text-tremor-content" dateTime={e.timestamp} title={e.timestamp}>
                {formatRelative(e.timestamp, new Date(now))}
              </time>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
