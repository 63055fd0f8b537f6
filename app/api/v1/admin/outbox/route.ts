// GET /api/v1/admin/outbox?page=&per_page= — every email recorded, newest first.
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { listOutbox } from "@/lib/mail/outbox";
import { listOutboxQuery } from "@/lib/validation/outbox";

export const GET = apiHandler({ roles: ["admin"], query: listOutboxQuery }, async ({ query }) => listOutbox(prisma, query));
