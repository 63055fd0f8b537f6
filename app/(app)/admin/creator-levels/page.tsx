// Creator level statistics (US-7.5): the same lib call as GET /api/v1/admin/analytics/creator-levels.
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { AdminDateRange } from "@/components/admin-date-range";
import { AdminChartCard, DataAsOf } from "@/components/admin-ui";
import { SimpleBarChart, TrendLineChart } from "@/components/charts";
import { KpiCard } from "@/components/kpi-card";
import { PageHeader } from "@/components/page-header";
import { QueryNotice } from "@/components/query-notice";
import { TableScroll } from "@/components/table-scroll";
import { pageQuery, type SearchParams } from "@/lib/analytics/page-query";
import { creatorLevelStats } from "@/lib/analytics/levels";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { formatBucket, formatDate, formatInt, formatPercent } from "@/lib/format";
import { creatorLevelsQuery } from "@/lib/validation/admin-analytics";

export const metadata: Metadata = { title: "Creator levels" };

// distinct hues, so neighbouring levels never read as the same line
const COLORS = ["blue", "orange", "emerald", "fuchsia", "slate", "red", "teal"];

/** The trend's subtitle in an admin's words: what a missing snapshot means and what to do about it. */
function snapshotNote(computed: string[], endDate: string) {
  const today = new Date().toISOString().slice(0, 10);
  const missing = computed.filter((day) => day !== today).length;
  const live = endDate >= today ? " Today is counted live." : "";
  if (!missing) return <>Creators at each level at the end of each UTC day, from the nightly snapshots.{live}</>;
  return (
    <>
      Creators at each level at the end of each UTC day.{live} {missing} past {missing === 1 ? "day has" : "days have"} no nightly
      snapshot, so {missing === 1 ? "it was" : "they were"} rebuilt from the level-change history: the numbers are the same, only slower to
      load. To store them, run <Link href="/admin/jobs" className="text-tremor-brand-emphasis underline">aggregate-daily-metrics</Link> or{" "}
      <code>npm run rollup</code> for those days.
    </>
  );
}

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireRole(["admin"], "/admin/creator-levels");
  const { query: q, problems } = pageQuery(creatorLevelsQuery, await searchParams, { together: [["start_date", "end_date"]] });
  const d = await creatorLevelStats(prisma, { startDate: q.start_date, endDate: q.end_date });
  const codes = d.levels.map((l) => l.code);
  const codeOf = new Map(d.levels.map((l) => [l.level_id, l.code]));

  // trend rows pivoted to one point per day with a series per level code
  const byDate = new Map<string, Record<string, string | number>>();
  for (const t of d.trend) {
    const row = byDate.get(t.date) ?? { date: formatBucket(t.date, "day", "UTC") };
    row[codeOf.get(t.level_id) ?? "?"] = t.count;
    byDate.set(t.date, row);
  }
  // transitions matrix: rows = from, columns = to (level changes only; first placements are the "Joined" row below it)
  const cell = new Map(d.transitions.map((t) => [`${t.from_level}>${t.to_level}`, t.count]));
  const totalCreators = d.current.reduce((s, c) => s + c.count, 0);
  const joined = d.joined.reduce((s, j) => s + j.count, 0);

  return (
    <section data-testid="admin-creator-levels" className="space-y-6">
      <PageHeader title="Creator levels" subtitle={<DataAsOf at={d.data_as_of} timeZone={viewer.timeZone} />}>
        <AdminDateRange start={q.start_date} end={q.end_date} action="/admin/creator-levels" />
      </PageHeader>
      <QueryNotice problems={problems} showing={`${formatDate(q.start_date, "UTC")} – ${formatDate(q.end_date, "UTC")}`} />

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <KpiCard testId="kpi-creators" title="Creators with a level" value={formatInt(totalCreators)} detail="Now" />
        <KpiCard testId="kpi-change-rate" title="Level change rate" value={formatPercent(d.level_change_rate)}
          detail={`${formatInt(d.level_change.creators_changed)} of ${formatInt(d.level_change.creators_with_level)} creators changed level`} />
        <KpiCard testId="kpi-transitions" title="Promotions & demotions" value={formatInt(d.level_change.changes)}
          detail={`${formatDate(q.start_date, "UTC")} – ${formatDate(q.end_date, "UTC")}; ${formatInt(joined)} new creators joined`} />
        <KpiCard testId="kpi-top-level" title={`Top level (${d.levels.at(-1)?.name ?? "—"})`} value={formatInt(d.current.at(-1)?.count ?? 0)}
          detail={`${formatPercent(d.current.at(-1)?.percent)} of creators`} />
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <AdminChartCard title="Creators per level" subtitle="Current level, now" testId="chart-level-counts">
          <SimpleBarChart data={d.current.map((c) => ({ level: `${c.code} · ${c.level_name}`, Creators: c.count }))}
            index="level" categories={["Creators"]} colors={["blue"]} className="h-64" />
        </AdminChartCard>
        <AdminChartCard title="Levels over time" subtitle={snapshotNote(d.trend_computed_days, q.end_date)} testId="chart-level-trend">
          <TrendLineChart data={[...byDate.values()]} index="date" categories={codes} colors={COLORS.slice(0, codes.length)} className="h-64" />
        </AdminChartCard>
      </div>

      <AdminChartCard title="Levels" subtitle="Drill down to the creators of a level" testId="levels-table">
        <TableScroll label="Levels">
          <Table>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Level</TableHeaderCell>
                <TableHeaderCell className="text-right">Creators</TableHeaderCell>
                <TableHeaderCell className="text-right">Share</TableHeaderCell>
                <TableHeaderCell className="text-right">Avg rating</TableHeaderCell>
                <TableHeaderCell className="text-right">Avg days in level</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {d.current.map((c) => {
                const stint = d.avg_days_in_level.find((s) => s.level_id === c.level_id);
                return (
                  <TableRow key={c.level_id}>
                    <TableCell>
                      <Link href={`/admin/creator-levels/${c.level_id}`} className="font-medium text-tremor-brand hover:underline" data-testid={`level-link-${c.code}`}>
                        {c.code} · {c.level_name}
                      </Link>
                    </TableCell>
                    <TableCell className="text-right">{formatInt(c.count)}</TableCell>
                    <TableCell className="text-right">{formatPercent(c.percent)}</TableCell>
                    <TableCell className="text-right">{c.avg_rating == null ? "—" : c.avg_rating.toFixed(2)}</TableCell>
                    <TableCell className="text-right" title={`${formatInt(stint?.finished_stints ?? 0)} finished stints`}>
                      {stint?.avg_days == null ? "—" : `${stint.avg_days.toFixed(1)} d`}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableScroll>
        <p className="mt-2 text-tremor-label text-tremor-content">Average days in level: mean length of finished stints (entered → left), all time.</p>
      </AdminChartCard>

      <AdminChartCard title="Level transitions" subtitle="Promotions and demotions in the range: from (rows) → to (columns)" testId="transitions-matrix">
        <TableScroll label="Level transitions">
          <table className="min-w-full text-tremor-default">
            <thead>
              <tr className="text-tremor-content">
                <th className="px-2 py-1 text-left font-medium">From \ To</th>
                {d.levels.map((l) => <th key={l.level_id} className="px-2 py-1 text-right font-medium">{l.code}</th>)}
              </tr>
            </thead>
            <tbody>
              {d.levels.map((f) => (
                <tr key={f.level_id} className="border-t border-tremor-border">
                  <th className="px-2 py-1 text-left font-medium text-tremor-content-strong" title={f.name}>{f.code}</th>
                  {d.levels.map((t) => {
                    const n = cell.get(`${f.level_id}>${t.level_id}`) ?? 0;
                    return (
                      <td key={t.level_id} className={`px-2 py-1 text-right tabular-nums ${n === 0 ? "text-tremor-content-subtle" : t.rank > f.rank ? "text-emerald-700" : "text-red-700"}`}>
                        {n === 0 ? "·" : formatInt(n)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t-2 border-tremor-border" data-testid="joined-row">
                <th className="px-2 py-1 text-left font-medium text-tremor-content" title="creators placed at their first level in the range">Joined</th>
                {d.joined.map((j) => (
                  <td key={j.level_id} className={`px-2 py-1 text-right tabular-nums ${j.count === 0 ? "text-tremor-content-subtle" : "text-tremor-content"}`}>
                    {j.count === 0 ? "·" : formatInt(j.count)}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </TableScroll>
        <p className="mt-2 text-tremor-label text-tremor-content">
          Green: promotions; red: demotions. Joined: new creators given their first level in the range — not a level change.
        </p>
      </AdminChartCard>
    </section>
  );
}
