"use client";

// Tremor charts are client components and formatters are functions, which
// cannot cross from a server component; pages pass a format name instead.
import { AreaChart, BarChart, BarList, DonutChart, LineChart } from "@tremor/react";
import { formatInt, formatMoney, formatMoneyCompact, formatPercent } from "@/lib/format";

export type ValueFormat = "money" | "moneyCompact" | "int" | "percent" | "rating" | "hours";

const FORMATTERS: Record<ValueFormat, (v: number) => string> = {
  money: (v) => formatMoney(v),
  moneyCompact: (v) => formatMoneyCompact(v),
  int: (v) => formatInt(v),
  percent: (v) => formatPercent(v),
  rating: (v) => v.toFixed(2),
  hours: (v) => `${v.toFixed(1)} h`,
};

type Common = {
  data: Record<string, string | number | null>[];
  index: string;
  categories: string[];
  colors?: string[];
  format?: ValueFormat;
  className?: string;
  testId?: string;
  stack?: boolean;
};

function Empty({ className }: { className?: string }) {
  return <div className={`flex items-center justify-center text-tremor-default text-tremor-content ${className ?? "h-72"}`}>No data for this period</div>;
}

export function TrendAreaChart({ data, index, categories, colors, format = "int", className, testId, stack }: Common) {
  if (!data.length) return <Empty className={className} />;
  return (
    <div data-testid={testId}>
      <AreaChart className={className ?? "h-72"} data={data} index={index} categories={categories} colors={colors} valueFormatter={FORMATTERS[format]} stack={stack} showAnimation={false} yAxisWidth={72} />
    </div>
  );
}

export function TrendLineChart({ data, index, categories, colors, format = "int", className, testId, minValue, maxValue }: Common & { minValue?: number; maxValue?: number }) {
  if (!data.length) return <Empty className={className} />;
  return (
    <div data-testid={testId}>
      <LineChart className={className ?? "h-72"} data={data} index={index} categories={categories} colors={colors} valueFormatter={FORMATTERS[format]} showAnimation={false} yAxisWidth={56} connectNulls minValue={minValue} maxValue={maxValue} />
    </div>
  );
}

export function SimpleBarChart({ data, index, categories, colors, format = "int", className, testId, stack, layout }: Common & { layout?: "horizontal" | "vertical" }) {
  if (!data.length) return <Empty className={className} />;
  return (
    <div data-testid={testId}>
      <BarChart className={className ?? "h-72"} data={data} index={index} categories={categories} colors={colors} valueFormatter={FORMATTERS[format]} stack={stack} layout={layout} showAnimation={false} yAxisWidth={layout === "vertical" ? 110 : 64} />
    </div>
  );
}

export function Donut({ data, index, category, colors, format = "int", className, testId }: { data: Record<string, string | number>[]; index: string; category: string; colors?: string[]; format?: ValueFormat; className?: string; testId?: string }) {
  if (!data.length) return <Empty className={className} />;
  return (
    <div data-testid={testId}>
      <DonutChart className={className ?? "h-52"} data={data} index={index} category={category} colors={colors} valueFormatter={FORMATTERS[format]} showAnimation={false} />
    </div>
  );
}

export function RankedBars({ data, format = "int", testId }: { data: { name: string; value: number }[]; format?: ValueFormat; testId?: string }) {
  if (!data.length) return <Empty className="h-24" />;
  return (
    <div data-testid={testId}>
      <BarList data={data} valueFormatter={FORMATTERS[format]} showAnimation={false} />
    </div>
  );
}
