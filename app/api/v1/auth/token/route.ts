// POST /api/v1/auth/token {email, password} → {token, expires_at}
import { verifyCredentials } from "@/lib/auth/credentials";
import { issueSessionToken } from "@/lib/auth/tokens";
import { apiHandler, clientIp, errorResponse } from "@/lib/http/api";
import { tokenRequestSchema } from "@/lib/validation/auth";
import { eventsConfig } from "@/lib/events/config";
import { storedAddress } from "@/lib/events/ip";
import { trackSafely } from "@/lib/events/track";

export const POST = apiHandler({ auth: false, body: tokenRequestSchema }, async ({ req, body }) => {
  const result = await verifyCredentials(body.email, body.password, clientIp(req));
  if (!result.ok) {
    if (result.reason === "rate_limited") return errorResponse(429, "rate_limited", "too many failed attempts; try again later");
    if (result.reason === "suspended") return errorResponse(403, "account_suspended", "this account is suspended");
    return errorResponse(401, "invalid_credentials", "email or password is wrong");
  }
  const { token, row } = await issueSessionToken(result.user.id);
  await trackSafely("signed_in", result.user.id, { method: "password", client: "api" }, {
    userAgent: req.headers.get("user-agent")?.slice(0, 1000) ?? null, ip: storedAddress(clientIp(req), eventsConfig().fullIp),
  });
  return { token, token_type: "Bearer", expires_at: row.expiresAt!.toISOString(), user: result.user };
});
