import { headers } from "next/headers";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";

// What to do next depends on who is refused: an admin is told how to open a
// user's page (support view), never to "ask an admin".
function adminHint(path: string) {
  if (path.startsWith("/creator")) {
    return (
      <>
        Creator pages show one creator&apos;s numbers. Open a creator from{" "}
        <Link href="/admin/creator-levels" className="text-tremor-brand-emphasis underline">Creator levels</Link> (pick a level, then a creator), or add{" "}
        <code>?user_id=&lt;creator id&gt;</code> to the address.
      </>
    );
  }
  if (path.startsWith("/dashboard")) {
    return (
      <>
        Uploader pages show one uploader&apos;s numbers. Add <code>?user_id=&lt;uploader id&gt;</code> to the address (ids are listed by{" "}
        <code>GET /api/v1/admin/users?role=uploader</code>).
      </>
    );
  }
  return <>This page belongs to another role.</>;
}

export default async function Forbidden() {
  const [user, h] = await Promise.all([getCurrentUser(), headers()]);
  const path = h.get("x-pathname") ?? "/";
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-5xl font-semibold text-tremor-content-subtle">403</p>
      <h1 className="text-xl font-semibold" data-testid="forbidden">You don&apos;t have access to this page</h1>
      <p className="text-tremor-content" data-testid="forbidden-hint">
        {user?.role === "admin" ? adminHint(path) : <>Your account&apos;s role ({user?.role ?? "signed out"}) can&apos;t open it. If you think it should, ask an admin.</>}
      </p>
      <Link href="/" className="text-tremor-brand-emphasis hover:underline">Go to your dashboard</Link>
    </main>
  );
}
