// Pages read the same query parameters as the APIs, through the same zod
// schema. Where the API answers 400 naming the field, a page still renders,
// but never silently: each refused field is dropped (its default is used) and
// reported as a problem the page shows ("“from” is not a date (garbage):
// showing the last 90 days instead"). Access errors become the 403 / 404
// pages (the app shell checks them first, so the status is real).
import { forbidden, notFound } from "next/navigation";
import type { z } from "zod";
import { ApiError } from "@/lib/http/api";

export type SearchParams = Record<string, string | string[] | undefined>;

/** One refused query parameter: which, what was given, why it was refused. */
export type QueryProblem = { field: string; value: string; message: string };

type Issue = z.core.$ZodIssue;

/** Zod's issue in plain words, after the field name: "is not a date", "must be one of week, month". */
export function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case "invalid_format":
      return issue.format === "date" ? "is not a date" : issue.message.startsWith("Invalid") ? `is not a valid ${issue.format}` : issue.message;
    case "invalid_value":
      return `must be one of ${issue.values.map(String).join(", ")}`;
    case "invalid_type":
      return issue.expected === "number" ? "is not a number" : `must be a ${issue.expected}`;
    case "too_big":
      return `must be at most ${String(issue.maximum)}`;
    case "too_small":
      return `must be at least ${String(issue.minimum)}`;
    default:
      return issue.message;
  }
}

/**
 * Parses a page's searchParams with an endpoint's schema. Fields that fail are
 * dropped one issue at a time and reported; `together` names fields that only
 * make sense as a pair (a date range): one refused drops both.
 */
export function pageQuery<T>(
  schema: z.ZodType<T>,
  raw: SearchParams,
  opts: { together?: string[][] } = {},
): { query: T; problems: QueryProblem[] } {
  const input: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) input[k] = first;
  }
  const problems: QueryProblem[] = [];
  for (;;) {
    const parsed = schema.safeParse(input);
    if (parsed.success) return { query: parsed.data, problems };
    const issue = parsed.error.issues[0];
    const field = issue?.path[0];
    if (typeof field !== "string" || !(field in input)) {
      problems.push({ field: "query", value: "", message: issue ? describeIssue(issue) : "was refused" });
      return { query: schema.parse({}), problems };
    }
    const group = opts.together?.find((g) => g.includes(field)) ?? [field];
    const given = group.filter((f) => f in input);
    const value = given.length > 1 ? given.map((f) => `${f} ${input[f]}`).join(", ") : input[field];
    problems.push({ field, value, message: describeIssue(issue) });
    for (const f of group) delete input[f];
  }
}

/** A requested page number past the last page: the problem to show, and the page to show instead. */
export function pageBeyondEnd(page: number, perPage: number, total: number): { page: number; problem: QueryProblem } | null {
  const last = Math.max(1, Math.ceil(total / perPage));
  if (page <= last) return null;
  return { page: last, problem: { field: "page", value: String(page), message: "is past the end" } };
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
