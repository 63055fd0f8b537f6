// DELETE /api/v1/tokens/:id — revoke one of the caller's own tokens.
import { revokeToken } from "@/lib/auth/tokens";
import { apiHandler, errorResponse } from "@/lib/http/api";
import { tokenIdSchema } from "@/lib/validation/auth";

export const DELETE = apiHandler({ params: tokenIdSchema }, async ({ user, params }) => {
  if (!(await revokeToken(user.id, params.id))) return errorResponse(404, "not_found", "no such token");
  return { revoked: true };
});
