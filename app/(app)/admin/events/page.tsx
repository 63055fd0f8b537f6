// Event analysis (issue 11): the same lib calls as GET /api/v1/admin/analytics/events,
// …/events/funnel and …/events/tail. Counts are UTC days from the event rollups.
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { AdminChartCard, DataAsOf } from "@/components/admin-ui";
import { RankedBars, TrendLineChart } from "@/components/charts";
import { EventLiveTail } from "@/components/event-live-tail";
import { KpiCard } from "@/components/kpi-card";
import { PageHeader } from "@/components/page-header";
import { PeriodPicker } from "@/components/period-picker";
import { QueryNotice } from "@/components/query-notice";
import { TableScroll } from "@/components/table-scroll";
import { pageQuery, type SearchParams } from "@/lib/analytics/page-query";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { eventCounts, eventFunnel, eventTail } from "@/lib/events/analysis";
import { formatInt, formatPercent, PERIOD_NAMES } from "@/lib/format";
import { PERIODS } from "@/lib/period";
import { DEFAULT_FUNNELS, eventCountsQuery, funnelQuery, TRACKED_EVENTS } from "@/lib/validation/events";

export const metadata: Metadata = { title: "Events" };

function duration(seconds: number | null): string {
  if (seconds == null) return "—";
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}

