// GET /api/v1/admin/users?role=&status=&page=&per_page= (admin only)
import { apiHandler } from "@/lib/http/api";
import { listUsers } from "@/lib/users";
import { listUsersSchema } from "@/lib/validation/users";

export const GET = apiHandler({ roles: ["admin"], query: listUsersSchema }, async ({ query }) =>
  listUsers({ role: query.role, status: query.status, page: query.page, perPage: query.per_page }),
);
