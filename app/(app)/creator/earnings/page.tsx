import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, Title } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { Donut, RankedBars, SimpleBarChart } from "@/components/charts";
import { CreatorEarningsRange } from "@/components/creator-earnings-range";
import { KpiCard } from "@/components/kpi-card";
import { PageHeader } from "@/components/page-header";
import { QueryNotice } from "@/components/query-notice";
import { TableScroll } from "@/components/table-scroll";
import { shiftDay } from "@/lib/analytics/creator-earnings";
import { forPage, keep, pageQuery, type QueryProblem, type SearchParams } from "@/lib/analytics/page-query";
import { bucketLabel } from "@/lib/analytics/period-info";
import { loadCreatorEarnings } from "@/lib/analytics/user-dashboards";
import { requireRole } from "@/lib/auth/session";
import type { AuthUser } from "@/lib/auth/types";
import { ApiError } from "@/lib/http/api";
import { formatDate, formatDateTime, formatInt, formatMoney, formatPercent } from "@/lib/format";
import { localDate } from "@/lib/period";
import { creatorEarningsQuery, type CreatorEarningsQuery } from "@/lib/validation/creator";
import { clockNow } from "@/lib/clock";

export const metadata: Metadata = { title: "Earnings" };

const TYPE_COLORS = ["blue", "cyan", "indigo", "violet", "fuchsia", "amber", "emerald", "rose"];
const hours = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const formatHours = (v: number | null) => (v == null ? "—" : hours.format(v));
const PAYOUT_COLOR: Record<string, string> = { completed: "text-emerald-700", failed: "text-red-700", pending: "text-amber-700", processing: "text-blue-700" };

/** Only a defaulted date can still be refused here (e.g. ?from= in the future): then say so and show the default range. */
async function loadOrDefault(viewer: AuthUser, query: CreatorEarningsQuery, problems: QueryProblem[]) {
  try {
    return { query, loaded: await forPage(() => loadCreatorEarnings(viewer, query)) };
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 400) throw err;
    const field = err.field ?? "from";
    const message = err.message.startsWith(`${field}: `) ? err.message.slice(field.length + 2) : err.message;
    problems.push({ field, value: [query.from && `from ${query.from}`, query.to && `to ${query.to}`].filter(Boolean).join(", "), message });
    const fallback = { ...query, from: undefined, to: undefined };
    return { query: fallback, loaded: await forPage(() => loadCreatorEarnings(viewer, fallback)) };
  }
}

