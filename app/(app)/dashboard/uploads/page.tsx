import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { QueryNotice } from "@/components/query-notice";
import { TableScroll } from "@/components/table-scroll";
import { UPLOAD_STATUS_LABELS, UploaderStatusBadge } from "@/components/uploader-status-badge";
import { forPage, keep, pageBeyondEnd, pageQuery, type SearchParams } from "@/lib/analytics/page-query";
import { loadUploaderUploads } from "@/lib/analytics/user-dashboards";
import { requireRole } from "@/lib/auth/session";
import { formatDateTime, formatInt, formatMoney } from "@/lib/format";
import { UPLOAD_STATUS_FILTERS, uploaderUploadsQuery } from "@/lib/validation/uploader";

export const metadata: Metadata = { title: "Your uploads" };

export default async function UploadsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireRole(["uploader", "admin"], "/dashboard/uploads");
  const { query, problems } = pageQuery(uploaderUploadsQuery, await searchParams);
  let { subject, data } = await forPage(() => loadUploaderUploads(viewer, query));
  // a page past the end: say so and show the last page
  const beyond = pageBeyondEnd(query.page, data.per_page, data.total);
  if (beyond) {
    problems.push(beyond.problem);
    ({ subject, data } = await forPage(() => loadUploaderUploads(viewer, { ...query, page: beyond.page })));
  }
  // instants in the viewer's own zone (lib/format.ts), unless ?tz= asks for another
  const tz = query.tz ?? viewer.timeZone;
  const showing = (p: { field: string }) =>
    p.field === "status" ? "all statuses" : p.field === "tz" ? `times in ${tz}` : `page ${data.page}`;
  const filters = [undefined, ...UPLOAD_STATUS_FILTERS];

  return (
    <section data-testid="uploads-page">
      <PageHeader
        title={subject.id === viewer.id ? "Your uploads" : `${subject.name}'s uploads`}
        subtitle={`Newest first · times in ${tz}`}
      >
        <Link href={`/dashboard${keep({ user_id: query.user_id })}`} className="text-tremor-default text-tremor-brand hover:underline">
          ← Dashboard
        </Link>
      </PageHeader>

      <QueryNotice problems={problems} showing={showing} />
      <nav aria-label="Filter by status" className="mb-4 flex flex-wrap gap-2" data-testid="status-filter">
        {filters.map((s) => {
          const active = s === query.status;
          return (
            <Link
              key={s ?? "all"}
              href={`/dashboard/uploads${keep({ status: s, user_id: query.user_id, tz: query.tz })}`}
              aria-current={active ? "page" : undefined}
              className={`rounded-tremor-full border px-3 py-1 text-tremor-default ${
                active ? "border-tremor-brand bg-tremor-brand-faint text-tremor-brand-emphasis" : "border-tremor-border text-tremor-content hover:bg-tremor-background-subtle"
              }`}
            >
              {s ? UPLOAD_STATUS_LABELS[s] : "All"}
            </Link>
          );
        })}
      </nav>

      <Card className="p-0">
        <TableScroll label="Uploads">
          <Table data-testid="uploads-table">
            <TableHead>
              <TableRow>
                <TableHeaderCell>Title</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell className="hidden sm:table-cell">Created</TableHeaderCell>
                <TableHeaderCell className="hidden md:table-cell">Completed</TableHeaderCell>
                <TableHeaderCell className="hidden text-right sm:table-cell">Outputs delivered</TableHeaderCell>
                <TableHeaderCell className="text-right">Spent</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.uploads.map((u) => (
                <TableRow key={u.id} data-testid="upload-row">
                  <TableCell className="min-w-[10rem] max-w-[24rem] whitespace-normal">
                    <span className="block break-words text-tremor-content-strong">{u.title}</span>
                    <span className="block text-tremor-label sm:hidden">{formatDateTime(u.created_at, tz)}</span>
                  </TableCell>
                  <TableCell>
                    <UploaderStatusBadge status={u.status} />
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap sm:table-cell">{formatDateTime(u.created_at, tz)}</TableCell>
                  <TableCell className="hidden whitespace-nowrap md:table-cell">{u.completed_at ? formatDateTime(u.completed_at, tz) : "—"}</TableCell>
                  <TableCell className="hidden text-right tabular-nums sm:table-cell">
                    {formatInt(u.outputs_delivered)} / {formatInt(u.outputs)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{formatMoney(u.spent)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
        {data.uploads.length === 0 && <p className="py-10 text-center text-tremor-default text-tremor-content">No uploads match this filter</p>}
      </Card>
      <Pagination
        page={data.page}
        perPage={data.per_page}
        total={data.total}
        basePath="/dashboard/uploads"
        params={{ status: query.status, user_id: query.user_id, tz: query.tz }}
      />
    </section>
  );
}
