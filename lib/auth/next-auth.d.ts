import type { Role } from "./types";

declare module "next-auth" {
  interface User { role: Role }
  interface Session { user?: { id?: string; name?: string | null; email?: string | null; role?: Role } }
}
declare module "next-auth/jwt" {
  /** sv: the user's session_version at sign-in; auth_time: sign-in time in seconds (session-policy.ts). */
  interface JWT { role?: Role; sv?: number; auth_time?: number }
}
