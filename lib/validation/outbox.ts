// GET /api/v1/admin/outbox and the /admin/outbox page (which also takes ?id= to open one email).
import { z } from "zod";

export const listOutboxQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(25),
});

export const outboxPageQuery = listOutboxQuery.extend({ id: z.guid().optional() });
