// Anonymous → user linking: the first time a signed-in user sends events
// carrying a browser's anonymous id, that id is recorded as theirs and the
// events it sent before sign-in get the user's id. Later anonymous events of a
// linked id are stored with the user (write.ts joins event_identities).
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** Links the anonymous id to the user (first sign-in wins); returns how many past events were attributed. */
export async function linkAnonymousId(db: Db, anonymousId: string, userId: string): Promise<number> {
  return db.$transaction(async (tx) => {
    const linked = await tx.$queryRaw<{ user_id: string }[]>(Prisma.sql`
      INSERT INTO event_identities (anonymous_id, user_id) VALUES (${anonymousId.slice(0, 100)}, ${userId}::uuid)
      ON CONFLICT (anonymous_id) DO NOTHING RETURNING user_id::text`);
    if (linked.length === 0) return 0;
    return tx.$executeRaw(Prisma.sql`
      UPDATE analytics_events SET user_id = ${userId}::uuid
      WHERE anonymous_id = ${anonymousId.slice(0, 100)} AND user_id IS NULL`);
  });
}
