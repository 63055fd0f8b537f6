export default function Loading() {
  return (
    <div role="status" aria-label="Loading" className="animate-pulse space-y-4">
      <div className="h-8 w-64 rounded bg-tremor-background-subtle" />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-28 rounded-tremor-default bg-tremor-background-subtle" />
        ))}
      </div>
      <div className="h-72 rounded-tremor-default bg-tremor-background-subtle" />
    </div>
  );
}
