// Pages read the same query parameters as the APIs, through the same zod
// schema; but a page should still render, so a bad value falls back to its
// default instead of a 400, and access errors become the 403 / 404 pages.
import { forbidden, notFound } from "next/navigation";
import type { z } from "zod";
import { ApiError } from "@/lib/http/api";

export type SearchParams = Record<string, string | string[] | undefined>;

export function pageQuery<T>(schema: z.ZodType<T>, raw: SearchParams): T {
  const input: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) input[k] = first;
  }
  for (;;) {
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    const field = parsed.error.issues[0]?.path[0];
    if (typeof field !== "string" || !(field in input)) return schema.parse({});
    delete input[field];
  }
}

/** Runs a loader; "not yours" renders the 403 page and "no such user" the 404 page. */
export async function forPage<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) forbidden();
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  }
}

/** Query string of the parameters to keep on links (period, user_id, …), without empty ones. */
export function keep(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
