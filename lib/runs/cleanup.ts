// The nightly clean-up: files past their expiry are deleted from storage and
// the run remembers it (its link then answers 410 with "file deleted").
import type { Db } from "@/lib/db";
import { fileStore } from "@/lib/storage";

export async function deleteExpiredFiles(db: Db, now = new Date()) {
  const expired = await db.reportRun.findMany({
    where: { fileKey: { not: null }, fileDeletedAt: null, expiresAt: { lt: now } },
    select: { id: true, fileKey: true },
    take: 10_000,
  });
  for (const r of expired) {
    await fileStore().delete(r.fileKey!);
    await db.reportRun.update({ where: { id: r.id }, data: { fileDeletedAt: now } });
  }
  return { deleted: expired.length };
}
