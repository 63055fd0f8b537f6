// The browser tracker (no server imports): queues events in localStorage,
// sends them in batches every few seconds, flushes with navigator.sendBeacon
// when the page is hidden, and keeps an anonymous id (for ever) and a session
// id (ends after 30 minutes without an event). A failed send keeps its events
// — with their event_ids — for the next try, so a retry is stored once.

export type TrackerOptions = { endpoint?: string; flushMs?: number; maxBatch?: number };
type Queued = {
  event: string; event_id: string; properties: Record<string, unknown>; timestamp: string;
  anonymous_id: string; session_id: string; context?: { page_url?: string; referrer?: string };
};

const ANON_KEY = "ma_anonymous_id";
const SESSION_KEY = "ma_session";
const QUEUE_KEY = "ma_event_queue";
const SESSION_IDLE_MS = 30 * 60_000;
const MAX_QUEUE = 1000;
const BEACON_BYTES = 60_000; // browsers cap a beacon at 64 KB

const uuid = () => crypto.randomUUID();

function read<T>(key: string, fallback: T): T {
  try {
    const v = localStorage.getItem(key);
    return v ? (JSON.parse(v) as T) : fallback;
  } catch {
    return fallback;
  }
}
function write(key: string, value: unknown) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage full or disabled: the queue lives in memory only */
  }
}

export function createTracker(opts: TrackerOptions = {}) {
  const endpoint = opts.endpoint ?? "/api/v1/events";
  const maxBatch = opts.maxBatch ?? 100;
  let queue: Queued[] = read<Queued[]>(QUEUE_KEY, []);
  let sending = false;
  let retryAt = 0;
  let failures = 0;

  const anonymousId = () => {
    let id = read<string | null>(ANON_KEY, null);
    if (!id) write(ANON_KEY, (id = uuid()));
    return id;
  };
  const sessionId = () => {
    const now = Date.now();
    let s = read<{ id: string; last: number } | null>(SESSION_KEY, null);
    if (!s || now - s.last > SESSION_IDLE_MS) s = { id: uuid(), last: now };
    s.last = now;
    write(SESSION_KEY, s);
    return s.id;
  };
  const save = () => write(QUEUE_KEY, queue);

  function track(event: string, properties: Record<string, unknown> = {}, context?: Queued["context"]) {
    queue.push({ event, event_id: uuid(), properties, timestamp: new Date().toISOString(), anonymous_id: anonymousId(), session_id: sessionId(), context });
    if (queue.length > MAX_QUEUE) queue = queue.slice(-MAX_QUEUE);
    save();
  }

  const drop = (sent: Queued[]) => {
    const ids = new Set(sent.map((e) => e.event_id));
    queue = read<Queued[]>(QUEUE_KEY, queue).filter((e) => !ids.has(e.event_id));
    save();
  };

  async function flush() {
    if (sending || queue.length === 0 || Date.now() < retryAt) return;
    sending = true;
    const batch = queue.slice(0, maxBatch);
    try {
      const res = await fetch(endpoint, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        // No keepalive: the page-hide path is sendBeacon. Chromium reports keepalive
        // fetches as never finished, so pages would never look idle to tools.
        body: JSON.stringify({ batch, sent_at: new Date().toISOString() }),
      });
      // Read the answer to the end: an unread body keeps the request open in Chromium.
      await res.text().catch(() => "");
      if (res.ok || res.status === 400 || res.status === 413) {
        // stored, duplicates, or refused for good (a retry would be refused again)
        drop(batch);
        failures = 0;
      } else {
        failures++;
        const after = Number(res.headers.get("retry-after"));
        retryAt = Date.now() + (after > 0 ? after * 1000 : Math.min(2 ** failures * 1000, 60_000));
      }
    } catch {
      failures++;
      retryAt = Date.now() + Math.min(2 ** failures * 1000, 60_000);
    } finally {
      sending = false;
    }
  }

  /** The page is going away: hand what fits in a beacon to the browser (text/plain, see lib/events/http.ts). */
  function flushBeacon() {
    if (queue.length === 0 || typeof navigator.sendBeacon !== "function") return;
    const batch: Queued[] = [];
    let size = 40;
    for (const e of queue) {
      const n = JSON.stringify(e).length + 1;
      if (size + n > BEACON_BYTES || batch.length >= maxBatch) break;
      batch.push(e);
      size += n;
    }
    const body = new Blob([JSON.stringify({ batch, sent_at: new Date().toISOString() })], { type: "text/plain" });
    if (navigator.sendBeacon(endpoint, body)) drop(batch);
  }

  let timer: ReturnType<typeof setInterval> | undefined;
  const onHide = () => {
    if (document.visibilityState === "hidden") flushBeacon();
  };
  function start() {
    timer = setInterval(() => void flush(), opts.flushMs ?? 3000);
    document.addEventListener("visibilitychange", onHide);
    window.addEventListener("pagehide", flushBeacon);
  }
  function stop() {
    clearInterval(timer);
    document.removeEventListener("visibilitychange", onHide);
    window.removeEventListener("pagehide", flushBeacon);
  }
  return { track, flush, flushBeacon, start, stop, anonymousId, pending: () => queue.length };
}
