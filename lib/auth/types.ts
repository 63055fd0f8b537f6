export type Role = "uploader" | "creator" | "admin";
export type AuthUser = { id: string; email: string; name: string; role: Role; timeZone: string };

export const ROLE_HOME: Record<Role, string> = { uploader: "/dashboard", creator: "/creator", admin: "/admin" };
