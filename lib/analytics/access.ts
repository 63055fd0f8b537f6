// Whose numbers a per-user dashboard shows: one's own, or — for an admin
// only — any user's, through ?user_id= (support use).
import { prisma } from "@/lib/db";
import type { AuthUser, Role } from "@/lib/auth/types";
import { ApiError } from "@/lib/http/api";

export type Subject = { id: string; role: Role; timeZone: string; name: string; email: string };

export async function resolveSubject(viewer: AuthUser, userId: string | undefined, role: Role): Promise<Subject> {
  if (userId && userId !== viewer.id) {
    if (viewer.role !== "admin") throw new ApiError(403, "forbidden", "only admins may view another user's dashboard", "user_id");
    const u = await prisma.user.findUnique({ where: { id: userId } });
    if (!u || u.role !== role) throw new ApiError(404, "not_found", `no ${role} with this id`, "user_id");
    return { id: u.id, role: u.role, timeZone: u.timeZone, name: u.name, email: u.email };
  }
  if (viewer.role !== role) throw new ApiError(403, "forbidden", `requires role ${role}`);
  return { id: viewer.id, role: viewer.role, timeZone: viewer.timeZone, name: viewer.name, email: viewer.email };
}
