import type { Metadata } from "next";
import { parsePeriod, PlaceholderDashboard } from "@/components/placeholder-dashboard";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Platform dashboard" };

export default async function Page({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  const user = await requireRole(["admin"], "/admin");
  const { period } = await searchParams;
  return <PlaceholderDashboard title="Platform dashboard" testId="admin-home" period={parsePeriod(period)} timeZone={user.timeZone} />;
}
