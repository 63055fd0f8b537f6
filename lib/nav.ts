import type { Role } from "@/lib/auth/types";

export type NavItem = { href: string; label: string };

// Role-aware navigation.
export const NAV: Record<Role, NavItem[]> = {
  uploader: [
    { href: "/dashboard", label: "Dashboard" },
    { href: "/dashboard/uploads", label: "Uploads" },
  ],
  creator: [
    { href: "/creator", label: "Dashboard" },
    { href: "/creator/earnings", label: "Earnings" },
  ],
  admin: [
    { href: "/admin", label: "Platform" },
    { href: "/admin/creator-levels", label: "Creator levels" },
    { href: "/admin/quality", label: "Quality" },
    { href: "/admin/fraud", label: "Fraud" },
    { href: "/admin/events", label: "Events" },
    { href: "/admin/events/keys", label: "Write keys" },
    { href: "/admin/reports", label: "Reports" },
    { href: "/admin/exports", label: "Exports" },
    { href: "/admin/reports/builder", label: "Report builder" },
    { href: "/admin/reports/saved", label: "Saved reports" },
    { href: "/admin/jobs", label: "Jobs" },
    { href: "/admin/outbox", label: "Outbox" },
    { href: "/admin/webhooks", label: "Webhooks" },
    { href: "/admin/health", label: "Health" },
  ],
};
export const COMMON_NAV: NavItem[] = [{ href: "/settings/tokens", label: "API tokens" }];
