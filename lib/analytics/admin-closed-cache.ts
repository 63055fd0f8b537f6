// A small in-process cache for aggregates over closed UTC days (ranges that
// end at or before today's 00:00 UTC), which do not change except for late
// writes. Entries are per database client and key, served for TTL_MS, then
// refreshed in the background while the old value is still served (a late
// write into a closed day therefore shows within TTL_MS). Live parts (today
// so far) are never cached: callers read them from the base tables.
import type { Db } from "@/lib/db";

export const CLOSED_TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 64;

type Entry = { value?: unknown; at: number; pending?: Promise<unknown> };
const store = ((globalThis as { __adminClosedCache?: WeakMap<Db, Map<string, Entry>> }).__adminClosedCache ??= new WeakMap());

/** `compute(refresh)`: refresh is true when it replaces a value that expired (a full recomputation is due). */
export async function cachedClosed<T>(db: Db, key: string, compute: (refresh: boolean) => Promise<T>): Promise<T> {
  let perDb = store.get(db);
  if (!perDb) store.set(db, (perDb = new Map()));
  let e = perDb.get(key);
  if (!e) {
    if (perDb.size >= MAX_ENTRIES) perDb.delete(perDb.keys().next().value!);
    perDb.set(key, (e = { at: 0 }));
  }
  const entry = e;
  const refresh = () =>
    (entry.pending ??= compute(entry.at !== 0)
      .then((v) => {
        entry.value = v;
        entry.at = Date.now();
        return v;
      })
      .finally(() => (entry.pending = undefined))) as Promise<T>;
  if (entry.at === 0) return refresh();
  if (Date.now() - entry.at > CLOSED_TTL_MS) void refresh().catch(() => {});
  return entry.value as T;
}

/** Drops every cached closed-day aggregate of this client (after writing into closed days, e.g. in tests). */
export function invalidateClosedCache(db: Db) {
  store.delete(db);
}

/** The cached value of a key, if any (never computes). */
export function peekClosed<T>(db: Db, key: string): T | undefined {
  return store.get(db)?.get(key)?.value as T | undefined;
}
