// System health (US-7.11): the same lib call as GET /api/v1/admin/analytics/health.
import { Badge, Card } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { AdminChartCard } from "@/components/admin-ui";
import { SimpleBarChart, TrendLineChart } from "@/components/charts";
import { HealthLive } from "@/components/health-live";
import { HealthRoutesTable } from "@/components/health-routes-table";
import { KpiCard } from "@/components/kpi-card";
import { PageHeader } from "@/components/page-header";
import { QueryNotice } from "@/components/query-notice";
import { TableScroll } from "@/components/table-scroll";
import { pageQuery, type SearchParams } from "@/lib/analytics/page-query";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { formatBucket, formatDateTime, formatInt, formatPercent } from "@/lib/format";
import { formatAge, formatBytes, formatMs } from "@/lib/health/format";
import { ERROR_BOUND_TEXT } from "@/lib/health/histogram";
import { healthOverview } from "@/lib/health/overview";
import { WINDOWS } from "@/lib/health/windows";
import { healthQuery } from "@/lib/validation/health";

export const metadata: Metadata = { title: "System health" };

const STATUS_COLOR = { up: "emerald", down: "red", unknown: "gray", not_configured: "gray" } as const;
const STATUS_TEXT = { up: "Up", down: "Down", unknown: "Not probed yet", not_configured: "Not configured" } as const;

