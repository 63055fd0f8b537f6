// Small layout pieces shared by the admin analytics pages (server components).
import { Card } from "@tremor/react";
import { formatDateTime, formatTime } from "@/lib/format";
import type { Period } from "@/lib/period";

/** A titled card around a chart or table. */
export function AdminChartCard({
  title, subtitle, children, testId, className,
}: { title: string; subtitle?: React.ReactNode; children: React.ReactNode; testId?: string; className?: string }) {
  return (
    <Card className={`p-4 sm:p-6 ${className ?? ""}`} data-testid={testId}>
      <h2 className="text-tremor-title font-semibold text-tremor-content-strong">{title}</h2>
      {subtitle && <p className="text-tremor-default text-tremor-content">{subtitle}</p>}
      <div className="mt-4">{children}</div>
    </Card>
  );
}

/** "Data as of 14:05 PST": when the numbers were read (today's part is live), in the viewer's zone. */
export function DataAsOf({ at, timeZone }: { at: string | Date; timeZone: string }) {
  return (
    <span data-testid="data-as-of" title={`${formatDateTime(at, timeZone)} (${timeZone})`}>
      Data as of {formatTime(at, timeZone)}
    </span>
  );
}

const NOW_LABEL: Record<Period, string> = { day: "Today", week: "This week", month: "This month", quarter: "This quarter", year: "This year" };
const PREV_LABEL: Record<Period, string> = { day: "yesterday", week: "last week", month: "last month", quarter: "last quarter", year: "last year" };

/** "vs last month" under a card's delta. */
export const comparisonLabel = (p: Period) => `vs ${PREV_LABEL[p]}`;

/** The exact ranges compared, in words; instants in the viewer's zone, periods are UTC days. */
export function PeriodRange({ period, start, end, previousStart, previousEnd, timeZone }: {
  period: Period; start: string; end: string; previousStart: string; previousEnd: string; timeZone: string;
}) {
  const f = (d: string) => formatDateTime(d, timeZone);
  return (
    <p className="text-tremor-label text-tremor-content" data-testid="period-range">
      {NOW_LABEL[period]} so far ({f(start)} – {f(end)}), compared with {PREV_LABEL[period]} to the same point ({f(previousStart)} –{" "}
      {f(previousEnd)}). Platform periods and chart days are UTC days.
    </p>
  );
}
