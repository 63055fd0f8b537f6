// Drill-down: the creators currently in one level, the same lib call as
// GET /api/v1/admin/analytics/creator-levels/[levelId]/creators.
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminChartCard } from "@/components/admin-ui";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { QueryNotice } from "@/components/query-notice";
import { TableScroll } from "@/components/table-scroll";
import { pageBeyondEnd, pageQuery, type SearchParams } from "@/lib/analytics/page-query";
import { levelCreators } from "@/lib/analytics/admin-level-creators";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { formatDate, formatInt, formatMoney } from "@/lib/format";
import { levelCreatorsParams, levelCreatorsQuery, type LevelCreatorSort } from "@/lib/validation/admin-analytics";

export const metadata: Metadata = { title: "Creators in level" };

const COLUMNS: { sort: LevelCreatorSort; label: string }[] = [
  { sort: "rating", label: "Avg rating" },
  { sort: "completed_tasks", label: "Completed tasks" },
  { sort: "earnings", label: "Earnings" },
  { sort: "days_in_level", label: "Days in level" },
];

export default async function Page({
  params, searchParams,
}: { params: Promise<{ levelId: string }>; searchParams: Promise<SearchParams> }) {
  const { levelId } = await params;
  await requireRole(["admin"], `/admin/creator-levels/${levelId}`);
  // the app shell (lib/auth/page-access.ts) already answered 404 for a bad or unknown id
  if (!levelCreatorsParams.safeParse({ levelId }).success) notFound();
  const { query: q, problems } = pageQuery(levelCreatorsQuery, await searchParams);
  let d = await levelCreators(prisma, levelId, { sort: q.sort, order: q.order, page: q.page, perPage: q.per_page });
  if (!d) notFound();
  const beyond = pageBeyondEnd(q.page, q.per_page, d.total);
  if (beyond) {
    problems.push(beyond.problem);
    d = (await levelCreators(prisma, levelId, { sort: q.sort, order: q.order, page: beyond.page, perPage: q.per_page }))!;
  }
  const shownPage = d.page;
  const showing = (p: { field: string }) =>
    p.field === "sort" ? `sorted by ${q.sort.replace(/_/g, " ")}` : p.field === "order" ? `${q.order === "desc" ? "highest" : "lowest"} first`
      : p.field === "per_page" ? `${q.per_page} creators a page` : `page ${shownPage}`;

  const base = `/admin/creator-levels/${levelId}`;
  const sortHref = (sort: LevelCreatorSort) => {
    const order = q.sort === sort && q.order === "desc" ? "asc" : "desc";
    return `${base}?${new URLSearchParams({ sort, order, per_page: String(q.per_page) })}`;
  };
  const arrow = (sort: LevelCreatorSort) => (q.sort === sort ? (q.order === "desc" ? " ↓" : " ↑") : "");

  return (
    <section data-testid="admin-level-creators" className="space-y-6">
      <PageHeader title={`${d.level.code} · ${d.level.name}`} subtitle={`${formatInt(d.total)} creators at this level now · all-time numbers`}>
        <Link href="/admin/creator-levels" className="text-tremor-default text-tremor-brand hover:underline">← All levels</Link>
      </PageHeader>
      <QueryNotice problems={problems} showing={showing} />
      <AdminChartCard title="Creators" subtitle="Click a column to sort" testId="level-creators-table">
        <TableScroll label="Creators in this level">
          <Table>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Creator</TableHeaderCell>
                {COLUMNS.map((c) => (
                  <TableHeaderCell key={c.sort} className="text-right">
                    <Link href={sortHref(c.sort)} className="hover:text-tremor-brand" data-testid={`sort-${c.sort}`}>{c.label}{arrow(c.sort)}</Link>
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {d.creators.map((c) => (
                <TableRow key={c.id} data-testid="level-creator-row">
                  <TableCell>
                    <Link href={`/creator?user_id=${c.id}`} className="font-medium text-tremor-brand-emphasis hover:underline">{c.name}</Link>
                    <div className="text-tremor-label text-tremor-content">{c.email}{c.status !== "active" ? ` · ${c.status}` : ""}</div>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{c.rating == null ? "—" : c.rating.toFixed(2)}<span className="text-tremor-label text-tremor-content"> ({formatInt(c.reviews)})</span></TableCell>
                  <TableCell className="text-right tabular-nums">{formatInt(c.completed_tasks)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatMoney(c.earnings)}</TableCell>
                  <TableCell className="text-right tabular-nums" title={c.entered_level_at ? `since ${formatDate(c.entered_level_at, "UTC")}` : undefined}>
                    {c.days_in_level == null ? "—" : c.days_in_level.toFixed(1)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
        <Pagination page={d.page} perPage={d.per_page} total={d.total} basePath={base}
          params={{ sort: q.sort, order: q.order, per_page: String(q.per_page) }} />
      </AdminChartCard>
    </section>
  );
}
