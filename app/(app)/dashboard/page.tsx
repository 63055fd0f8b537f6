import type { Metadata } from "next";
import { parsePeriod, PlaceholderDashboard } from "@/components/placeholder-dashboard";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Your dashboard" };

export default async function Page({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  const user = await requireRole(["uploader"], "/dashboard");
  const { period } = await searchParams;
  return <PlaceholderDashboard title="Your dashboard" testId="uploader-home" period={parsePeriod(period)} timeZone={user.timeZone} />;
}
