import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, Title } from "@tremor/react";
import type { PerformanceVsAverage } from "@/lib/analytics/creator";
import { formatInt, formatMoney, formatPercent } from "@/lib/format";

// The creator's period metrics beside the mean over creators in the same level.
const ROWS = [
  { key: "completed_tasks", label: "Completed tasks", fmt: (v: number) => (Number.isInteger(v) ? formatInt(v) : v.toFixed(1)) },
  { key: "total_earnings", label: "Earnings", fmt: (v: number) => formatMoney(v) },
  { key: "avg_rating", label: "Average rating", fmt: (v: number) => v.toFixed(2) },
  { key: "on_time_rate", label: "On-time delivery", fmt: (v: number) => formatPercent(v) },
  { key: "first_time_approval_rate", label: "First-time approval", fmt: (v: number) => formatPercent(v) },
] as const;

/** Narrower cells on a phone, so all three columns fit without scrolling. */
const CELL = "px-2 sm:px-4";

export function CreatorVsAverage({ p }: { p: PerformanceVsAverage }) {
  return (
    <Card data-testid="vs-level-average">
      <Title>You vs {p.level ?? "level"} average</Title>
      <p className="text-tremor-label text-tremor-content">
        Mean over the {formatInt(p.creators_in_level)} creators currently at this level, same period
      </p>
      {p.averages_hidden_reason && (
        <p className="mt-1 text-tremor-default text-tremor-content" data-testid="level-average-hidden">{p.averages_hidden_reason}</p>
      )}
      <Table className="mt-2">
        <TableHead>
          <TableRow>
            <TableHeaderCell className={`${CELL} whitespace-normal`}>Metric</TableHeaderCell>
            <TableHeaderCell className={`${CELL} text-right`}>You</TableHeaderCell>
            <TableHeaderCell className={`${CELL} text-right`}>Level avg</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {ROWS.map((r) => {
            const { you, level_average: avg } = p[r.key];
            const ahead = you != null && avg != null && you > avg;
            return (
              <TableRow key={r.key}>
                <TableCell className={`${CELL} whitespace-normal`}>{r.label}</TableCell>
                <TableCell className={`${CELL} text-right tabular-nums ${ahead ? "text-emerald-700" : "text-tremor-content-strong"}`}>
                  {you == null ? "—" : r.fmt(you)}
                </TableCell>
                <TableCell className={`${CELL} text-right tabular-nums`}>{avg == null ? "—" : r.fmt(avg)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Card>
  );
}
