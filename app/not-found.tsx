import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-5xl font-semibold text-tremor-content-subtle">404</p>
      <h1 className="text-xl font-semibold" data-testid="not-found">Page not found</h1>
      <p className="text-tremor-content">Nothing here: the address, or the id in it, does not match anything you can open.</p>
      <Link href="/" className="text-tremor-brand-emphasis hover:underline">Go to your dashboard</Link>
    </main>
  );
}
