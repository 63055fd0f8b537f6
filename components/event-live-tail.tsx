"use client";

// The events page's live tail: server-rendered first, then polls
// GET /api/v1/admin/analytics/events/tail every 3 seconds (paused while the
// tab is hidden), so new events appear without a reload.
import { Card } from "@tremor/react";
import { useEffect, useState } from "react";
import { formatTime } from "@/lib/format";
import type { TailEvent } from "@/lib/events/analysis";

function who(e: TailEvent): string {
  if (e.user_id) return `user ${e.user_id.slice(0, 8)}`;
  if (e.anonymous_id) return `anonymous ${e.anonymous_id.slice(0, 8)}`;
  return e.session_id ? `session ${e.session_id.slice(0, 10)}` : "server";
}

export function EventLiveTail({ initial, timeZone, intervalMs = 3000 }: { initial: TailEvent[]; timeZone: string; intervalMs?: number }) {
  const [events, setEvents] = useState(initial);
  const [stale, setStale] = useState(false);
  useEffect(() => {
    let stopped = false;
    async function poll() {
      if (document.visibilityState === "hidden") return;
      try {
        const res = await fetch("/api/v1/admin/analytics/events/tail?limit=25", { cache: "no-store", credentials: "same-origin" });
        if (!res.ok) throw new Error(String(res.status));
        const body = (await res.json()) as { events: TailEvent[] };
        if (!stopped) {
          setEvents(body.events);
          setStale(false);
        }
      } catch {
        if (!stopped) setStale(true);
      }
    }
    const timer = setInterval(poll, intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [intervalMs]);
  return (
    <Card className="p-4 sm:p-6" data-testid="event-live-tail">
      <h2 className="text-tremor-title font-semibold text-tremor-content-strong">Live tail</h2>
      <p className="text-tremor-default text-tremor-content">
        The newest events, updated every few seconds{stale && <span role="status"> · could not refresh, retrying</span>}
      </p>
      <ol className="mt-4 divide-y divide-tremor-border text-tremor-default" aria-live="polite">
        {events.map((e) => (
          <li key={e.id} className="flex flex-wrap items-baseline gap-x-3 py-2" data-testid="tail-event" data-event-type={e.event_type}>
            <span className="tabular-nums text-tremor-content">{formatTime(e.created_at, timeZone)}</span>
            <span className="font-medium text-tremor-content-strong">{e.event_type}</span>
            <span className="min-w-0 break-all text-tremor-content">{e.page_url ?? ""}</span>
            <span className="ml-auto text-tremor-label text-tremor-content">{who(e)}</span>
          </li>
        ))}
        {events.length === 0 && <li className="py-2 text-tremor-content">No events yet.</li>}
      </ol>
    </Card>
  );
}
