// Financial reports (US-7.8): choose a report, preview its first rows and
// totals (POST /api/v1/admin/reports/financial/preview, the same plan the file
// is streamed from), generate the file in the background, and follow the runs.
// The query string is read with the request's schema (page-query.ts): a
// refused field is named, and its default shown instead.
import { Card, Title } from "@tremor/react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { QueryNotice } from "@/components/query-notice";
import { FinancialReportForm } from "@/components/reports/financial-report-form";
import { RunsList } from "@/components/runs/RunsList";
import { pageQuery, type SearchParams } from "@/lib/analytics/page-query";
import { requireRole } from "@/lib/auth/session";
import { financialReportPageQuery, lastMonthRange } from "@/lib/validation/reports";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireRole(["admin"], "/admin/reports");
  const { query, problems } = pageQuery(financialReportPageQuery, await searchParams, { together: [["start_date", "end_date"]] });
  const last = lastMonthRange();
  const showing = (p: { field: string }) =>
    p.field === "start_date" || p.field === "end_date" ? `last month (${last.start_date} to ${last.end_date})`
      : p.field === "timezone" ? "UTC" : "the default";
  return (
    <section data-testid="admin-reports" className="space-y-6">
      <PageHeader title="Financial reports" subtitle="Revenue, payouts, transactions, refunds, outstanding balances and 1099-NEC, as CSV, Excel or JSON." />
      <QueryNotice problems={problems} showing={showing} />
      <FinancialReportForm initial={query} />
      <Card className="p-4">
        <Title>Report runs</Title>
        <div className="mt-3">
          <RunsList kind="report" />
        </div>
      </Card>
    </section>
  );
}
