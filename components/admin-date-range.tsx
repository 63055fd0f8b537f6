// A plain GET form for ?start_date=&end_date= (works without JavaScript; the
// API validates the same fields and answers 400 naming the bad one).
export function AdminDateRange({ start, end, action }: { start: string; end: string; action: string }) {
  const input = "rounded-tremor-small border border-tremor-border bg-white px-2 py-1.5 text-tremor-default text-tremor-content-strong";
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-2" data-testid="date-range">
      <label className="flex flex-col text-tremor-label text-tremor-content">
        From
        <input type="date" name="start_date" defaultValue={start} className={input} aria-label="Start date" />
      </label>
      <label className="flex flex-col text-tremor-label text-tremor-content">
        To
        <input type="date" name="end_date" defaultValue={end} className={input} aria-label="End date" />
      </label>
      <button type="submit" className="rounded-tremor-small bg-tremor-brand px-3 py-1.5 text-tremor-default text-white hover:bg-tremor-brand-emphasis">
        Apply
      </button>
    </form>
  );
}