export default async function HealthPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireRole(["admin"], "/admin/health");
  const { query: q, problems } = pageQuery(healthQuery, await searchParams);
  const d = await healthOverview(prisma, q);
  const tz = viewer.timeZone;
  const t = d.api.totals;
  // points: minutes (1 h), hours (24 h), 6 hours (7 days), in the viewer's zone
  const pointLabel = (iso: string) => (q.window === "7d" ? `${formatBucket(iso, "day", tz)} ${formatBucket(iso, "hour", tz)}` : formatBucket(iso, "hour", tz));
  const samples = (n: number) => `${formatInt(n)} requests, ${ERROR_BOUND_TEXT}`;

  return (
    <section data-testid="admin-health" className="space-y-6">
      <PageHeader title="System health" subtitle={<>Requests, database, queues, storage and services, {WINDOWS[q.window].label} ({formatDateTime(d.from, tz)} – {formatDateTime(d.to, tz)}). <Link className="underline" href="/admin/health/alerts">Alert rules</Link></>}>
        <nav aria-label="Window" className="flex gap-1">
          {(["1h", "24h", "7d"] as const).map((w) => (
            <Link key={w} href={`/admin/health?window=${w}`} aria-current={w === q.window ? "page" : undefined}
              className={`rounded-tremor-small border px-3 py-1.5 text-tremor-default ${w === q.window ? "border-blue-600 bg-blue-50 text-blue-800" : "border-tremor-border"}`}>{w}</Link>
          ))}
        </nav>
        <HealthLive generatedAt={d.generated_at} />
      </PageHeader>
      <QueryNotice problems={problems} showing={(p) => (p.field === "window" ? "the last hour" : "all routes")} />

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <KpiCard testId="kpi-requests" title="Requests" value={formatInt(t.requests)} detail={WINDOWS[q.window].label} />
        <KpiCard testId="kpi-p95" title="p95 (all routes)" value={formatMs(t.p95_ms)} detail={`p50 ${formatMs(t.p50_ms)} · p99 ${formatMs(t.p99_ms)} · ${samples(t.samples)}`} />
        <KpiCard testId="kpi-5xx" title="5xx rate" value={formatPercent(t.rate_5xx)} detail={`${formatInt(t.errors_5xx)} server errors`} />
        <KpiCard testId="kpi-4xx" title="4xx rate" value={formatPercent(t.rate_4xx)} detail={`${formatInt(t.errors_4xx)} refused requests`} />
      </div>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <AdminChartCard title="Slowest routes (p95)" testId="health-slowest">
          {d.api.slowest.length === 0 ? <p className="text-tremor-content">No requests yet.</p> : (
            <ol className="space-y-1 text-tremor-default">
              {d.api.slowest.map((r) => <li key={`${r.method} ${r.route}`}><span className="font-mono text-tremor-label">{r.method} {r.route}</span> — {formatMs(r.p95_ms)} <span className="text-tremor-content">({samples(r.samples)})</span></li>)}
            </ol>
          )}
        </AdminChartCard>
        <AdminChartCard title="Most failing routes (5xx)" testId="health-failing">
          {d.api.most_failing.length === 0 ? <p className="text-tremor-content">No server errors in this window.</p> : (
            <ol className="space-y-1 text-tremor-default">
              {d.api.most_failing.map((r) => <li key={`${r.method} ${r.route}`}><span className="font-mono text-tremor-label">{r.method} {r.route}</span> — {formatPercent(r.rate_5xx)} ({formatInt(r.errors_5xx)} of {formatInt(r.requests)})</li>)}
            </ol>
          )}
        </AdminChartCard>
      </div>

      <AdminChartCard title="API and pages by route" subtitle={<>Server-side durations per route template. {d.latency_note.text}; each figure is over the requests counted beside it.</>}>
        {/* each route's series reduced to its p95 values: the sparkline needs nothing else, and the full series of every route was most of the page's payload */}
        <HealthRoutesTable routes={d.api.routes.map(({ series, ...r }) => ({ ...r, spark: series.map((p) => p.p95_ms ?? 0) }))} window={q.window} errorBound={ERROR_BOUND_TEXT} />
      </AdminChartCard>

      {d.route_detail && (
        <AdminChartCard title={`${d.route_detail.method} ${d.route_detail.route}`} testId="route-detail" className="scroll-mt-4"
          subtitle={<>{formatInt(d.route_detail.requests)} requests · p50 {formatMs(d.route_detail.p50_ms)} · p95 {formatMs(d.route_detail.p95_ms)} · p99 {formatMs(d.route_detail.p99_ms)} ({ERROR_BOUND_TEXT}) · max {formatMs(d.route_detail.max_ms)} · {Object.entries(d.route_detail.status_classes).map(([k, v]) => `${k}: ${formatInt(v)}`).join(", ")}</>}>
          <div id="route-detail" className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            <div>
              <h3 className="text-tremor-default font-medium">Latency histogram</h3>
              <SimpleBarChart testId="route-histogram" data={d.route_detail.histogram.map((b) => ({ bucket: `${formatMs(b.from_ms)}–${b.to_ms == null ? "∞" : formatMs(b.to_ms)}`, requests: b.count }))} index="bucket" categories={["requests"]} />
            </div>
            <div>
              <h3 className="text-tremor-default font-medium">Trend</h3>
              <TrendLineChart testId="route-trend" data={d.route_detail.series.map((p) => ({ t: pointLabel(p.t), p50: p.p50_ms, p95: p.p95_ms, p99: p.p99_ms }))} index="t" categories={["p50", "p95", "p99"]} format="ms" />
            </div>
          </div>
        </AdminChartCard>
      )}

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <AdminChartCard title="Database" testId="health-database" subtitle={`Transactions/s: ${d.database.transactions_note}.`}>
          <dl className="grid grid-cols-2 gap-2 text-tremor-default">
            <dt>Connections in use</dt><dd data-testid="db-connections">{d.database.connections.in_use} of {d.database.connections.max} ({d.database.connections.this_database} to this database)</dd>
            <dt>Cache hit ratio</dt><dd>{formatPercent(d.database.cache_hit_ratio)}</dd>
            <dt>Transactions/s</dt><dd>{d.database.transactions_per_second ?? "—"}</dd>
            <dt>Database size</dt><dd>{formatBytes(d.database.size_bytes)}</dd>
          </dl>
          <h3 className="mt-4 text-tremor-default font-medium">Largest tables</h3>
          <ul className="text-tremor-default">{d.database.largest_tables.map((x) => <li key={x.name}>{x.name}: {formatBytes(x.bytes)}</li>)}</ul>
          <h3 className="mt-4 text-tremor-default font-medium">Running now (longest first)</h3>
          {d.database.running.length === 0 ? <p className="text-tremor-content">No other query running.</p> : (
            <ul className="text-tremor-label">{d.database.running.map((r) => <li key={r.pid} className="truncate" title={r.query}>{r.seconds} s · {r.state} · <code>{r.query}</code></li>)}</ul>
          )}
          <h3 className="mt-4 text-tremor-default font-medium">Slowest statements (pg_stat_statements, mean time)</h3>
          {!d.database.statements.available ? <p className="text-tremor-content" data-testid="pgss-unavailable">{d.database.statements.reason}</p> : (
            <TableScroll label="Slowest statements">
              <table className="w-full text-left text-tremor-label" data-testid="pgss">
                <thead><tr><th className="p-1">Mean</th><th className="p-1">Calls</th><th className="p-1">Statement</th></tr></thead>
                <tbody>{d.database.statements.slowest.map((s, i) => <tr key={i}><td className="p-1 whitespace-nowrap">{formatMs(s.mean_ms)}</td><td className="p-1">{formatInt(s.calls)}</td><td className="max-w-md truncate p-1" title={s.query}><code>{s.query}</code></td></tr>)}</tbody>
              </table>
            </TableScroll>
          )}
        </AdminChartCard>

        <AdminChartCard title="Queues" testId="health-queues" subtitle={`Now, and finished / failed in the ${WINDOWS[q.window].label}.`}>
          <TableScroll label="Queues">
            <table className="w-full text-left text-tremor-default">
              <thead className="border-b border-tremor-border text-tremor-content"><tr><th className="p-2">Queue</th><th className="p-2">Pending</th><th className="p-2">Processing</th><th className="p-2">Oldest waiting</th><th className="p-2">Finished/min</th><th className="p-2">Failed</th></tr></thead>
              <tbody>
                {d.queues.map((x) => (
                  <tr key={x.name} data-queue={x.name} className="border-b border-tremor-border last:border-0">
                    <td className="p-2" title={x.note ?? undefined}>{x.label}</td>
                    {x.available ? (<>
                      <td className="p-2">{formatInt(x.pending)}</td><td className="p-2">{formatInt(x.processing)}</td><td className="p-2">{formatAge(x.oldest_wait_s)}</td>
                      <td className="p-2">{x.finished_per_minute}</td><td className={`p-2 ${x.failed ? "text-red-700" : ""}`}>{formatInt(x.failed)}</td>
                    </>) : <td colSpan={5} className="p-2 text-tremor-content">Not available yet</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </AdminChartCard>

        <AdminChartCard title="Storage" testId="health-storage">
          <dl className="grid grid-cols-2 gap-2 text-tremor-default">
            <dt>Report and export files ({d.storage.files.store})</dt>
            <dd>{d.storage.files.available ? `${formatBytes(d.storage.files.bytes)} in ${formatInt(d.storage.files.count)} files${d.storage.files.oldest ? `, oldest ${formatDateTime(d.storage.files.oldest, tz)}` : ""}` : `unreadable: ${d.storage.files.error}`}</dd>
            <dt>Database</dt><dd>{formatBytes(d.storage.database_bytes)}</dd>
            <dt>Events (all partitions)</dt><dd>{formatBytes(d.storage.events.bytes)}</dd>
          </dl>
          <details className="mt-2 text-tremor-default"><summary>Event partitions ({d.storage.events.partitions.length})</summary>
            <ul className="text-tremor-label">{d.storage.events.partitions.map((p) => <li key={p.name}>{p.name}: {formatBytes(p.bytes)}</li>)}</ul>
          </details>
        </AdminChartCard>

        <AdminChartCard title="External services" testId="health-external" subtitle="Probed every minute at each service's configured health URL.">
          <ul className="space-y-2 text-tremor-default">
            {d.external.map((s) => (
              <li key={s.name} data-service={s.name} className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{s.label}</span>
                <Badge color={STATUS_COLOR[s.status]}>{STATUS_TEXT[s.status]}</Badge>
                {s.configured && <span className="text-tremor-label text-tremor-content">
                  {s.latency_ms != null ? `${s.latency_ms} ms · ` : ""}last success {s.last_success_at ? formatDateTime(s.last_success_at, tz) : "never"}
                  {s.last_error ? ` · last error ${formatDateTime(s.last_error_at!, tz)}: ${s.last_error}` : ""}
                </span>}
              </li>
            ))}
          </ul>
        </AdminChartCard>

        <Card className="p-4 sm:p-6 lg:col-span-2" data-testid="health-rollups">
          <h2 className="text-tremor-title font-semibold text-tremor-content-strong">Rollups</h2>
          <p className="text-tremor-default">
            daily_metrics through {d.rollups.daily_metrics_through ?? "—"}{d.rollups.days_behind ? ` (${d.rollups.days_behind} days behind)` : " (up to date)"} ·
            last aggregation {d.rollups.last_aggregate_at ? `${formatDateTime(d.rollups.last_aggregate_at, tz)} (${d.rollups.last_aggregate_status})` : "never"} ·
            last reconciliation {d.rollups.last_reconcile_at ? formatDateTime(d.rollups.last_reconcile_at, tz) : "never"}, drift {d.rollups.drift_last_reconcile ?? "—"} values
            ({d.rollups.drift_last_7_days} in 7 days; see <Link className="underline" href="/admin/jobs">Jobs</Link>)
          </p>
        </Card>
      </div>
    </section>
  );
}
