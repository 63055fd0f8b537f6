import { Badge, Card, Title } from "@tremor/react";
import type { Metadata } from "next";
import { RunJobButton } from "@/components/admin-run-job-button";
import { DataAsOf } from "@/components/admin-ui";
import { PageHeader } from "@/components/page-header";
import { TableScroll } from "@/components/table-scroll";
import { QueryNotice } from "@/components/query-notice";
import { pageQuery, type SearchParams } from "@/lib/analytics/page-query";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { jobsOverview } from "@/lib/jobs/overview";
import { listJobRunsQuery } from "@/lib/validation/jobs";

export const metadata: Metadata = { title: "Jobs" };

const COLOR: Record<string, "emerald" | "red" | "blue"> = { completed: "emerald", failed: "red", running: "blue" };

export default async function JobsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireRole(["admin"], "/admin/jobs");
  const { query, problems } = pageQuery(listJobRunsQuery, await searchParams);
  const o = await jobsOverview(prisma, query);
  const routineNames = o.jobs.filter((j) => j.routine).map((j) => j.name);
  const tz = user.timeZone;
  return (
    <section data-testid="admin-jobs">
      <PageHeader title="Jobs" subtitle={<>Background jobs run by the {o.driver} driver; every run is recorded. <DataAsOf at={new Date()} timeZone={tz} /></>} />
      <QueryNotice problems={problems} showing="the default" />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        {o.jobs.map((j) => (
          <Card key={j.name} className="flex flex-col gap-2 p-4">
            <div className="flex items-start justify-between gap-2">
              <span className="font-medium text-tremor-content-strong">{j.name}</span>
              <RunJobButton name={j.name} />
            </div>
            <p className="text-tremor-default text-tremor-content">{j.description}</p>
            <p className="text-tremor-label text-tremor-content">
              {j.schedule ? <span title={`cron: ${j.cron} (UTC)`}>{j.schedule}</span> : "On demand and at start-up"} ·{" "}
              {j.last_run ? <>last run {formatDateTime(j.last_run.started_at, tz)} <Badge color={COLOR[j.last_run.status]}>{j.last_run.status}</Badge></> : "never run"}
            </p>
          </Card>
        ))}
      </div>
      <Card className="mt-6 p-0">
        <Title className="p-4">Recent runs</Title>
        <p className="-mt-3 px-4 pb-2 text-tremor-label text-tremor-content">
          Times in your zone ({tz}).{" "}
          {query.job ? null : o.routine_runs_listed ? (
            <a className="text-tremor-brand underline" href={`/admin/jobs${query.limit !== 50 ? `?limit=${query.limit}` : ""}`} data-testid="hide-routine">Hide the routine runs of {routineNames.join(", ")}</a>
          ) : (
            <>Successful scheduled runs of the every-minute jobs ({routineNames.join(", ")}) are hidden; their failures are listed.{" "}
              <a className="text-tremor-brand underline" href={`/admin/jobs?routine=true${query.limit !== 50 ? `&limit=${query.limit}` : ""}`} data-testid="show-routine">Show them</a></>
          )}
        </p>
        <TableScroll label="Recent runs">
        <table className="w-full text-left text-tremor-default" data-testid="job-runs">
          <thead className="border-b border-tremor-border text-tremor-content">
            <tr><th className="p-3">Job</th><th className="p-3">Started</th><th className="p-3">Duration</th><th className="p-3">Trigger</th><th className="p-3">Status</th><th className="p-3">Error</th></tr>
          </thead>
          <tbody>
            {o.runs.length === 0 && <tr><td colSpan={6} className="p-3 text-tremor-content">No runs yet.</td></tr>}
            {o.runs.map((r) => (
              <tr key={r.id} className="border-b border-tremor-border last:border-0">
                <td className="whitespace-nowrap p-3">{r.job}</td>
                <td className="p-3 whitespace-nowrap">{formatDateTime(r.started_at, tz)}</td>
                <td className="p-3">{r.duration_ms == null ? "—" : `${(r.duration_ms / 1000).toFixed(2)} s`}</td>
                <td className="whitespace-nowrap p-3">{r.trigger} · {r.driver}</td>
                <td className="p-3"><Badge color={COLOR[r.status]}>{r.status}</Badge></td>
                <td className="max-w-md truncate p-3 text-red-700" title={r.error ?? ""}>{r.error?.split("\n")[0] ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      </Card>
      <Card className="mt-6 p-0">
        <Title className="p-4">Rollup drift found by reconciliation</Title>
        <TableScroll label="Rollup drift">
        <table className="w-full text-left text-tremor-default" data-testid="metric-drift">
          <thead className="border-b border-tremor-border text-tremor-content">
            <tr><th className="p-3">Day</th><th className="p-3">Column</th><th className="p-3">Stored</th><th className="p-3">Recomputed</th><th className="p-3">Found</th></tr>
          </thead>
          <tbody>
            {o.drift.length === 0 && <tr><td colSpan={5} className="p-3 text-tremor-content">No drift: daily_metrics matches the base tables.</td></tr>}
            {o.drift.map((d, i) => (
              <tr key={i} className="border-b border-tremor-border last:border-0">
                <td className="p-3">{d.date}</td><td className="p-3">{d.column}</td><td className="p-3">{d.stored ?? "—"}</td><td className="p-3">{d.recomputed ?? "—"}</td><td className="p-3">{formatDateTime(d.detected_at, tz)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      </Card>
    </section>
  );
}
