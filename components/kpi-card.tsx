import { Card } from "@tremor/react";
import { formatDelta } from "@/lib/format";

// A metric card: value for the period, its delta against the previous period
// ("↑ 20% vs last month"), and an optional second line (all-time, etc.).
// `goodWhen` says which direction is good news (delivery time: down).
export function KpiCard({
  title, value, delta, comparison = "vs previous period", detail, goodWhen = "up", testId,
}: {
  title: string;
  value: string;
  delta?: number | null;
  comparison?: string;
  detail?: React.ReactNode;
  goodWhen?: "up" | "down";
  testId?: string;
}) {
  const d = delta === undefined ? null : formatDelta(delta);
  const good = d && d.direction !== "none" && d.direction !== "flat" && (d.direction === goodWhen);
  const color = !d || d.direction === "none" || d.direction === "flat" ? "text-tremor-content" : good ? "text-emerald-700" : "text-red-700";
  return (
    <Card className="flex flex-col gap-1 p-4" data-testid={testId}>
      <p className="text-tremor-default text-tremor-content">{title}</p>
      <p className="text-tremor-metric font-semibold text-tremor-content-strong" data-testid={testId ? `${testId}-value` : undefined}>
        {value}
      </p>
      {d && (
        <p className={`text-tremor-label ${color}`} data-testid={testId ? `${testId}-delta` : undefined}>
          {d.text} {d.direction !== "none" && <span className="text-tremor-content">{comparison}</span>}
        </p>
      )}
      {detail && <div className="text-tremor-label text-tremor-content">{detail}</div>}
    </Card>
  );
}
