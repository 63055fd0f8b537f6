// DELETE /api/v1/admin/event-keys/:id — revokes a write key (admin only).
import { prisma } from "@/lib/db";
import { revokeWriteKey } from "@/lib/events/write-keys";
import { apiHandler, errorResponse } from "@/lib/http/api";
import { eventKeyParams } from "@/lib/validation/events";

export const dynamic = "force-dynamic";

export const DELETE = apiHandler({ roles: ["admin"], params: eventKeyParams }, async ({ params }) => {
  if (!(await revokeWriteKey(prisma, params.id))) return errorResponse(404, "not_found", "no such active write key");
  return { revoked: true };
});
