import type { Metadata } from "next";
import { parsePeriod, PlaceholderDashboard } from "@/components/placeholder-dashboard";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Creator dashboard" };

export default async function Page({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  const user = await requireRole(["creator"], "/creator");
  const { period } = await searchParams;
  return <PlaceholderDashboard title="Creator dashboard" testId="creator-home" period={parsePeriod(period)} timeZone={user.timeZone} />;
}