export default async function EarningsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireRole(["creator", "admin"], "/creator/earnings");
  const { query: asked, problems } = pageQuery(creatorEarningsQuery, await searchParams, { together: [["from", "to"]] });
  const { query, loaded } = await loadOrDefault(viewer, asked, problems);
  const { subject, data: e } = loaded;
  const tz = e.range.tz;
  const g = e.range.granularity;
  // instants (payout times) in the viewer's own zone, unless ?tz= asks for another; days are the range's
  const timesTz = query.tz ?? viewer.timeZone;
  const rangeText = `${formatDate(e.range.start, tz)} – ${formatDate(`${e.range.to}T12:00:00Z`, "UTC")}`;
  const showing = (p: QueryProblem) =>
    p.field === "granularity" ? `by ${g}` : p.field === "tz" ? `days in ${tz}` : `${rangeText}${query.from ? "" : " (the last 90 days)"}`;
  const today = localDate(clockNow(), tz);
  const link = (from: string, to: string) => `/creator/earnings${keep({ from, to, user_id: query.user_id, tz: query.tz })}`;
  const presets = [
    { label: "Last 30 days", from: shiftDay(today, -29) },
    { label: "Last 90 days", from: shiftDay(today, -89) },
    { label: "This year", from: `${today.slice(0, 4)}-01-01` },
    { label: "Last 12 months", from: shiftDay(`${Number(today.slice(0, 4)) - 1}${today.slice(4)}`, 1) },
  ].map((p) => ({ label: p.label, href: link(p.from, today), active: e.range.from === p.from && e.range.to === today }));
  const s = e.summary;
  const types = e.by_output_type;

  return (
    <section data-testid="creator-earnings">
      <PageHeader
        title={subject.id === viewer.id ? "Earnings" : `${subject.name}'s earnings`}
        subtitle={`${rangeText} (days in ${tz}), by ${g}`}
      >
        <Link href={`/creator${keep({ user_id: query.user_id })}`} className="text-tremor-default text-tremor-brand hover:underline">
          ← Dashboard
        </Link>
      </PageHeader>
      <QueryNotice problems={problems} showing={showing} />
      <CreatorEarningsRange from={e.range.from} to={e.range.to} granularity={g} hidden={{ user_id: query.user_id, tz: query.tz }} presets={presets} />

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <KpiCard title="Earnings" value={formatMoney(s.earnings)} detail={`${formatInt(s.tasks)} completed tasks`} testId="kpi-range-earnings" />
        <KpiCard
          title="Estimated hours worked"
          value={s.hours_worked == null ? "—" : `${formatHours(s.hours_worked)} h`}
          detail="Claim → first submission, up to 8 h a task; time on two tasks at once counts once"
          testId="kpi-hours"
        />
        <KpiCard title="Earnings per hour" value={s.earnings_per_hour == null ? "—" : `${formatMoney(s.earnings_per_hour)}/h`} detail="Estimated" testId="kpi-per-hour" />
        <KpiCard
          title="Payouts paid"
          value={formatMoney(e.payouts.paid)}
          detail={`${formatMoney(e.payouts.in_flight)} pending or processing now`}
          testId="kpi-paid"
        />
      </div>

      <Card className="mt-4">
        <Title>Earnings by {g}</Title>
        <SimpleBarChart
          data={e.by_period.map((p) => ({ date: bucketLabel(p.date, g), Earnings: p.amount }))}
          index="date"
          categories={["Earnings"]}
          colors={["emerald"]}
          format="money"
          className="mt-4 h-64"
          testId="earnings-by-period"
        />
      </Card>

      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-5">
        <Card className="lg:col-span-2">
          <Title>Earnings by output type</Title>
          <Donut
            data={types.filter((t) => t.earnings > 0).map((t) => ({ type: t.type, earnings: t.earnings }))}
            index="type"
            category="earnings"
            colors={TYPE_COLORS}
            format="money"
            centre="earned"
            className="mt-4 h-44"
            testId="earnings-by-type"
          />
          <ul className="mt-4 space-y-1 text-tremor-default">
            {types.filter((t) => t.earnings > 0).map((t, i) => (
              <li key={t.code} className="flex items-center justify-between gap-2">
                <span className="flex items-center gap-2 text-tremor-content-emphasis">
                  <span className={`h-2.5 w-2.5 rounded-full bg-${TYPE_COLORS[i % TYPE_COLORS.length]}-500`} aria-hidden />
                  {t.type}
                </span>
                <span className="tabular-nums text-tremor-content">{formatPercent(t.percent)}</span>
              </li>
            ))}
          </ul>
        </Card>

        <Card className="p-0 lg:col-span-3">
          <Title className="px-6 pt-5">By output type</Title>
          <TableScroll label="Earnings by output type">
            <Table data-testid="types-table">
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Output type</TableHeaderCell>
                  <TableHeaderCell className="text-right">Tasks</TableHeaderCell>
                  <TableHeaderCell className="text-right">Earnings</TableHeaderCell>
                  <TableHeaderCell className="text-right">Est. hours</TableHeaderCell>
                  <TableHeaderCell className="text-right">Per hour</TableHeaderCell>
                  <TableHeaderCell className="text-right">Rating</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {types.map((t) => (
                  <TableRow key={t.code}>
                    <TableCell className="text-tremor-content-strong">{t.type}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatInt(t.tasks)}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatMoney(t.earnings)}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatHours(t.hours_worked)}</TableCell>
                    <TableCell className="text-right tabular-nums">{t.earnings_per_hour == null ? "—" : formatMoney(t.earnings_per_hour)}</TableCell>
                    <TableCell className="text-right tabular-nums">{t.avg_rating?.toFixed(2) ?? "—"}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableScroll>
          {types.length === 0 && <p className="py-8 text-center text-tremor-default text-tremor-content">No completed work in this range</p>}
          {types.length > 0 && (
            <p className="px-6 pb-4 pt-2 text-tremor-label text-tremor-content">
              Est. hours: each type&apos;s share of your hours worked; time spent on two tasks at once is split between them.
            </p>
          )}
        </Card>
      </div>

      <Card className="mt-4" data-testid="best-types">
        <Title>Best performing output types</Title>
        <div className="mt-3 grid grid-cols-1 gap-6 md:grid-cols-3">
          {(
            [
              ["By earnings", e.best_output_types.by_earnings, "money"],
              ["By earnings per hour", e.best_output_types.by_earnings_per_hour, "money"],
              ["By rating", e.best_output_types.by_rating, "rating"],
            ] as const
          ).map(([label, rows, format]) => (
            <div key={label}>
              <p className="mb-2 text-tremor-label font-medium text-tremor-content">{label}</p>
              <RankedBars data={rows.map((r) => ({ name: r.type, value: r.value }))} format={format} />
            </div>
          ))}
        </div>
      </Card>

      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card>
          <Title>Payouts paid by {g}</Title>
          <SimpleBarChart
            data={e.payouts.trend.map((p) => ({ date: bucketLabel(p.date, g), Paid: p.paid }))}
            index="date"
            categories={["Paid"]}
            colors={["blue"]}
            format="money"
            className="mt-4 h-60"
            testId="payouts-chart"
          />
        </Card>
        <Card className="p-0">
          <Title className="px-6 pt-5">Payout history</Title>
          <TableScroll label="Payout history" className="max-h-80 overflow-y-auto">
            <Table data-testid="payouts-table">
              <TableHead>
                <TableRow>
                  <TableHeaderCell className="text-right">Amount</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                  <TableHeaderCell>Requested</TableHeaderCell>
                  <TableHeaderCell className="hidden sm:table-cell">Completed</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {e.payouts.history.map((p) => (
                  <TableRow key={p.id}>
                    <TableCell className="text-right tabular-nums">{formatMoney(p.amount)}</TableCell>
                    <TableCell className={`capitalize ${PAYOUT_COLOR[p.status] ?? ""}`}>{p.status}</TableCell>
                    <TableCell className="whitespace-nowrap">
                      <span className="sm:hidden">{formatDate(p.requested_at, timesTz)}</span>
                      <span className="hidden sm:inline">{formatDateTime(p.requested_at, timesTz)}</span>
                    </TableCell>
                    <TableCell className="hidden whitespace-nowrap sm:table-cell">{p.completed_at ? formatDateTime(p.completed_at, timesTz) : "—"}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableScroll>
          {e.payouts.history.length === 0 && <p className="py-8 text-center text-tremor-default text-tremor-content">No payouts requested in this range</p>}
        </Card>
      </div>
    </section>
  );
}
