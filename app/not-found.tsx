import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-5xl font-semibold text-tremor-content-subtle">404</p>
      <h1 className="text-xl font-semibold">Page not found</h1>
      <Link href="/" className="text-tremor-brand hover:underline">Go to your dashboard</Link>
    </main>
  );
}
