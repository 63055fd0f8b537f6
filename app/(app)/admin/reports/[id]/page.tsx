import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PageHeader } from "@/components/page-header";
import { ReportBuilder } from "@/components/reports/report-builder";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { ApiError } from "@/lib/http/api";
import { catalogListing } from "@/lib/reports/catalog";
import { getSavedReport } from "@/lib/reports/saved";

export const metadata: Metadata = { title: "Saved report" };
export const dynamic = "force-dynamic";

export default async function SavedReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireRole(["admin"], `/admin/reports/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const report = await getSavedReport(prisma, id).catch((err) => {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  });
  const catalog = await catalogListing(prisma);
  return (
    <section data-testid="report-edit">
      <PageHeader title={report.name} subtitle={<>Edit the saved report; the preview follows. <Link className="underline" href="/admin/reports/saved">All saved reports</Link></>} />
      {report.report_type === "custom" ? (
        <ReportBuilder key={report.id} catalog={catalog} report={report} defaultTimeZone={user.timeZone} />
      ) : (
        <p className="text-tremor-content">A financial report ({report.report_type}); its schedule is edited through the API.</p>
      )}
    </section>
  );
}
