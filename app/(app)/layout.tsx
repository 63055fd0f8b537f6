import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { AppNav } from "@/components/app-nav";
import { SignOutButton } from "@/components/sign-out-button";
import { getCurrentUser } from "@/lib/auth/session";
import { rolesForPath } from "@/lib/auth/types";
import { COMMON_NAV, NAV } from "@/lib/nav";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  // Checked here, before any page streams, so the answer can still be a redirect or a 403.
  const path = (await headers()).get("x-pathname") ?? "/";
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  const [pathname, search = ""] = path.split("?");
  const roles = rolesForPath(pathname);
  if (roles && !roles.includes(user.role)) forbidden();
  // Only admins may open another user's dashboard (?user_id=, support use).
  const asUser = new URLSearchParams(search).get("user_id");
  if (asUser && asUser !== user.id && user.role !== "admin") forbidden();
  return (
    <div className="min-h-screen">
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
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
