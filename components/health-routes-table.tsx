"use client";

// The API table of the health page: one row per route template and method,
// sortable by any column (keyboard: the headers are buttons), with a p95
// sparkline and a link to the route's drill-down.
import { SparkAreaChart } from "@tremor/react";
import Link from "next/link";
import { useMemo, useState } from "react";
import { formatInt, formatPercent } from "@/lib/format";
import { formatMs } from "@/lib/health/format";
import { TableScroll } from "./table-scroll";

export type RouteRow = {
  route: string; method: string; requests: number; p50_ms: number | null; p95_ms: number | null; p99_ms: number | null;
  rate_4xx: number | null; rate_5xx: number | null; errors_5xx: number;
  /** The p95 of each point of the window, for the sparkline (0 where a point had no requests). */
  spark: number[];
};
type Key = "route" | "requests" | "p50_ms" | "p95_ms" | "p99_ms" | "rate_4xx" | "rate_5xx";
const COLUMNS: { key: Key; label: string }[] = [
  { key: "route", label: "Route" }, { key: "requests", label: "Requests" }, { key: "p50_ms", label: "p50" }, { key: "p95_ms", label: "p95" },
  { key: "p99_ms", label: "p99" }, { key: "rate_4xx", label: "4xx" }, { key: "rate_5xx", label: "5xx" },
];

export function HealthRoutesTable({ routes, window, errorBound }: { routes: RouteRow[]; window: string; errorBound: string }) {
  const [sort, setSort] = useState<{ key: Key; desc: boolean }>({ key: "p95_ms", desc: true });
  const rows = useMemo(() => {
    const v = (r: RouteRow) => (sort.key === "route" ? `${r.route} ${r.method}` : (r[sort.key] ?? -1));
    return [...routes].sort((a, b) => {
      const x = v(a), y = v(b);
      const c = typeof x === "string" ? x.localeCompare(String(y)) : x - (y as number);
      return sort.desc ? -c : c;
    });
  }, [routes, sort]);
  const toggle = (key: Key) => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== "route" }));
  return (
    <TableScroll label="Requests by route">
      <table className="w-full text-left text-tremor-default" data-testid="health-routes">
        <caption className="sr-only">Requests by route; percentiles {errorBound}</caption>
        <thead className="border-b border-tremor-border text-tremor-content">
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} className="p-2" aria-sort={sort.key === c.key ? (sort.desc ? "descending" : "ascending") : "none"}>
                <button type="button" onClick={() => toggle(c.key)} className="font-medium hover:text-tremor-content-strong">
                  {c.label}{sort.key === c.key ? (sort.desc ? " ↓" : " ↑") : ""}
                </button>
              </th>
            ))}
            <th className="p-2">p95 trend</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && <tr><td colSpan={8} className="p-3 text-tremor-content">No requests recorded in this window.</td></tr>}
          {rows.map((r) => (
            <tr key={`${r.method} ${r.route}`} className="border-b border-tremor-border last:border-0" data-route={r.route} data-method={r.method}>
              <td className="p-2">
                <Link className="font-mono text-tremor-label text-blue-700 underline" href={`/admin/health?${new URLSearchParams({ window, route: r.route, method: r.method })}#route-detail`}>
                  {r.method} {r.route}
                </Link>
              </td>
              <td className="p-2 tabular-nums" data-testid="route-requests">{formatInt(r.requests)}</td>
              <td className="p-2 tabular-nums">{formatMs(r.p50_ms)}</td>
              <td className="p-2 tabular-nums">{formatMs(r.p95_ms)}</td>
              <td className="p-2 tabular-nums">{formatMs(r.p99_ms)}</td>
              <td className="p-2 tabular-nums">{formatPercent(r.rate_4xx)}</td>
              <td className={`p-2 tabular-nums ${r.errors_5xx ? "text-red-700" : ""}`}>{formatPercent(r.rate_5xx)}</td>
              <td className="p-2" aria-hidden>
                <SparkAreaChart data={r.spark.map((p95, i) => ({ i, p95 }))} index="i" categories={["p95"]} colors={["blue"]} className="h-8 w-28" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
