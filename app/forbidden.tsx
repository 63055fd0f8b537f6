import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-5xl font-semibold text-tremor-content-subtle">403</p>
      <h1 className="text-xl font-semibold" data-testid="forbidden">You don&apos;t have access to this page</h1>
      <p className="text-tremor-content">Your account&apos;s role can&apos;t open it. If you think it should, ask an admin.</p>
      <Link href="/" className="text-tremor-brand hover:underline">Go to your dashboard</Link>
    </main>
  );
}
