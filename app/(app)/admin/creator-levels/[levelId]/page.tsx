// Drill-down: the creators currently in one level, the same lib call as
// GET /api/v1/admin/analytics/creator-levels/[levelId]/creators.
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminChartCard } from "@/components/admin-ui";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { levelCreators } from "@/lib/analytics/admin-level-creators";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { formatDate, formatInt, formatMoney } from "@/lib/format";
import { levelCreatorsParams, levelCreatorsQuery, parseOrDefault, type LevelCreatorSort } from "@/lib/validation/admin-analytics";

export const metadata: Metadata = { title: "Creators in level" };

const COLUMNS: { sort: LevelCreatorSort; label: string }[] = [
  { sort: "rating", label: "Avg rating" },
  { sort: "completed_tasks", label: "Completed tasks" },
  { sort: "earnings", label: "Earnings" },
  { sort: "days_in_level", label: "Days in level" },
];

export default async function Page({
  params, searchParams,
}: { params: Promise<{ levelId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { levelId } = await params;
  await requireRole(["admin"], `/admin/creator-levels/${levelId}`);
  if (!levelCreatorsParams.safeParse({ levelId }).success) notFound();
  const q = parseOrDefault(levelCreatorsQuery, await searchParams);
  const d = await levelCreators(prisma, levelId, { sort: q.sort, order: q.order, page: q.page, perPage: q.per_page });
  if (!d) notFound();

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
      <AdminChartCard title="Creators" subtitle="Click a column to sort" testId="level-creators-table">
        <div className="overflow-x-auto">
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
                    <div className="font-medium text-tremor-content-strong">{c.name}</div>
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
        </div>
        <Pagination page={d.page} perPage={d.per_page} total={d.total} basePath={base}
          params={{ sort: q.sort, order: q.order, per_page: String(q.per_page) }} />
      </AdminChartCard>
    </section>
  );
}
