import { Card, Title } from "@tremor/react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { ExportForm } from "@/components/runs/ExportForm";
import { RunsList } from "@/components/runs/RunsList";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Exports" };

export default async function ExportsPage() {
  const user = await requireRole(["admin"], "/admin/exports");
  return (
    <section data-testid="admin-exports">
      <PageHeader title="Data exports" subtitle="Users, transactions, assignments and payouts as CSV, Excel or JSON, written in the background; the link is emailed to you when the file is ready." />
      <Card className="p-4">
        <ExportForm timeZone={user.timeZone} />
      </Card>
      <Card className="mt-6 p-0">
        <Title className="p-4">Export runs</Title>
        <RunsList kind="export" timeZone={user.timeZone} />
      </Card>
    </section>
  );
}
