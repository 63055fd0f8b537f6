import { Card } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { OutboxEmailView, OutboxStatus } from "@/components/outbox-email";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { QueryNotice } from "@/components/query-notice";
import { SendTestEmailButton } from "@/components/send-test-email-button";
import { TableScroll } from "@/components/table-scroll";
import { keep, pageBeyondEnd, pageQuery, type SearchParams } from "@/lib/analytics/page-query";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { getOutboxEmail, listOutbox } from "@/lib/mail/outbox";
import { outboxPageQuery } from "@/lib/validation/outbox";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireRole(["admin"], "/admin/outbox");
  const tz = user.timeZone;
  const { query, problems } = pageQuery(outboxPageQuery, await searchParams);
  let list = await listOutbox(prisma, query);
  const beyond = pageBeyondEnd(query.page, query.per_page, list.total);
  if (beyond) {
    problems.push(beyond.problem);
    list = await listOutbox(prisma, { ...query, page: beyond.page });
  }
  const open = query.id ? await getOutboxEmail(prisma, query.id) : null;
  if (query.id && !open) problems.push({ field: "id", value: query.id, message: "is not an email in the outbox" });
  const showing = (p: { field: string }) => (p.field === "id" ? "the list" : p.field === "per_page" ? "25 per page" : `page ${list.page}`);
  const href = (id?: string) => `/admin/outbox${keep({ page: list.page > 1 ? list.page : undefined, per_page: query.per_page !== 25 ? query.per_page : undefined, id })}`;

  return (
    <section data-testid="admin-outbox">
      <PageHeader
        title="Outbox"
        subtitle={list.provider === "resend"
          ? `Every email sent through Resend, one row per recipient, with its delivery status. Newest first; times in ${tz}.`
          : `Every email the app would send. RESEND_API_KEY is not set, so they are kept here, not delivered. Newest first; times in ${tz}.`}
      >
        <SendTestEmailButton />
      </PageHeader>
      <QueryNotice problems={problems} showing={showing} />

      {open && (
        <Card className="mb-6 p-4 sm:p-6">
          <Link href={href()} className="mb-3 inline-block text-tremor-default text-tremor-brand hover:underline">← Close</Link>
          <OutboxEmailView email={open} timeZone={tz} />
        </Card>
      )}

      <Card className="p-0">
        <TableScroll label="Emails">
          <table className="w-full text-left text-tremor-default" data-testid="outbox-table">
            <thead className="border-b border-tremor-border text-tremor-content">
              <tr>
                <th className="p-3">Subject</th>
                <th className="p-3">To</th>
                <th className="p-3">Status</th>
                <th className="p-3">Created</th>
                <th className="p-3">Error</th>
              </tr>
            </thead>
            <tbody>
              {list.emails.length === 0 && <tr><td colSpan={5} className="p-3 text-tremor-content">No emails yet.</td></tr>}
              {list.emails.map((e) => (
                <tr key={e.id} data-testid="outbox-row" aria-current={e.id === open?.id ? "true" : undefined}
                  className={`border-b border-tremor-border last:border-0 ${e.id === open?.id ? "bg-tremor-brand-faint" : ""}`}>
                  <td className="min-w-[12rem] max-w-[24rem] p-3">
                    <Link href={href(e.id)} className="break-words text-tremor-brand hover:underline">{e.subject}</Link>
                  </td>
                  <td className="max-w-[16rem] break-all p-3">{e.to}</td>
                  <td className="p-3"><OutboxStatus status={e.status} /></td>
                  <td className="whitespace-nowrap p-3">{formatDateTime(e.created_at, tz)}</td>
                  <td className="max-w-[20rem] truncate p-3 text-red-700" title={e.error ?? ""}>{e.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Card>
      <Pagination page={list.page} perPage={list.per_page} total={list.total} basePath="/admin/outbox"
        params={{ per_page: query.per_page !== 25 ? String(query.per_page) : undefined }} />
    </section>
  );
}
