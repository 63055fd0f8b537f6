// Write keys for event senders (issue 13): the same lib calls as
// GET/POST /api/v1/admin/event-keys and DELETE …/:id. A key is shown once.
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { EventKeysManager } from "@/components/event-keys-manager";
import { PageHeader } from "@/components/page-header";
import { appOrigin } from "@/lib/auth/callback-url";
import { requireRole } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { listWriteKeys } from "@/lib/events/write-keys";

export const metadata: Metadata = { title: "Event write keys" };

export default async function EventKeysPage() {
  const viewer = await requireRole(["admin"], "/admin/events/keys");
  const h = await headers();
  const keys = await listWriteKeys(prisma);
  return (
    <section data-testid="admin-event-keys" className="space-y-6">
      <PageHeader
        title="Event write keys"
        subtitle={<>Keys for servers that send events: to <code>POST /api/v1/events</code> (header <code>X-Events-Write-Key</code>) or with a Segment SDK. Only a key&apos;s hash is stored; it is shown once. <Link href="/admin/events" className="text-tremor-brand underline">Event analysis</Link></>}
      />
      <EventKeysManager keys={keys} origin={appOrigin((n) => h.get(n))} timeZone={viewer.timeZone} />
    </section>
  );
}
