import { Card } from "@tremor/react";
import type { DeltaUnit } from "@/lib/analytics/deltas";
import { formatDelta } from "@/lib/format";

// A metric card: value for the period, its delta against the previous period
// in the unit of the value's kind ("↑ 20% vs last month", "+0.8 pp", "↓ 2.0 h
// faster", "+0.12 ★"), and an optional second line (all-time, etc.).
// `goodWhen` says which direction is good news (delivery time: down). Pages
// pass both from the dashboard's field list: {...deltaView(FIELDS, d.deltas, key)}.
export function KpiCard({
  title, value, delta, unit = "percent", comparison = "vs previous period", detail, goodWhen = "up", current, previous, testId,
}: {
  title: string;
  value: string;
  delta?: number | null;
  unit?: DeltaUnit;
  comparison?: string;
  detail?: React.ReactNode;
  goodWhen?: "up" | "down" | "neutral";
  /** the two values compared, so a change from 0 reads "↑ from 0" */
  current?: number | null;
  previous?: number | null;
  testId?: string;
}) {
  const d = delta === undefined ? null : formatDelta(delta, unit, goodWhen, { current, previous });
  const color = deltaColor(d?.direction ?? "none", goodWhen);
  return (
    <Card className="flex flex-col gap-1 p-4" data-testid={testId}>
      <p className="text-tremor-default text-tremor-content">{title}</p>
      <p className="text-tremor-metric font-semibold text-tremor-content-strong" data-testid={testId ? `${testId}-value` : undefined}>
        {value}
      </p>
      {d && (
        <p className={`text-tremor-label ${color}`} data-testid={testId ? `${testId}-delta` : undefined} data-unit={unit}>
          {d.text} {d.direction !== "none" && <span className="text-tremor-content">{comparison}</span>}
        </p>
      )}
      {detail && <div className="text-tremor-label text-tremor-content">{detail}</div>}
    </Card>
  );
}

/** Green for good news, red for bad, neutral for no change, no comparison, or a value that is neither. */
export function deltaColor(direction: "up" | "down" | "flat" | "none", goodWhen: "up" | "down" | "neutral") {
  if (direction === "none" || direction === "flat" || goodWhen === "neutral") return "text-tremor-content";
  return direction === goodWhen ? "text-emerald-700" : "text-red-700";
}
