// POST /api/v1/admin/outbox/test — sends a test email to the calling admin through the configured provider.
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { apiHandler } from "@/lib/http/api";
import { publicUrl } from "@/lib/links/public-url";
import { sendTestEmail } from "@/lib/mail/outbox";

export const POST = apiHandler({ roles: ["admin"] }, async ({ req, user }) => {
  const result = await sendTestEmail(prisma, user, publicUrl("/admin/outbox", req.nextUrl.origin));
  // 201 whatever the provider said: the email is recorded, and its status (sent | failed with the error | outbox) is the answer.
  return NextResponse.json({ email: result }, { status: 201 });
});
