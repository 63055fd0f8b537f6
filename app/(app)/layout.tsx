import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { AppNav } from "@/components/app-nav";
import { SignOutButton } from "@/components/sign-out-button";
import { pageAccess } from "@/lib/auth/page-access";
import { getCurrentUser } from "@/lib/auth/session";
import { COMMON_NAV, NAV } from "@/lib/nav";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  // Checked here, before any page streams (pages sit behind loading.tsx's
  // Suspense), so the answer can still be a redirect, a 403 or a 404.
  const path = (await headers()).get("x-pathname") ?? "/";
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  const [pathname, search = ""] = path.split("?");
  const access = await pageAccess(user, pathname, search);
  if (access === "forbidden") forbidden();
  if (access === "not_found") notFound();
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only z-50 rounded-tremor-small bg-white px-3 py-2 text-tremor-brand-emphasis shadow focus:not-sr-only focus:fixed focus:left-2 focus:top-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-20 border-b border-tremor-border bg-white/95 backdrop-blur">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <span className="font-semibold text-tremor-content-strong">Marketplace Analytics</span>
          <AppNav items={[...NAV[user.role], ...COMMON_NAV]} />
          <div className="ml-auto flex items-center gap-3 text-tremor-default">
            <span className="hidden text-tremor-content sm:inline" data-testid="whoami">
              {user.name} · <span className="capitalize">{user.role}</span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">{children}</main>
    </div>
  );
}
