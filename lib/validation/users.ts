import { z } from "zod";

export const listUsersSchema = z.object({
  role: z.enum(["uploader", "creator", "admin"]).optional(),
  status: z.enum(["active", "suspended"]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(200).default(50),
});
