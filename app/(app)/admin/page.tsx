// Platform overview (US-7.4): the same lib call as GET /api/v1/admin/analytics/dashboard.
import type { Metadata } from "next";
import { AdminActivityFeed } from "@/components/admin-activity-feed";
import { AdminChartCard, comparisonLabel, DataAsOf, PeriodRange } from "@/components/admin-ui";
import { SimpleBarChart, TrendAreaChart } from "@/components/charts";
import { KpiCard } from "@/components/kpi-card";
import { PageHeader } from "@/components/page-header";
import { PeriodPicker } from "@/components/period-picker";
import { QueryNotice } from "@/components/query-notice";
import { deltaView } from "@/lib/analytics/deltas";
import { pageQuery, type SearchParams } from "@/lib/analytics/page-query";
import { PLATFORM_FIELDS, platformDashboard } from "@/lib/analytics/platform";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { formatBucket, formatInt, formatMoney, PERIOD_NAMES } from "@/lib/format";
import { PERIODS } from "@/lib/period";
import { platformDashboardQuery } from "@/lib/validation/admin-analytics";

export const metadata: Metadata = { title: "Platform dashboard" };

const ACTIVITY_LIMIT = 10;

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireRole(["admin"], "/admin");
  const { query: { period }, problems } = pageQuery(platformDashboardQuery, await searchParams);
  const d = await platformDashboard(prisma, { period, activityLimit: ACTIVITY_LIMIT });

  const g = d.period.granularity;
  const label = (date: string) => formatBucket(date, g, "UTC");
  const vs = comparisonLabel(period);
  const s = d.summary;
  const delta = (k: keyof typeof PLATFORM_FIELDS) => deltaView(PLATFORM_FIELDS, d, k);

  return (
    <section data-testid="admin-home" className="space-y-6">
      <PageHeader title="Platform dashboard" subtitle={<DataAsOf at={d.data_as_of} timeZone={viewer.timeZone} />}>
        <PeriodPicker value={period} options={PERIODS} />
      </PageHeader>
      <QueryNotice problems={problems} showing={PERIOD_NAMES[period]} />
      <PeriodRange timeZone={viewer.timeZone} period={period} start={d.period.start} end={d.period.end} previousStart={d.period.previous_start} previousEnd={d.period.previous_end} />

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="kpi-cards">
        <KpiCard testId="kpi-revenue" title="Revenue" value={formatMoney(s.revenue)} {...delta("revenue")} comparison={vs}
          detail={`Net of refunds ${formatMoney(s.net_revenue)}`} />
        <KpiCard testId="kpi-payouts" title="Payouts" value={formatMoney(s.payouts)} {...delta("payouts")} comparison={vs}
          detail={`Creator earnings ${formatMoney(s.creator_earnings)}`} />
        <KpiCard testId="kpi-margin" title="Platform margin (cash)" value={formatMoney(s.margin)} {...delta("margin")} comparison={vs}
          detail={<>Revenue − refunds − payouts<br /><span data-testid="kpi-accrued-margin">Accrued margin {formatMoney(s.accrued_margin)}</span> (after creator earnings)</>} />
        <KpiCard testId="kpi-active-uploaders" title="Active uploaders" value={formatInt(s.active_uploaders)} {...delta("active_uploaders")} comparison={vs}
          detail={`${formatInt(s.new_uploaders)} new`} />
        <KpiCard testId="kpi-active-creators" title="Active creators" value={formatInt(s.active_creators)} {...delta("active_creators")} comparison={vs}
          detail={`${formatInt(s.new_creators)} new`} />
        <KpiCard testId="kpi-pending-assignments" title="Pending assignments" value={formatInt(s.pending_assignments)}
          detail={<>Now · {formatInt(s.assignments_created)} created this period</>} />
      </div>

      <AdminChartCard title="Revenue & margin" subtitle="Succeeded charges, and the accrued margin: revenue − refunds − creator earnings of the work approved. Payouts go out in weekly batches, so the cash margin is on the card." testId="chart-revenue">
        <TrendAreaChart
          data={d.trends.revenue.map((p) => ({ date: label(p.date), Revenue: p.value, "Accrued margin": p.accrued_margin }))}
          index="date" categories={["Revenue", "Accrued margin"]} colors={["blue", "emerald"]} format="moneyCompact" />
      </AdminChartCard>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <AdminChartCard title="Transaction volume" subtitle="Succeeded charges and refunds" testId="chart-transactions">
          <SimpleBarChart data={d.trends.transactions.map((p) => ({ date: label(p.date), Transactions: p.count }))}
            index="date" categories={["Transactions"]} colors={["indigo"]} className="h-64" />
        </AdminChartCard>
        <AdminChartCard title="User growth" subtitle="New signups" testId="chart-users">
          <SimpleBarChart data={d.trends.users.map((p) => ({ date: label(p.date), Uploaders: p.uploaders, Creators: p.creators }))}
            index="date" categories={["Uploaders", "Creators"]} colors={["sky", "violet"]} stack className="h-64" />
        </AdminChartCard>
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <AdminChartCard title="Creator distribution by level" subtitle="Creators at each level now" testId="chart-levels">
          <SimpleBarChart data={d.creator_levels.map((l) => ({ level: `${l.level} · ${l.name}`, Creators: l.count }))}
            index="level" categories={["Creators"]} colors={["blue"]} layout="vertical" className="h-64" />
        </AdminChartCard>
        <AdminActivityFeed initial={d.recent_activity} renderedAt={d.data_as_of} limit={ACTIVITY_LIMIT} />
      </div>
    </section>
  );
}
