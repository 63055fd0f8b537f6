// Sign-in throttling: repeated failures for one email (or from one client
// address) within a window block further attempts. Stored in auth_attempts, so
// it holds across processes and restarts.
//
// Check and record are one step: under per-email and per-address advisory
// locks the failures are counted and, when under the limit, this attempt is
// recorded as a failure before the password is checked (and turned into a
// success afterwards). So 100 parallel guesses for one email evaluate at most
// maxFailuresPerEmail passwords, not however many raced past the count.
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ADDRESS_MAX_LENGTH } from "./client-address";

export const RATE_LIMIT = { windowMinutes: 15, maxFailuresPerEmail: 5, maxFailuresPerIp: 30 };

// advisory lock classes (first key of pg_advisory_xact_lock(int, int))
const LOCK_EMAIL = 71401;
const LOCK_IP = 71402;

/** Claims an attempt: null when rate limited, else the id of the attempt row (recorded as failed until markSucceeded). */
export async function claimAttempt(email: string, ip: string | null): Promise<bigint | null> {
  const address = ip ? ip.slice(0, ADDRESS_MAX_LENGTH) : null;
  return prisma.$transaction(async (tx) => {
    // email first, address second: the same order everywhere, so no deadlock
    await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(${LOCK_EMAIL}::int, hashtext(${email}))`);
    if (address) await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(${LOCK_IP}::int, hashtext(${address}))`);
    const [c] = await tx.$queryRaw<{ by_email: number; by_ip: number }[]>(Prisma.sql`
      SELECT count(*) FILTER (WHERE email = ${email}::citext)::int AS by_email,
             count(*) FILTER (WHERE ip = ${address})::int AS by_ip
      FROM auth_attempts
      WHERE NOT succeeded AND created_at >= now() - make_interval(mins => ${RATE_LIMIT.windowMinutes}::int)
        AND (email = ${email}::citext OR ip = ${address})`);
    if (c.by_email >= RATE_LIMIT.maxFailuresPerEmail || c.by_ip >= RATE_LIMIT.maxFailuresPerIp) return null;
    const row = await tx.authAttempt.create({ data: { email, ip: address, succeeded: false }, select: { id: true } });
    return row.id;
    // A burst of guesses queues here for the pool and the lock: waiting is the point, failing with a 500 is not.
  }, { maxWait: 30_000, timeout: 15_000 });
}

export async function markSucceeded(attemptId: bigint) {
  await prisma.authAttempt.update({ where: { id: attemptId }, data: { succeeded: true } });
}
