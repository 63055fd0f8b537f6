// The outbox list: newest first (ties by id), paged, with has_more; one email by id.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type Db } from "@/lib/db";
import { getOutboxEmail, listOutbox } from "@/lib/mail/outbox";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let tdb: TestDatabase;
let db: Db;
const inserted: { id: string; created_at: string }[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = createPrisma(tdb.url, 2);
  // 7 emails, out of order, two of them in the same millisecond
  const times = ["2026-11-30T10:00:00.000Z", "2026-11-30T09:00:00.000Z", "2026-11-30T11:00:00.000Z", "2026-11-30T11:00:00.000Z", "2026-11-29T23:59:59.999Z", "2026-11-30T12:30:00.000Z", "2026-11-30T08:00:00.000Z"];
  for (const [i, t] of times.entries()) {
    const id = crypto.randomUUID();
    await tdb.pool.query(
      `INSERT INTO outbox_emails (id, to_address, subject, text, html, status, provider, error, attachments, created_at)
       VALUES ($1, $2, $3, 'text', '<p>html</p>', $4, $5, $6, $7, $8)`,
      [id, `user${i}@example.com`, `Email ${i}`, i === 1 ? "failed" : "outbox", i === 1 ? "resend" : "outbox", i === 1 ? "validation_error (422): bad" : null,
        i === 2 ? JSON.stringify([{ filename: "a.csv", content_type: "text/csv", size: 12 }]) : null, t],
    );
    inserted.push({ id, created_at: t });
  }
});
afterAll(async () => {
  await db?.$disconnect();
  await tdb?.drop();
});

// expected order computed here: by time descending, then id descending (uuid text order = byte order)
const expected = () => [...inserted].sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1)).map((e) => e.id);

describe("listOutbox", () => {
  it("lists newest first, ties by id, with every field", async () => {
    const all = await listOutbox(db, { page: 1, per_page: 100 });
    expect(all.emails.map((e) => e.id)).toEqual(expected());
    expect(all).toMatchObject({ page: 1, has_more: false, total: 7 });
    const failed = all.emails.find((e) => e.subject === "Email 1")!;
    expect(failed).toMatchObject({ to: "user1@example.com", status: "failed", error: "validation_error (422): bad", created_at: "2026-11-30T09:00:00.000Z", text: "text", html: "<p>html</p>", attachments: [] });
    expect(all.emails.find((e) => e.subject === "Email 2")!.attachments).toEqual([{ filename: "a.csv", content_type: "text/csv", size: 12 }]);
  });

  it("pages through them without gaps or repeats, saying when there is more", async () => {
    const pages = [];
    for (let page = 1; page <= 4; page++) pages.push(await listOutbox(db, { page, per_page: 2 }));
    expect(pages.map((p) => p.has_more)).toEqual([true, true, true, false]);
    expect(pages.flatMap((p) => p.emails.map((e) => e.id))).toEqual(expected());
    expect((await listOutbox(db, { page: 9, per_page: 2 })).emails).toEqual([]);
  });

  it("finds one by id, and nothing for an unknown id", async () => {
    expect((await getOutboxEmail(db, inserted[3].id))?.subject).toBe("Email 3");
    expect(await getOutboxEmail(db, crypto.randomUUID())).toBeNull();
  });
});
