// Small helpers for building the generator's SQL text. Only numbers and our
// own constant strings are ever spliced in; user input never reaches here.

/** A finite number as a SQL literal (throws on NaN/Infinity so a bad config fails loudly). */
export function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`seed: non-finite number in SQL: ${x}`);
  return String(x);
}

/** A constant string as a SQL literal. */
export function str(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A text[] literal of constant strings. */
export function textArray(items: readonly string[]): string {
  return `ARRAY[${items.map(str).join(", ")}]::text[]`;
}

/** How uploaders pay (one method per uploader); bank transfers take a couple of days to clear. */
export const CHARGE_METHODS = ["card", "card", "card", "card", "paypal", "apple_pay", "google_pay", "bank_transfer"];

/** One generation step: a name for the progress bar and the statements it runs. */
export type Step = { name: string; sql: string[]; params?: unknown[] };

/**
 * Users' ids by global number n, as one in-memory array built per statement
 * (indexing it is much cheaper than an md5 per row). Use with userId().
 */
export const USER_IDS = `user_ids AS MATERIALIZED (SELECT array_agg(id ORDER BY n) AS ids FROM seed_users)`;
export const userId = (n: string) => `(SELECT ids FROM user_ids)[(${n}) + 1]`;

/** Salts that keep the ids of different tables apart (see pg_temp.uid7). */
const ID_SALTS = {
  user: 1, upload: 2, assignment: 3, submission: 4, review: 5, charge: 6, refund: 7, payout: 8, flag: 9,
  blocked: 10, level_history: 11, event: 20,
} as const;

/** A time-ordered (UUIDv7-style) id for the row with key k created at epoch seconds t. */
export const rowId = (kind: keyof typeof ID_SALTS, t: string, k: string, extraSalt = 0) =>
  `pg_temp.uid7(${t}, ${k}, ${ID_SALTS[kind] * 100 + extraSalt})`;
