// The one Prisma client (driver adapter over node-postgres) for the app.
// Library functions take a `Db` argument so tests and CLIs can point them at
// another database; the app passes `prisma`.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/db/url";

export type Db = PrismaClient;

// Which URL each client was made for: the report runs open a plain pg client
// on the same database for a server-side cursor (lib/runs/cursor.ts).
const urls = new WeakMap<PrismaClient, string>();

export function createPrisma(url: string, poolSize = Number(process.env.DB_POOL_SIZE ?? 10)): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) });
  urls.set(client, url);
  return client;
}

/** The connection URL a client was created with (the app's DATABASE_URL for `prisma`). */
export function databaseUrlOf(db: PrismaClient): string {
  return urls.get(db) ?? databaseUrl();
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

// Reused across hot reloads in development so connections are not leaked.
export const prisma: PrismaClient = globalForPrisma.prisma ?? createPrisma(databaseUrl());
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;
