// Fraud metrics (US-7.7): the same lib call as GET /api/v1/admin/analytics/fraud.
import { Badge, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import type { Metadata } from "next";
import { AdminChartCard, comparisonLabel, DataAsOf, PeriodRange } from "@/components/admin-ui";
import { RankedBars, TrendAreaChart } from "@/components/charts";
import { KpiCard } from "@/components/kpi-card";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { PeriodPicker } from "@/components/period-picker";
import { QueryNotice } from "@/components/query-notice";
import { TableScroll } from "@/components/table-scroll";
import { deltaView } from "@/lib/analytics/deltas";
import { FRAUD_FIELDS, fraudDashboard } from "@/lib/analytics/fraud";
import { pageBeyondEnd, pageQuery, type SearchParams } from "@/lib/analytics/page-query";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { formatBucket, formatDateTime, formatInt, formatPercent, PERIOD_NAMES } from "@/lib/format";
import { PERIODS } from "@/lib/period";
import { fraudQuery } from "@/lib/validation/admin-analytics";

export const metadata: Metadata = { title: "Fraud" };

const typeLabel = (t: string) => t.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireRole(["admin"], "/admin/fraud");
  const { query: q, problems } = pageQuery(fraudQuery, await searchParams);
  let d = await fraudDashboard(prisma, { period: q.period, page: q.page, perPage: q.per_page });
  // a page past the end of the pending list: say so and show the last page
  const beyond = pageBeyondEnd(q.page, q.per_page, d.pending.total);
  if (beyond) {
    problems.push(beyond.problem);
    d = await fraudDashboard(prisma, { period: q.period, page: beyond.page, perPage: q.per_page });
  }
  const tz = viewer.timeZone;
  const showing = (p: { field: string }) =>
    p.field === "period" ? PERIOD_NAMES[q.period] : p.field === "per_page" ? `${q.per_page} flags a page` : `page ${d.pending.page}`;
  const s = d.summary;
  const c = d.rate_counts;
  const vs = comparisonLabel(q.period);
  const delta = (k: keyof typeof FRAUD_FIELDS) => deltaView(FRAUD_FIELDS, d, k);
  const label = (date: string) => formatBucket(date, d.period.granularity, "UTC");

  return (
    <section data-testid="admin-fraud" className="space-y-6">
      <PageHeader title="Fraud" subtitle={<DataAsOf at={d.data_as_of} timeZone={tz} />}>
        <PeriodPicker value={q.period} options={PERIODS} />
      </PageHeader>
      <QueryNotice problems={problems} showing={showing} />
      <PeriodRange timeZone={tz} period={q.period} start={d.period.start} end={d.period.end} previousStart={d.period.previous_start} previousEnd={d.period.previous_end} />

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <KpiCard testId="kpi-pending-flags" title="Pending flags" value={formatInt(s.pending_flags)} detail="Now, waiting for an admin" />
        <KpiCard testId="kpi-resolved" title="Flags resolved" value={formatInt(s.resolved_this_period)} {...delta("resolved_this_period")} comparison={vs} />
        <KpiCard testId="kpi-suspended" title="Accounts suspended" value={formatInt(s.accounts_suspended)} {...delta("accounts_suspended")}
          comparison={vs} />
        <KpiCard testId="kpi-blocked" title="Duplicate signups blocked" value={formatInt(s.duplicate_accounts_blocked)}
          {...delta("duplicate_accounts_blocked")} comparison={vs} />
        <KpiCard testId="kpi-false-positive" title="Auto-flag false positives" value={formatPercent(s.false_positive_rate)}
          {...delta("false_positive_rate")} comparison={vs}
          detail={`${formatInt(c.auto_false_positive)} of ${formatInt(c.auto_resolved)} automatic flags resolved`} />
        <KpiCard testId="kpi-prevention" title="Fraud prevention rate" value={formatPercent(s.fraud_prevention_rate)}
          {...delta("fraud_prevention_rate")} comparison={vs}
          detail={`${formatInt(c.confirmed_before_money_out)} of ${formatInt(c.confirmed)} confirmed before money left`} />
        <KpiCard testId="kpi-duplicate-detection" title="Duplicate detection rate" value={formatPercent(s.duplicate_account_detection_rate)}
          {...delta("duplicate_account_detection_rate")} comparison={vs}
          detail={`${formatInt(c.blocked_at_signup)} blocked at signup, ${formatInt(c.duplicates_confirmed_later)} confirmed later`} />
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <AdminChartCard title="Suspicious activity" subtitle="Flags created vs resolved" testId="chart-fraud-trend" className="lg:col-span-2">
          <TrendAreaChart data={d.trend.map((t) => ({ date: label(t.date), Created: t.flags_created, Resolved: t.flags_resolved }))}
            index="date" categories={["Created", "Resolved"]} colors={["rose", "emerald"]} className="h-64" />
        </AdminChartCard>
        <AdminChartCard title="Flag types" subtitle="Flags created this period" testId="chart-flag-types">
          <RankedBars data={d.flag_types.map((t) => ({ name: typeLabel(t.type), value: t.count }))} />
        </AdminChartCard>
      </div>

      <AdminChartCard title="Pending flags" subtitle="Newest first" testId="pending-flags">
        <TableScroll label="Pending flags">
          <Table>
            <TableHead>
              <TableRow>
                <TableHeaderCell className="hidden sm:table-cell">Raised</TableHeaderCell>
                <TableHeaderCell>Account</TableHeaderCell>
                <TableHeaderCell className="hidden sm:table-cell">Type</TableHeaderCell>
                <TableHeaderCell className="hidden sm:table-cell">Source</TableHeaderCell>
                <TableHeaderCell className="hidden md:table-cell">Details</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {d.pending.flags.map((f) => (
                <TableRow key={f.id} data-testid="pending-flag-row">
                  <TableCell className="hidden whitespace-nowrap sm:table-cell">{formatDateTime(f.created_at, tz)}</TableCell>
                  <TableCell>
                    <div className="font-medium text-tremor-content-strong">{f.user_name}</div>
                    <div className="text-tremor-label text-tremor-content">{f.user_email} · {f.user_role}</div>
                    {/* on a phone the type, source and details stack under the account instead of adding columns */}
                    <div className="text-tremor-label text-tremor-content-emphasis sm:hidden">{typeLabel(f.flag_type)} · {f.source} · {formatDateTime(f.created_at, tz)}</div>
                    <div className="max-w-[16rem] whitespace-normal text-tremor-label text-tremor-content md:hidden">{f.details}</div>
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">{typeLabel(f.flag_type)}</TableCell>
                  <TableCell className="hidden sm:table-cell"><Badge color={f.source === "auto" ? "blue" : "gray"}>{f.source}</Badge></TableCell>
                  <TableCell className="hidden max-w-xs whitespace-normal text-tremor-content md:table-cell">{f.details ?? "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
        {d.pending.total === 0 && <p className="py-4 text-tremor-default text-tremor-content">No pending flags.</p>}
        <Pagination page={d.pending.page} perPage={d.pending.per_page} total={d.pending.total} basePath="/admin/fraud"
          params={{ period: q.period, per_page: String(q.per_page) }} />
      </AdminChartCard>
    </section>
  );
}
