import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { ReportBuilder } from "@/components/reports/report-builder";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { catalogListing } from "@/lib/reports/catalog";

export const metadata: Metadata = { title: "Report builder" };
export const dynamic = "force-dynamic";

export default async function ReportBuilderPage() {
  const user = await requireRole(["admin"], "/admin/reports/builder");
  const catalog = await catalogListing(prisma);
  return (
    <section data-testid="report-builder">
      <PageHeader title="Report builder" subtitle={<>Pick metrics, a range, filters and up to two group-bys; the preview follows. <Link className="underline" href="/admin/reports/saved">Saved reports</Link></>} />
      <ReportBuilder catalog={catalog} defaultTimeZone={user.timeZone} />
    </section>
  );
}
