// Sign-in throttling: repeated failures for one email (or from one IP) within
// a window block further attempts. Stored in auth_attempts, so it holds across
// processes and restarts.
import { prisma } from "@/lib/db";

export const RATE_LIMIT = { windowMinutes: 15, maxFailuresPerEmail: 5, maxFailuresPerIp: 30 };

export async function isRateLimited(email: string, ip: string | null): Promise<boolean> {
  const since = new Date(Date.now() - RATE_LIMIT.windowMinutes * 60_000);
  const [byEmail, byIp] = await Promise.all([
    prisma.authAttempt.count({ where: { email, succeeded: false, createdAt: { gte: since } } }),
    ip ? prisma.authAttempt.count({ where: { ip, succeeded: false, createdAt: { gte: since } } }) : 0,
  ]);
  return byEmail >= RATE_LIMIT.maxFailuresPerEmail || byIp >= RATE_LIMIT.maxFailuresPerIp;
}

export async function recordAttempt(email: string, ip: string | null, succeeded: boolean) {
  await prisma.authAttempt.create({ data: { email, ip, succeeded } });
}
