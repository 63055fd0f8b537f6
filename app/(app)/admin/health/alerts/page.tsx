// Alert rules (US-7.11): the same lib functions as /api/v1/admin/alerts.
import type { Metadata } from "next";
import Link from "next/link";
import { AlertRulesManager } from "@/components/alert-rules-manager";
import { PageHeader } from "@/components/page-header";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { rulesWithHistory } from "@/lib/health/alerts/rules";
import { SERVICES } from "@/lib/health/external";
import { QUEUES } from "@/lib/health/queues";
import { ALERT_METRICS } from "@/lib/validation/health";

export const metadata: Metadata = { title: "Alert rules" };

export default async function AlertsPage() {
  const viewer = await requireRole(["admin"], "/admin/health/alerts");
  const rules = await rulesWithHistory(prisma);
  return (
    <section data-testid="admin-alerts" className="space-y-6">
      <PageHeader title="Alert rules" subtitle={<>Every rule is evaluated each minute; firing and resolved notifications go once per transition by email and webhook. <Link className="underline" href="/admin/health">System health</Link></>} />
      <AlertRulesManager rules={rules} metrics={[...ALERT_METRICS]} queues={QUEUES.map((q) => q.name)} services={SERVICES.map((s) => s.name)} timeZone={viewer.timeZone} />
    </section>
  );
}
