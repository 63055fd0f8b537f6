import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().email().max(320),
  password: z.string().min(1).max(200),
});

export const tokenRequestSchema = signInSchema;

/** POST /api/v1/tokens: personal tokens expire after 90 days unless asked otherwise, after a year at most. */
export const createTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  expires_in_days: z.number().int().min(1).max(365).default(90),
});

export const tokenIdSchema = z.object({ id: z.guid() });
