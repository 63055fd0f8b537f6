"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-tremor-default border border-red-200 bg-red-50 p-6">
      <h2 className="font-semibold text-red-800">Something went wrong loading this page</h2>
      <p className="mt-1 text-tremor-default text-red-700">
        The numbers could not be loaded. Try again; if it keeps failing, quote this reference: {error.digest ?? "n/a"}.
      </p>
      <button onClick={reset} className="mt-4 rounded-tremor-small bg-red-600 px-3 py-1.5 text-white hover:bg-red-700">Try again</button>
    </div>
  );
}
