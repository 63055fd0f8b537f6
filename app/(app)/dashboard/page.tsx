import { Card, List, ListItem, Title } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { DataAsOf } from "@/components/admin-ui";
import { Donut, SimpleBarChart } from "@/components/charts";
import { KpiCard } from "@/components/kpi-card";
import { PageHeader } from "@/components/page-header";
import { PeriodPicker } from "@/components/period-picker";
import { QueryNotice } from "@/components/query-notice";
import { SupportViewBanner } from "@/components/support-view-banner";
import { UploaderStatusBadge } from "@/components/uploader-status-badge";
import { deltaView } from "@/lib/analytics/deltas";
import { forPage, keep, pageQuery, type SearchParams } from "@/lib/analytics/page-query";
import { bucketLabel, periodSubtitle, PREVIOUS_LABEL } from "@/lib/analytics/period-info";
import { UPLOADER_FIELDS } from "@/lib/analytics/uploader";
import { loadUploaderDashboard } from "@/lib/analytics/user-dashboards";
import { requireRole } from "@/lib/auth/session";
import { formatDate, formatInt, formatMoney, formatPercent, PERIOD_NAMES } from "@/lib/format";
import { uploaderDashboardQuery } from "@/lib/validation/uploader";

export const metadata: Metadata = { title: "Your dashboard" };

const PERIODS = ["week", "month", "quarter", "year"] as const;
/** Donut slice colours, repeated as the legend dots (bg-*-500 is safelisted for charts). */
const TYPE_COLORS = ["blue", "cyan", "indigo", "violet", "fuchsia", "amber", "emerald", "rose"];

export default async function UploaderDashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireRole(["uploader", "admin"], "/dashboard");
  const { query, problems } = pageQuery(uploaderDashboardQuery, await searchParams);
  const { subject, data: d } = await forPage(() => loadUploaderDashboard(viewer, query));
  const against = PREVIOUS_LABEL[d.period.name];
  const vs = `vs ${against}`;
  const hours = d.summary.avg_delivery_hours;
  const st = d.upload_status;
  const delta = (k: keyof typeof UPLOADER_FIELDS) => deltaView(UPLOADER_FIELDS, d, k);

  return (
    <section data-testid="uploader-home">
      <PageHeader title={subject.id === viewer.id ? "Your dashboard" : `${subject.name}'s dashboard`} subtitle={<>{periodSubtitle(d.period)} · <DataAsOf at={d.period.end} timeZone={viewer.timeZone} /></>}>
        <PeriodPicker value={query.period} options={PERIODS} />
      </PageHeader>
      <QueryNotice problems={problems} showing={(p) => (p.field === "tz" ? `days in ${d.period.tz}` : PERIOD_NAMES[query.period])} />
      <SupportViewBanner viewerId={viewer.id} subject={subject} />

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <KpiCard
          title="Uploads"
          value={formatInt(d.summary.uploads_count)}
          {...delta("uploads_count")}
          comparison={vs}
          detail={`${formatInt(d.all_time.uploads_count)} all time`}
          testId="kpi-uploads"
        />
        <KpiCard
          title="Spent"
          value={formatMoney(d.summary.total_spent)}
          {...delta("total_spent")}
          comparison={vs}
          detail={`${formatMoney(d.all_time.total_spent)} all time`}
          testId="kpi-spent"
        />
        <KpiCard
          title="Avg delivery time"
          value={hours == null ? "—" : `${hours.toFixed(1)} hours`}
          {...delta("avg_delivery_hours")}
          comparison={vs}
          detail={`${d.all_time.avg_delivery_hours?.toFixed(1) ?? "—"} hours all time`}
          testId="kpi-delivery"
        />
        <KpiCard
          title="Pending"
          value={formatInt(d.summary.pending_count)}
          detail={
            <span data-testid="pending-vs-completed">
              {formatInt(st.all_time.completed)} completed · {formatInt(st.all_time.pending)} pending all time
              <br />
              This period: {formatInt(st.this_period.completed)} completed, {formatInt(st.this_period.pending)} pending
            </span>
          }
          testId="kpi-pending"
        />
      </div>

      <Card className="mt-4">
        <Title>Spending over time</Title>
        <p className="text-tremor-default text-tremor-content">Charges and refunds; net = charges − refunds</p>
        <SimpleBarChart
          data={d.spending_trend.map((p) => ({ date: bucketLabel(p.date, d.period.granularity), Charges: p.charges, Refunds: p.refunds, Net: p.net }))}
          index="date"
          categories={["Charges", "Refunds", "Net"]}
          colors={["blue", "rose", "slate"]}
          format="money"
          className="mt-4 h-64"
          testId="spending-chart"
        />
      </Card>

      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card>
          <Title>Outputs received by type</Title>
          <div className="mt-4 grid grid-cols-1 items-center gap-4 sm:grid-cols-2">
            <Donut
              data={d.output_type_breakdown.map((t) => ({ type: t.type, count: t.count }))}
              index="type"
              category="count"
              colors={TYPE_COLORS}
              format="int"
              centre="outputs received"
              className="h-44"
              testId="outputs-chart"
            />
            <List data-testid="outputs-list">
              {d.output_type_breakdown.map((t, i) => (
                <ListItem key={t.code}>
                  <span className="flex items-center gap-2">
                    <span className={`h-2.5 w-2.5 rounded-full bg-${TYPE_COLORS[i % TYPE_COLORS.length]}-500`} aria-hidden />
                    {t.type}
                  </span>
                  <span className="tabular-nums">
                    {formatInt(t.count)} · {formatPercent(t.percent)}
                  </span>
                </ListItem>
              ))}
            </List>
          </div>
        </Card>

        <Card>
          <Title>Recent uploads</Title>
          <List className="mt-2" data-testid="recent-uploads">
            {d.recent_uploads.map((u) => (
              <ListItem key={u.id}>
                <span className="min-w-0">
                  <span className="line-clamp-2 break-words text-tremor-content-strong">{u.title}</span>
                  <span className="text-tremor-label">{formatDate(u.created_at, d.period.tz)}</span>
                </span>
                <UploaderStatusBadge status={u.status} />
              </ListItem>
            ))}
          </List>
          {d.recent_uploads.length === 0 && <p className="py-6 text-center text-tremor-default text-tremor-content">No uploads yet</p>}
          <Link
            href={`/dashboard/uploads${keep({ user_id: query.user_id })}`}
            className="mt-3 inline-block text-tremor-default font-medium text-tremor-brand hover:underline"
            data-testid="view-all-uploads"
          >
            View all →
          </Link>
        </Card>
      </div>
    </section>
  );
}
