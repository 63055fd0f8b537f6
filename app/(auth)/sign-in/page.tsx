import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { appOrigin, safeCallbackPath } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/auth/session";
import { ROLE_HOME } from "@/lib/auth/types";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const user = await getCurrentUser();
  const { callbackUrl, error } = await searchParams;
  // Only places on this origin: never redirect off-site after sign-in (else the role's home).
  const h = await headers();
  const safeCallback = safeCallbackPath(callbackUrl, appOrigin((n) => h.get(n))) ?? undefined;
  if (user) redirect(safeCallback ?? ROLE_HOME[user.role]);
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-tremor-default border border-tremor-border bg-white p-6 shadow-tremor-card">
        <h1 className="text-tremor-title font-semibold">Marketplace Analytics</h1>
        <p className="mb-6 text-tremor-default text-tremor-content">Sign in to see your numbers.</p>
        <SignInForm callbackUrl={safeCallback} initialError={error} />
      </div>
    </main>
  );
}
