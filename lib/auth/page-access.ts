// Who may open a page, decided from its path and query before anything
// streams (the app shell calls it), so a refused page answers a real HTTP
// 403 or 404 instead of a 200 carrying the error page. The same rules as the
// API: section roles, then whose dashboard (lib/analytics/access.ts), then
// whether the drilled-down level exists.
import { z } from "zod";
import { resolveSubject } from "@/lib/analytics/access";
import { prisma } from "@/lib/db";
import { ApiError } from "@/lib/http/api";
import { rolesForPath, type AuthUser, type Role } from "./types";

export type PageAccess = "ok" | "forbidden" | "not_found";

/** Sections that show one user's numbers, and whose: the viewer's own, or an admin's ?user_id=. */
const USER_SECTIONS: { prefix: string; role: Role }[] = [
  { prefix: "/creator", role: "creator" },
  { prefix: "/dashboard", role: "uploader" },
];
const LEVEL_DRILL_DOWN = /^\/admin\/creator-levels\/([^/]+)$/;
/** A saved report's page (uuid ids only: the static pages beside it, builder and saved, never match). */
const SAVED_REPORT = /^\/admin\/reports\/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
const under = (path: string, prefix: string) => path === prefix || path.startsWith(prefix + "/");

export async function pageAccess(user: AuthUser, pathname: string, search: string): Promise<PageAccess> {
  const roles = rolesForPath(pathname);
  if (roles && !roles.includes(user.role)) return "forbidden";
  const userId = new URLSearchParams(search).get("user_id") || undefined;
  // Only admins may open another user's dashboard (?user_id=, support use).
  if (userId && userId !== user.id && user.role !== "admin") return "forbidden";

  const section = USER_SECTIONS.find((s) => under(pathname, s.prefix));
  if (section) {
    if (userId && !z.guid().safeParse(userId).success) return "not_found";
    try {
      await resolveSubject(user, userId, section.role);
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) return "forbidden";
      if (err instanceof ApiError && err.status === 404) return "not_found";
      throw err;
    }
  }

  const level = LEVEL_DRILL_DOWN.exec(pathname);
  if (level) {
    const id = decodeURIComponent(level[1]);
    if (!z.guid().safeParse(id).success) return "not_found";
    const found = await prisma.creatorLevel.findUnique({ where: { id }, select: { id: true } });
    if (!found) return "not_found";
  }
  const report = SAVED_REPORT.exec(pathname);
  if (report) {
    const found = await prisma.savedReport.findUnique({ where: { id: report[1] }, select: { id: true } });
    if (!found) return "not_found";
  }
  return "ok";
}
