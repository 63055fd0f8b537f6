// GET /api/v1/me — who the token or session belongs to.
import { apiHandler } from "@/lib/http/api";

export const GET = apiHandler({}, async ({ user }) => ({ user }));
