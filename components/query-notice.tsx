import type { QueryProblem } from "@/lib/analytics/page-query";

// Says which query parameter a page refused and what it shows instead, so
// nothing is silently replaced. role="alert": read out by screen readers.
export function QueryNotice({ problems, showing }: { problems: QueryProblem[]; showing: string | ((p: QueryProblem) => string) }) {
  if (!problems.length) return null;
  return (
    <div role="alert" data-testid="query-notice" className="mb-4 rounded-tremor-default border border-amber-200 bg-amber-50 px-3 py-2 text-tremor-default text-amber-900">
      {problems.map((p, i) => (
        <p key={i}>
          {p.field === "query" ? "The address" : <>“{p.field}”</>} {p.message}
          {p.value ? ` (${p.value})` : ""}: showing {typeof showing === "string" ? showing : showing(p)} instead.
        </p>
      ))}
    </div>
  );
}
