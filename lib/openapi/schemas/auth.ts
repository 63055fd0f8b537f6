// Answers of the authentication and token endpoints.
import { z } from "zod";
import { timestamp } from "../common";

const role = z.enum(["uploader", "creator", "admin"]);

export const authUser = z
  .object({ id: z.string(), email: z.string(), name: z.string(), role, timeZone: z.string().meta({ description: "IANA zone the user's numbers are shown in." }) })
  .meta({ id: "User", description: "Who a token or session belongs to." });

export const meAnswer = z.object({ user: authUser });

export const tokenAnswer = z.object({
  token: z.string().meta({ description: "Send as `Authorization: Bearer <token>`." }),
  token_type: z.literal("Bearer"),
  expires_at: z.iso.datetime().meta({ description: "One hour after issue." }),
  user: authUser,
});

export const apiToken = z
  .object({
    id: z.string(),
    kind: z.enum(["session", "personal"]).meta({ description: "session: from POST /api/v1/auth/token; personal: created by the user." }),
    name: z.string(),
    prefix: z.string().meta({ description: "First characters of the token, to recognise it." }),
    createdAt: timestamp,
    lastUsedAt: timestamp.nullable(),
    expiresAt: timestamp,
    revokedAt: timestamp.nullable(),
  })
  .meta({ id: "ApiToken" });

export const tokenList = z.object({ tokens: z.array(apiToken).meta({ description: "Every token of the caller, newest first (expired or revoked ones for 30 days)." }) });

export const createdToken = z.object({
  token: z.string().meta({ description: "Shown once; only its sha256 is stored." }),
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  created_at: timestamp,
  expires_at: timestamp,
});

export const revoked = z.object({ revoked: z.literal(true) }).meta({ id: "Revoked" });
