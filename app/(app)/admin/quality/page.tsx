// Quality metrics (US-7.6): the same lib call as GET /api/v1/admin/analytics/quality.
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import type { Metadata } from "next";
import { AdminRatingChart } from "@/components/admin-charts";
import { AdminChartCard, comparisonLabel, DataAsOf, PeriodRange } from "@/components/admin-ui";
import { SimpleBarChart, TrendLineChart } from "@/components/charts";
import { deltaColor, KpiCard } from "@/components/kpi-card";
import { PageHeader } from "@/components/page-header";
import { PeriodPicker } from "@/components/period-picker";
import { QueryNotice } from "@/components/query-notice";
import { TableScroll } from "@/components/table-scroll";
import { deltaView } from "@/lib/analytics/deltas";
import { pageQuery, type SearchParams } from "@/lib/analytics/page-query";
import { QUALITY_FIELDS, qualityDashboard, type QualityValues } from "@/lib/analytics/quality";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { formatBucket, formatDelta, formatInt, formatPercent, PERIOD_NAMES } from "@/lib/format";
import { PERIODS } from "@/lib/period";
import { qualityQuery } from "@/lib/validation/admin-analytics";

export const metadata: Metadata = { title: "Quality" };

const rating = (v: number | null) => (v == null ? "—" : v.toFixed(2));

/** A table cell's delta, in its field's unit (pp for the rates, ★ for the rating). */
function DeltaText({ row, k }: { row: QualityValues & { previous: QualityValues; deltas: Record<keyof QualityValues, number | null> }; k: keyof QualityValues }) {
  const { delta, unit, goodWhen, current, previous } = deltaView(QUALITY_FIELDS, { deltas: row.deltas, previous: row.previous, summary: row }, k);
  const d = formatDelta(delta, unit, goodWhen, { current, previous });
  if (d.direction === "none") return null;
  return <span className={`block text-tremor-label ${deltaColor(d.direction, goodWhen)}`} data-unit={unit}>{d.text}</span>;
}

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireRole(["admin"], "/admin/quality");
  const { query: { period }, problems } = pageQuery(qualityQuery, await searchParams);
  const d = await qualityDashboard(prisma, { period });
  const s = d.summary;
  const vs = comparisonLabel(period);
  const label = (date: string) => formatBucket(date, d.period.granularity, "UTC");
  const delta = (k: keyof typeof QUALITY_FIELDS) => deltaView(QUALITY_FIELDS, d, k);

  return (
    <section data-testid="admin-quality" className="space-y-6">
      <PageHeader title="Quality" subtitle={<DataAsOf at={d.data_as_of} timeZone={viewer.timeZone} />}>
        <PeriodPicker value={period} options={PERIODS} />
      </PageHeader>
      <QueryNotice problems={problems} showing={PERIOD_NAMES[period]} />
      <PeriodRange timeZone={viewer.timeZone} period={period} start={d.period.start} end={d.period.end} previousStart={d.period.previous_start} previousEnd={d.period.previous_end} />

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <KpiCard testId="kpi-avg-rating" title="Average rating" value={rating(s.avg_rating)} {...delta("avg_rating")} comparison={vs}
          detail={`${formatInt(s.reviews)} reviews`} />
        <KpiCard testId="kpi-first-time-approval" title="First-time approval" value={formatPercent(s.first_time_approval_rate)}
          {...delta("first_time_approval_rate")} comparison={vs} detail="Approvals of a first submission" />
        <KpiCard testId="kpi-revision-rate" title="Revision rate" value={formatPercent(s.revision_rate)} {...delta("revision_rate")}
          comparison={vs} />
        <KpiCard testId="kpi-rejection-rate" title="Rejection rate" value={formatPercent(s.rejection_rate)} {...delta("rejection_rate")}
          comparison={vs} />
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <AdminChartCard title="Rates over time" className="lg:col-span-2" subtitle="Share of the reviews completed in each interval" testId="chart-quality-rates">
          <TrendLineChart
            data={d.trend.map((t) => ({ date: label(t.date), "First-time approval": t.first_time_approval_rate, Revision: t.revision_rate, Rejection: t.rejection_rate }))}
            index="date" categories={["First-time approval", "Revision", "Rejection"]} colors={["emerald", "amber", "rose"]} format="percent" className="h-64" />
        </AdminChartCard>
        <AdminChartCard title="Creator rating distribution" subtitle="Creators by all-time average rating" testId="chart-rating-distribution">
          <SimpleBarChart data={d.rating_distribution.map((b) => ({ rating: b.bucket, Creators: b.count }))}
            index="rating" categories={["Creators"]} colors={["violet"]} className="h-64" />
        </AdminChartCard>
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <AdminChartCard title="Quality by output type" subtitle={`This period, ${vs}`} testId="quality-by-type" className="lg:col-span-2">
          <TableScroll label="Quality by output type">
            <Table>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Output type</TableHeaderCell>
                  <TableHeaderCell className="text-right">Reviews</TableHeaderCell>
                  <TableHeaderCell className="text-right">Rating</TableHeaderCell>
                  <TableHeaderCell className="text-right">First-time</TableHeaderCell>
                  <TableHeaderCell className="text-right">Revision</TableHeaderCell>
                  <TableHeaderCell className="text-right">Rejection</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {d.by_output_type.map((t) => (
                  <TableRow key={t.output_type_id}>
                    <TableCell className="font-medium text-tremor-content-strong">{t.name}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatInt(t.reviews)}</TableCell>
                    <TableCell className="text-right tabular-nums">{rating(t.avg_rating)}<DeltaText row={t} k="avg_rating" /></TableCell>
                    <TableCell className="text-right tabular-nums">{formatPercent(t.first_time_approval_rate)}<DeltaText row={t} k="first_time_approval_rate" /></TableCell>
                    <TableCell className="text-right tabular-nums">{formatPercent(t.revision_rate)}<DeltaText row={t} k="revision_rate" /></TableCell>
                    <TableCell className="text-right tabular-nums">{formatPercent(t.rejection_rate)}<DeltaText row={t} k="rejection_rate" /></TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableScroll>
        </AdminChartCard>
        <AdminChartCard title="Average rating over time" subtitle="Mean overall score (1–5)" testId="chart-quality-rating">
          <AdminRatingChart data={d.trend.map((t) => ({ date: label(t.date), "Average rating": t.avg_rating }))}
            index="date" categories={["Average rating"]} colors={["blue"]} className="h-64" />
        </AdminChartCard>
      </div>
    </section>
  );
}
