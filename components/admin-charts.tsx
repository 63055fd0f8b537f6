"use client";

// A line chart on the fixed 1–5 rating scale (components/charts.tsx's
// TrendLineChart lets Tremor pick the axis, which makes 4.1 → 4.2 look flat
// on a 0–8 axis).
import { LineChart } from "@tremor/react";
import { ChartBox } from "@/components/charts";

export function AdminRatingChart({ data, index, categories, colors, className, testId }: {
  data: Record<string, string | number | null>[];
  index: string;
  categories: string[];
  colors?: string[];
  className?: string;
  testId?: string;
}) {
  if (!data.length) return <div className={`flex items-center justify-center text-tremor-default text-tremor-content ${className ?? "h-72"}`}>No data for this period</div>;
  return (
    <ChartBox testId={testId}>
      <LineChart className={className ?? "h-72"} data={data} index={index} categories={categories} colors={colors}
        valueFormatter={(v) => v.toFixed(2)} minValue={1} maxValue={5} showAnimation={false} yAxisWidth={48} connectNulls />
    </ChartBox>
  );
}
