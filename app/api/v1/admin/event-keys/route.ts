// Write keys for server-to-server event senders (admin only): GET lists them,
// POST {name} creates one (the key is shown once; only its sha256 is kept;
// Idempotency-Key honoured like every creating POST).
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { createWriteKey, listWriteKeys } from "@/lib/events/write-keys";
import { apiHandler } from "@/lib/http/api";
import { createEventKeyBody } from "@/lib/validation/events";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ roles: ["admin"] }, async () => ({ keys: await listWriteKeys(prisma) }));

export const POST = apiHandler({ roles: ["admin"], body: createEventKeyBody, idempotent: true }, async ({ user, body }) =>
  NextResponse.json(await createWriteKey(prisma, body.name, user.id), { status: 201 }));
