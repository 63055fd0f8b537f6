// Which PostgreSQL the app, scripts and tests use: DATABASE_URL when set,
// otherwise the embedded server that scripts/db.ts manages.
export const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "postgres";
export const EMBEDDED_DATABASE = "marketplace";

export function usingEmbedded(): boolean {
  return !process.env.DATABASE_URL;
}

export function embeddedUrl(database = EMBEDDED_DATABASE): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${EMBEDDED_PORT}/${database}`;
}

export function databaseUrl(): string {
  return process.env.DATABASE_URL || embeddedUrl();
}

/** The same server, another database (tests create their own). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
