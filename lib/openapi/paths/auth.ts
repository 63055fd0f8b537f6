// Sign-in tokens, personal tokens, who am I.
import { createTokenSchema, tokenIdSchema, tokenRequestSchema } from "@/lib/validation/auth";
import { routes } from "../common";
import { createdToken, meAnswer, revoked, tokenAnswer, tokenList } from "../schemas/auth";

const tag = "Authentication";

export const authPaths = routes({
  "/api/v1/auth/token": {
    post: {
      id: "createSessionToken",
      tag,
      summary: "Exchange email and password for a one-hour bearer token",
      description: "401 `invalid_credentials` for a wrong email or password, 403 `account_suspended`, 429 `rate_limited` after 5 failures for an email within 15 minutes (30 from one address).",
      auth: "none",
      body: tokenRequestSchema,
      ok: { status: 200, description: "The token and who it belongs to.", schema: tokenAnswer },
      errors: [401, 403],
    },
  },
  "/api/v1/me": {
    get: { id: "getMe", tag, summary: "Who the token or session belongs to", auth: "user", ok: { status: 200, description: "The caller.", schema: meAnswer } },
  },
  "/api/v1/tokens": {
    get: { id: "listTokens", tag, summary: "Every token of the caller (both kinds)", auth: "user", ok: { status: 200, description: "The tokens, newest first.", schema: tokenList } },
    post: {
      id: "createPersonalToken",
      tag,
      summary: "Create a personal token (shown once)",
      description: "Only from a signed-in browser session: a bearer token cannot mint a longer-lived one (403 `session_required`). 90 days unless `expires_in_days` says otherwise, 365 at most.",
      auth: "user",
      security: [{ sessionCookie: [] }],
      body: createTokenSchema,
      idempotent: true,
      ok: { status: 201, description: "The new token; `token` is shown only here.", schema: createdToken },
    },
  },
  "/api/v1/tokens/{id}": {
    delete: {
      id: "revokeToken",
      tag,
      summary: "Revoke one of the caller's tokens",
      auth: "user",
      params: tokenIdSchema,
      ok: { status: 200, description: "Revoked; it stops working at once.", schema: revoked },
    },
  },
});
