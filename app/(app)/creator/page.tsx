import { Card, Title } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { DataAsOf } from "@/components/admin-ui";
import { TrendAreaChart } from "@/components/charts";
import { CreatorLevelProgress } from "@/components/creator-level-progress";
import { CreatorRatingChart } from "@/components/creator-rating-chart";
import { CreatorVsAverage } from "@/components/creator-vs-average";
import { KpiCard } from "@/components/kpi-card";
import { PageHeader } from "@/components/page-header";
import { PeriodPicker } from "@/components/period-picker";
import { QueryNotice } from "@/components/query-notice";
import { SupportViewBanner } from "@/components/support-view-banner";
import { CREATOR_FIELDS } from "@/lib/analytics/creator";
import { deltaView } from "@/lib/analytics/deltas";
import { forPage, keep, pageQuery, type SearchParams } from "@/lib/analytics/page-query";
import { bucketLabel, periodSubtitle, PREVIOUS_LABEL } from "@/lib/analytics/period-info";
import { loadCreatorDashboard } from "@/lib/analytics/user-dashboards";
import { requireRole } from "@/lib/auth/session";
import { formatInt, formatMoney, formatPercent, PERIOD_NAMES } from "@/lib/format";
import { creatorDashboardQuery } from "@/lib/validation/creator";

export const metadata: Metadata = { title: "Creator dashboard" };

const PERIODS = ["week", "month", "quarter", "year"] as const;

export default async function CreatorDashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireRole(["creator", "admin"], "/creator");
  const { query, problems } = pageQuery(creatorDashboardQuery, await searchParams);
  const { subject, data: d } = await forPage(() => loadCreatorDashboard(viewer, query));
  const vs = `vs ${PREVIOUS_LABEL[d.period.name]}`;
  const avg = d.performance_vs_average;
  const level = avg.level ?? "level";
  const rating = (v: number | null) => (v == null ? "—" : v.toFixed(2));
  const delta = (k: keyof typeof CREATOR_FIELDS) => deltaView(CREATOR_FIELDS, d, k);
  const levelAvg = (text: string) => <span data-testid="level-average">{level} avg: {text}</span>;

  return (
    <section data-testid="creator-home">
      <PageHeader title={subject.id === viewer.id ? "Creator dashboard" : `${subject.name}'s dashboard`} subtitle={<>{periodSubtitle(d.period)} · <DataAsOf at={d.period.end} timeZone={viewer.timeZone} /></>}>
        <Link href={`/creator/earnings${keep({ user_id: query.user_id })}`} className="text-tremor-default text-tremor-brand hover:underline">
          Earnings →
        </Link>
        <PeriodPicker value={query.period} options={PERIODS} />
      </PageHeader>
      <QueryNotice problems={problems} showing={(p) => (p.field === "tz" ? `days in ${d.period.tz}` : PERIOD_NAMES[query.period])} />
      <SupportViewBanner viewerId={viewer.id} subject={subject} />

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <KpiCard
          title="Completed tasks"
          value={formatInt(d.summary.completed_tasks)}
          {...delta("completed_tasks")}
          comparison={vs}
          detail={<>{formatInt(d.all_time.completed_tasks)} all time · {levelAvg(avg.completed_tasks.level_average?.toFixed(1) ?? "—")}</>}
          testId="kpi-tasks"
        />
        <KpiCard
          title="Earnings"
          value={formatMoney(d.summary.total_earnings)}
          {...delta("total_earnings")}
          comparison={vs}
          detail={<>{formatMoney(d.all_time.total_earnings)} all time · {levelAvg(formatMoney(avg.total_earnings.level_average))}</>}
          testId="kpi-earnings"
        />
        <KpiCard
          title="Available balance"
          value={formatMoney(d.summary.available_balance)}
          detail="Earned, not yet paid out or requested"
          testId="kpi-balance"
        />
        <KpiCard
          title="Average rating"
          value={rating(d.summary.avg_rating)}
          {...delta("avg_rating")}
          comparison={vs}
          detail={<>{rating(d.all_time.avg_rating)} all time · {levelAvg(rating(avg.avg_rating.level_average))}</>}
          testId="kpi-rating"
        />
        <KpiCard
          title="On-time delivery"
          value={formatPercent(d.summary.on_time_rate)}
          {...delta("on_time_rate")}
          comparison={vs}
          detail={<>{formatPercent(d.all_time.on_time_rate)} all time · {levelAvg(formatPercent(avg.on_time_rate.level_average))}</>}
          testId="kpi-on-time"
        />
        <KpiCard
          title="First-time approval"
          value={formatPercent(d.summary.first_time_approval_rate)}
          {...delta("first_time_approval_rate")}
          comparison={vs}
          detail={<>{formatPercent(d.all_time.first_time_approval_rate)} all time · {levelAvg(formatPercent(avg.first_time_approval_rate.level_average))}</>}
          testId="kpi-first-time"
        />
      </div>

      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <CreatorLevelProgress p={d.level_progress} />
        <CreatorVsAverage p={avg} />
      </div>

      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card>
          <Title>Earnings over time</Title>
          <TrendAreaChart
            data={d.earnings_trend.map((p) => ({ date: bucketLabel(p.date, d.period.granularity), Earnings: p.amount }))}
            index="date"
            categories={["Earnings"]}
            colors={["emerald"]}
            format="money"
            className="mt-4 h-60"
            testId="earnings-chart"
          />
        </Card>
        <Card>
          <Title>Average rating</Title>
          <CreatorRatingChart
            data={d.rating_trend.map((p) => ({ date: bucketLabel(p.date, d.period.granularity), Rating: p.rating }))}
            className="mt-4 h-60"
            testId="rating-chart"
          />
        </Card>
      </div>
    </section>
  );
}
