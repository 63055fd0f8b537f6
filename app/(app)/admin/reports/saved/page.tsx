import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { SavedReportsList } from "@/components/reports/saved-reports-list";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { listSavedReports } from "@/lib/reports/saved";

export const metadata: Metadata = { title: "Saved reports" };
export const dynamic = "force-dynamic";

export default async function SavedReportsPage() {
  const user = await requireRole(["admin"], "/admin/reports/saved");
  const reports = await listSavedReports(prisma);
  return (
    <section>
      <PageHeader title="Saved reports" subtitle={<>Custom and scheduled reports; times in your zone ({user.timeZone}).</>}>
        <Link href="/admin/reports/builder" className="rounded-tremor-small bg-tremor-brand px-4 py-2 text-tremor-default text-white hover:bg-tremor-brand-emphasis">New report</Link>
      </PageHeader>
      <SavedReportsList reports={reports} timeZone={user.timeZone} />
    </section>
  );
}
