"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavItem } from "@/lib/nav";

export function AppNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  // The longest matching link is the active one (/dashboard/uploads, not /dashboard).
  const active = items
    .filter((i) => pathname === i.href || pathname.startsWith(i.href + "/"))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label="Main" className="order-last flex w-full flex-wrap gap-1 sm:order-none sm:w-auto">
      {items.map((item) => {
        const isActive = item.href === active;
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={isActive ? "page" : undefined}
            className={`whitespace-nowrap rounded-tremor-small px-3 py-1.5 text-tremor-default ${
              isActive ? "bg-tremor-brand-faint font-medium text-tremor-brand-emphasis underline decoration-2 underline-offset-4" : "text-tremor-content hover:bg-tremor-background-subtle"
            }`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
