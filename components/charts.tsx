"use client";

// Tremor charts are client components and formatters are functions, which
// cannot cross from a server component; pages pass a format name instead.
// Axes use the short style (money "$3.5K", whole numbers on count axes);
// tooltips show the exact value.
import { AreaChart, BarChart, BarList, DonutChart, LineChart } from "@tremor/react";
import { useEffect, useRef } from "react";
import { formatInt, formatMoney, formatMoneyAxis, formatPercent } from "@/lib/format";
import { formatMs } from "@/lib/health/format";

/** "moneyCompact" is kept as another name for "money": every money axis reads "$3.5K". */
export type ValueFormat = "money" | "moneyCompact" | "int" | "percent" | "rating" | "hours" | "ms";

const EXACT: Record<ValueFormat, (v: number) => string> = {
  money: (v) => formatMoney(v),
  moneyCompact: (v) => formatMoney(v),
  int: (v) => formatInt(v),
  percent: (v) => formatPercent(v),
  rating: (v) => v.toFixed(2),
  hours: (v) => `${v.toFixed(1)} h`,
  ms: (v) => formatMs(v),
};
const AXIS: Record<ValueFormat, (v: number) => string> = {
  ...EXACT,
  money: (v) => formatMoneyAxis(v),
  moneyCompact: (v) => formatMoneyAxis(v),
  percent: (v) => `${Math.round(v * 10) / 10}%`,
};
/** Counts have whole-number ticks (no "2.5 transactions"). */
const allowDecimals = (f: ValueFormat) => f !== "int";

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

type TooltipProps = { active?: boolean; label?: unknown; payload?: { dataKey?: unknown; name?: unknown; value?: unknown; color?: unknown }[] };

/** Tooltip with exact values ("$3,512.40"), where the axis shows "$3.5K". */
function exactTooltip(format: ValueFormat) {
  return function ExactTooltip({ active, label, payload }: TooltipProps) {
    if (!active || !payload?.length) return null;
    return (
      <div className="rounded-tremor-default border border-tremor-border bg-white px-3 py-2 text-tremor-default shadow-tremor-dropdown">
        <p className="font-medium text-tremor-content-strong">{String(label ?? "")}</p>
        {payload.map((p, i) => (
          <p key={i} className="flex items-center justify-between gap-4 text-tremor-content">
            <span className="flex items-center gap-2">
              <span className={`h-2 w-2 rounded-full bg-${String(p.color ?? "gray")}-500`} aria-hidden />
              {String(p.name ?? p.dataKey ?? "")}
            </span>
            <span className="tabular-nums text-tremor-content-strong">{typeof p.value === "number" ? EXACT[format](p.value) : "—"}</span>
          </p>
        ))}
      </div>
    );
  };
}

/**
 * A chart is read by its table or card text, not tabbed through: Tremor's
 * legend and Recharts' surface make themselves tab stops, so drop them.
 */
export function ChartBox({ testId, children }: { testId?: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const untab = () => el.querySelectorAll<HTMLElement>("[tabindex]:not([tabindex='-1'])").forEach((n) => n.setAttribute("tabindex", "-1"));
    untab();
    const watch = new MutationObserver(untab);
    watch.observe(el, { subtree: true, childList: true, attributes: true, attributeFilter: ["tabindex"] });
    return () => watch.disconnect();
  }, []);
  return <div ref={ref} data-testid={testId}>{children}</div>;
}

function Empty({ className }: { className?: string }) {
  return <div className={`flex items-center justify-center text-tremor-default text-tremor-content ${className ?? "h-72"}`}>No data for this period</div>;
}

export function TrendAreaChart({ data, index, categories, colors, format = "int", className, testId, stack }: Common) {
  if (!data.length) return <Empty className={className} />;
  return (
    <ChartBox testId={testId}>
      <AreaChart className={className ?? "h-72"} data={data} index={index} categories={categories} colors={colors} valueFormatter={AXIS[format]}
        customTooltip={exactTooltip(format)} allowDecimals={allowDecimals(format)} stack={stack} showAnimation={false} yAxisWidth={64} />
    </ChartBox>
  );
}

export function TrendLineChart({ data, index, categories, colors, format = "int", className, testId, minValue, maxValue }: Common & { minValue?: number; maxValue?: number }) {
  if (!data.length) return <Empty className={className} />;
  return (
    <ChartBox testId={testId}>
      <LineChart className={className ?? "h-72"} data={data} index={index} categories={categories} colors={colors} valueFormatter={AXIS[format]}
        customTooltip={exactTooltip(format)} allowDecimals={allowDecimals(format)} showAnimation={false} yAxisWidth={56} connectNulls minValue={minValue} maxValue={maxValue} />
    </ChartBox>
  );
}

export function SimpleBarChart({ data, index, categories, colors, format = "int", className, testId, stack, layout }: Common & { layout?: "horizontal" | "vertical" }) {
  if (!data.length) return <Empty className={className} />;
  return (
    <ChartBox testId={testId}>
      <BarChart className={className ?? "h-72"} data={data} index={index} categories={categories} colors={colors} valueFormatter={AXIS[format]}
        customTooltip={exactTooltip(format)} allowDecimals={allowDecimals(format)} stack={stack} layout={layout} showAnimation={false}
        yAxisWidth={layout === "vertical" ? 110 : 64} />
    </ChartBox>
  );
}

/** A donut whose centre says what it counts: "1,234 outputs", "$5.2K earned". */
export function Donut({ data, index, category, colors, format = "int", className, testId, centre }: {
  data: Record<string, string | number>[]; index: string; category: string; colors?: string[]; format?: ValueFormat; className?: string; testId?: string;
  /** the unit written under the total, e.g. "outputs" */
  centre: string;
}) {
  if (!data.length) return <Empty className={className} />;
  const total = data.reduce((s, d) => s + Number(d[category] ?? 0), 0);
  return (
    <ChartBox testId={testId}>
      <div className="relative">
        <DonutChart className={className ?? "h-52"} data={data} index={index} category={category} colors={colors} valueFormatter={EXACT[format]}
          showLabel={false} showAnimation={false} />
        <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center text-center" data-testid={testId ? `${testId}-centre` : undefined}>
          <span className="text-tremor-title font-semibold text-tremor-content-strong">{format === "money" ? formatMoneyAxis(total) : EXACT[format](total)}</span>
          <span className="text-tremor-label text-tremor-content">{centre}</span>
        </div>
      </div>
    </ChartBox>
  );
}

export function RankedBars({ data, format = "int", testId }: { data: { name: string; value: number }[]; format?: ValueFormat; testId?: string }) {
  if (!data.length) return <Empty className="h-24" />;
  return (
    <ChartBox testId={testId}>
      <BarList data={data} valueFormatter={EXACT[format]} showAnimation={false} />
    </ChartBox>
  );
}
