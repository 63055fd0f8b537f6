import type { Role } from "@/lib/auth/types";

export type NavItem = { href: string; label: string };

// Role-aware navigation; each issue adds its pages here.
export const NAV: Record<Role, NavItem[]> = {
  uploader: [{ href: "/dashboard", label: "Dashboard" }],
  creator: [{ href: "/creator", label: "Dashboard" }],
  admin: [{ href: "/admin", label: "Platform" }],
};
export const COMMON_NAV: NavItem[] = [{ href: "/settings/tokens", label: "API tokens" }];