const TOP_TYPES = 5;

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireRole(["admin"], "/admin/events");
  const raw = await searchParams;
  const { query: { period }, problems } = pageQuery(eventCountsQuery, raw);
  // the builder's form sends step1…step5; links and the API use steps=a,b,c
  const fromForm = [1, 2, 3, 4, 5].map((i) => raw[`step${i}`]).filter((v): v is string => typeof v === "string" && v !== "");
  const f = pageQuery(funnelQuery, { ...raw, period, ...(fromForm.length ? { steps: fromForm.join(",") } : {}) });
  const [counts, funnel, tail] = await Promise.all([
    eventCounts(prisma, { period }),
    eventFunnel(prisma, { period, steps: f.query.steps, windowDays: f.query.window_days }),
    eventTail(prisma, { limit: 25 }),
  ]);
  const top = counts.by_type.slice(0, TOP_TYPES).map((t) => t.event_type);
  const byBucket = new Map<string, Record<string, string | number>>();
  for (const s of counts.series) {
    if (!top.includes(s.event_type)) continue;
    const row = byBucket.get(s.bucket) ?? Object.fromEntries([["bucket", s.bucket], ...top.map((t) => [t, 0])]);
    row[s.event_type] = s.events;
    byBucket.set(s.bucket, row);
  }
  const chosen = f.query.steps;
  const link = (steps: string[]) => `/admin/events?period=${period}&steps=${steps.join(",")}&window_days=${f.query.window_days}#funnel`;

  return (
    <section data-testid="admin-events" className="space-y-6">
      <PageHeader title="Events" subtitle={<><DataAsOf at={counts.data_as_of} timeZone={viewer.timeZone} /> · UTC days · <Link href="/admin/events/keys" className="text-tremor-brand underline">Write keys</Link></>}>
        <PeriodPicker value={period} options={PERIODS} />
      </PageHeader>
      <QueryNotice problems={[...problems, ...f.problems]} showing={(p) => (p.field === "period" ? PERIOD_NAMES[period] : "the default")} />

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <KpiCard testId="kpi-events" title="Events" value={formatInt(counts.total)} detail={`${counts.by_type.length} types`} />
        <KpiCard testId="kpi-unique-users" title="Unique users" value={formatInt(counts.unique_users)} detail="Users, or anonymous visitors by their id or session" />
        <KpiCard testId="kpi-page-views" title="Page views" value={formatInt(counts.by_type.find((t) => t.event_type === "page_view")?.events ?? 0)} />
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <AdminChartCard title="Events over time" subtitle={`The ${top.length} most frequent types, per ${counts.period.granularity} (UTC)`} className="lg:col-span-2" testId="chart-events">
          <TrendLineChart data={[...byBucket.values()]} index="bucket" categories={top} colors={["blue", "emerald", "violet", "amber", "rose"]} className="h-64" />
        </AdminChartCard>
        <AdminChartCard title="By type" testId="events-by-type">
          <TableScroll label="Events by type">
            <Table>
              <TableHead><TableRow><TableHeaderCell>Event</TableHeaderCell><TableHeaderCell className="text-right">Events</TableHeaderCell></TableRow></TableHead>
              <TableBody>
                {counts.by_type.map((t) => (
                  <TableRow key={t.event_type}><TableCell>{t.event_type}</TableCell><TableCell className="text-right tabular-nums">{formatInt(t.events)}</TableCell></TableRow>
                ))}
              </TableBody>
            </Table>
          </TableScroll>
        </AdminChartCard>
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <AdminChartCard title="Top pages" subtitle="Page views by path" testId="top-pages">
          <RankedBars data={counts.top_pages.map((p) => ({ name: p.page, value: p.views }))} />
        </AdminChartCard>
        <AdminChartCard title="Top referrers" subtitle="Page views by referrer" testId="top-referrers">
          <RankedBars data={counts.top_referrers.map((p) => ({ name: p.referrer, value: p.views }))} />
        </AdminChartCard>
      </div>

      <AdminChartCard title="Funnel" subtitle={`Of those who did the first step this period, who went on within ${f.query.window_days} days`} testId="funnel">
        <div id="funnel" className="mb-4 flex flex-wrap gap-2 text-tremor-default">
          {DEFAULT_FUNNELS.map((d) => (
            <Link key={d.join()} href={link(d)} className="rounded-tremor-small border border-tremor-border px-2 py-1 text-tremor-brand hover:bg-tremor-background-muted">
              {d.join(" → ")}
            </Link>
          ))}
        </div>
        <form method="get" action="/admin/events#funnel" className="mb-4 flex flex-wrap items-end gap-3 text-tremor-default" aria-label="Funnel builder">
          <input type="hidden" name="period" value={period} />
          {[0, 1, 2, 3, 4].map((i) => (
            <label key={i} className="flex flex-col gap-1">
              <span className="text-tremor-label text-tremor-content">Step {i + 1}</span>
              <select name={`step${i + 1}`} defaultValue={chosen[i] ?? ""} className="rounded-tremor-small border border-tremor-border bg-white px-2 py-1.5">
                {i >= 2 && <option value="">—</option>}
                {TRACKED_EVENTS.map((e) => <option key={e} value={e}>{e}</option>)}
              </select>
            </label>
          ))}
          <label className="flex flex-col gap-1">
            <span className="text-tremor-label text-tremor-content">Window (days)</span>
            <input name="window_days" type="number" min={1} max={30} defaultValue={f.query.window_days} className="w-20 rounded-tremor-small border border-tremor-border px-2 py-1.5" />
          </label>
          <button type="submit" className="rounded-tremor-small bg-tremor-brand px-3 py-1.5 text-white">Show funnel</button>
        </form>
        <TableScroll label="Funnel steps">
          <Table data-testid="funnel-table">
            <TableHead>
              <TableRow>
                <TableHeaderCell>Step</TableHeaderCell>
                <TableHeaderCell className="text-right">Users</TableHeaderCell>
                <TableHeaderCell className="text-right">Of step 1</TableHeaderCell>
                <TableHeaderCell className="text-right">Of previous</TableHeaderCell>
                <TableHeaderCell className="text-right">Median time from previous</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {funnel.steps.map((s, i) => (
                <TableRow key={i}>
                  <TableCell>{i + 1}. {s.event_type}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatInt(s.actors)}</TableCell>
                  <TableCell className="text-right tabular-nums">{s.conversion == null ? "—" : formatPercent(s.conversion)}</TableCell>
                  <TableCell className="text-right tabular-nums">{s.step_conversion == null ? "—" : formatPercent(s.step_conversion)}</TableCell>
                  <TableCell className="text-right tabular-nums">{duration(s.median_seconds_from_previous)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      </AdminChartCard>

      <EventLiveTail initial={tail.events} timeZone={viewer.timeZone} />
    </section>
  );
}
