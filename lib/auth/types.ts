export type Role = "uploader" | "creator" | "admin";
export type AuthUser = { id: string; email: string; name: string; role: Role; timeZone: string };

export const ROLE_HOME: Record<Role, string> = { uploader: "/dashboard", creator: "/creator", admin: "/admin" };

/** Which roles may open a section of the app (by path prefix); unlisted paths are open to every signed-in user. */
export const SECTION_ROLES: { prefix: string; roles: Role[] }[] = [
  { prefix: "/admin", roles: ["admin"] },
  { prefix: "/creator", roles: ["creator", "admin"] },
  { prefix: "/dashboard", roles: ["uploader", "admin"] },
];

export function rolesForPath(pathname: string): Role[] | null {
  const hit = SECTION_ROLES.find((s) => pathname === s.prefix || pathname.startsWith(s.prefix + "/"));
  return hit ? hit.roles : null;
}
