// reviews.creator_id, output_type_id and submission_version are copies of
// their assignment's and submission's columns, kept by triggers (migration
// 20261130010300_review_work_columns) whoever writes: every read of reviews
// relies on them instead of joining. Checked against the joins they replace.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { insertFakeData } from "../helpers/fake-data";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await insertFakeData(t.pool, { seed: 4242, start: "2026-03-01", days: 5 });
}, 120_000);
afterAll(async () => {
  await t?.drop();
});

const rows = async (sql: string, params: unknown[] = []) => (await t.pool.query(sql, params)).rows;

/** Reviews whose copies differ from the rows they copy (by the joins). */
const WRONG = `
  SELECT r.id FROM reviews r
  JOIN assignments a ON a.id = r.assignment_id JOIN content_submissions s ON s.id = r.submission_id
  WHERE r.creator_id IS DISTINCT FROM a.creator_id OR r.output_type_id IS DISTINCT FROM a.output_type_id
    OR r.submission_version IS DISTINCT FROM s.version`;

describe("review copies", () => {
  it("every inserted review carries its assignment's creator and output type and its submission's version", async () => {
    const [{ n }] = await rows(`SELECT count(*)::int AS n FROM reviews WHERE creator_id IS NOT NULL AND submission_version IS NOT NULL`);
    expect(n).toBeGreaterThan(20);
    expect(await rows(WRONG)).toEqual([]);
  });

  it("a writer cannot set them wrong: the trigger takes them from the rows", async () => {
    const [s] = await rows(`SELECT s.id, s.assignment_id FROM content_submissions s ORDER BY s.id LIMIT 1`);
    const [other] = await rows(`SELECT id FROM users WHERE role = 'creator' ORDER BY id DESC LIMIT 1`);
    const [r] = await rows(`INSERT INTO reviews (submission_id, assignment_id, decision, overall_score, completed_at, creator_id, submission_version)
      VALUES ($1, $2, 'approved', 4, now(), $3, 99) RETURNING id`, [s.id, s.assignment_id, other.id]);
    await rows(`UPDATE reviews SET output_type_id = gen_random_uuid() WHERE id = $1`, [r.id]);
    expect(await rows(WRONG)).toEqual([]);
  });

  it("an assignment's new creator or output type, and a submission's new version, reach its reviews", async () => {
    const [r] = await rows(`SELECT r.assignment_id, r.submission_id FROM reviews r ORDER BY r.id LIMIT 1`);
    const [creator] = await rows(`SELECT id FROM users WHERE role = 'creator' AND id <> (SELECT creator_id FROM assignments WHERE id = $1) LIMIT 1`, [r.assignment_id]);
    const [type] = await rows(`SELECT id FROM output_types WHERE id <> (SELECT output_type_id FROM assignments WHERE id = $1) LIMIT 1`, [r.assignment_id]);
    await rows(`UPDATE assignments SET creator_id = $2, output_type_id = $3 WHERE id = $1`, [r.assignment_id, creator.id, type.id]);
    await rows(`UPDATE content_submissions SET version = version + 10 WHERE id = $1`, [r.submission_id]);
    const [after] = await rows(`SELECT creator_id, output_type_id, submission_version FROM reviews WHERE submission_id = $1 LIMIT 1`, [r.submission_id]);
    expect(after.creator_id).toBe(creator.id);
    expect(after.output_type_id).toBe(type.id);
    expect(await rows(WRONG)).toEqual([]);
  });
});
