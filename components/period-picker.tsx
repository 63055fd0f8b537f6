"use client";

// The dashboard period, kept in the URL (?period=) so a view can be shared and reloaded.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import type { Period } from "@/lib/period";

const LABELS: Record<Period, string> = { day: "Today", week: "This week", month: "This month", quarter: "This quarter", year: "This year" };

export function PeriodPicker({ value, options }: { value: Period; options: readonly Period[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();

  function change(next: string) {
    const q = new URLSearchParams(params.toString());
    q.set("period", next);
    q.delete("page");
    startTransition(() => router.replace(`${pathname}?${q.toString()}`, { scroll: false }));
  }

  return (
    <label className="flex items-center gap-2 text-tremor-default text-tremor-content">
      <span className="hidden sm:inline">Period</span>
      <select
        aria-label="Period"
        name="period"
        value={value}
        onChange={(e) => change(e.target.value)}
        className="rounded-tremor-small border border-tremor-border bg-white px-3 py-1.5 text-tremor-content-strong"
      >
        {options.map((p) => (
          <option key={p} value={p}>{LABELS[p]}</option>
        ))}
      </select>
      {pending && <span aria-live="polite" className="text-tremor-label">Updating…</span>}
    </label>
  );
}
