import Link from "next/link";

// Page links that keep every other query parameter (period, filters).
export function Pagination({ page, perPage, total, basePath, params }: { page: number; perPage: number; total: number; basePath: string; params: Record<string, string | undefined> }) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const href = (p: number) => {
    const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null) as [string, string][]);
    q.set("page", String(p));
    return `${basePath}?${q.toString()}`;
  };
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-3 py-3 text-tremor-default">
      <span className="text-tremor-content" data-testid="pagination-status">
        Page {Math.min(page, pages)} of {pages} · {total.toLocaleString("en-US")} total
      </span>
      <span className="flex gap-2">
        {page > 1 ? <Link className="rounded-tremor-small border border-tremor-border px-3 py-1 hover:bg-tremor-background-subtle" href={href(page - 1)}>Previous</Link> : null}
        {page < pages ? <Link className="rounded-tremor-small border border-tremor-border px-3 py-1 hover:bg-tremor-background-subtle" href={href(page + 1)}>Next</Link> : null}
      </span>
    </nav>
  );
}
