"use client";

// Average rating per bucket on the 1–5 scale. Its own wrapper because the
// shared TrendLineChart does not pass minValue/maxValue through to Tremor.
import { LineChart } from "@tremor/react";
import { ChartBox } from "@/components/charts";

export function CreatorRatingChart({ data, className, testId }: { data: { date: string; Rating: number | null }[]; className?: string; testId?: string }) {
  if (!data.some((d) => d.Rating != null)) {
    return <div className={`flex items-center justify-center text-tremor-default text-tremor-content ${className ?? "h-60"}`}>No reviews in this period</div>;
  }
  return (
    <ChartBox testId={testId}>
      <LineChart
        className={className ?? "h-60"}
        data={data}
        index="date"
        categories={["Rating"]}
        colors={["amber"]}
        minValue={1}
        maxValue={5}
        valueFormatter={(v) => v.toFixed(2)}
        connectNulls
        showAnimation={false}
        yAxisWidth={40}
      />
    </ChartBox>
  );
}
