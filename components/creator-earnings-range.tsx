import Link from "next/link";

// The earnings range as a plain GET form (works without JavaScript), plus
// one-click presets. Hidden fields keep an admin's ?user_id= and ?tz=.
export function CreatorEarningsRange({
  from, to, granularity, hidden, presets,
}: {
  from: string;
  to: string;
  granularity: string;
  hidden: Record<string, string | undefined>;
  presets: { label: string; href: string; active: boolean }[];
}) {
  const input = "rounded-tremor-small border border-tremor-border bg-white px-2 py-1.5 text-tremor-default text-tremor-content-strong";
  return (
    <div className="mb-4 flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
      <form method="get" action="/creator/earnings" className="flex flex-wrap items-end gap-3" data-testid="earnings-range">
        {Object.entries(hidden).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
        <label className="flex flex-col gap-1 text-tremor-label text-tremor-content">
          From
          <input type="date" name="from" defaultValue={from} className={input} required />
        </label>
        <label className="flex flex-col gap-1 text-tremor-label text-tremor-content">
          To
          <input type="date" name="to" defaultValue={to} className={input} required />
        </label>
        <label className="flex flex-col gap-1 text-tremor-label text-tremor-content">
          Group by
          <select name="granularity" defaultValue={granularity} className={input}>
            <option value="day">Day</option>
            <option value="week">Week</option>
            <option value="month">Month</option>
          </select>
        </label>
        <button type="submit" className="rounded-tremor-small bg-tremor-brand px-4 py-1.5 text-tremor-default font-medium text-white hover:bg-tremor-brand-emphasis">
          Apply
        </button>
      </form>
      <nav aria-label="Presets" className="flex flex-wrap gap-2">
        {presets.map((p) => (
          <Link
            key={p.label}
            href={p.href}
            aria-current={p.active ? "page" : undefined}
            className={`rounded-tremor-full border px-3 py-1 text-tremor-label ${
              p.active ? "border-tremor-brand bg-tremor-brand-faint text-tremor-brand-emphasis" : "border-tremor-border text-tremor-content hover:bg-tremor-background-subtle"
            }`}
          >
            {p.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
