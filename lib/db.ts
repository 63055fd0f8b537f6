// The one Prisma client (driver adapter over node-postgres) for the app.
// Library functions take a `Db` argument so tests and CLIs can point them at
// another database; the app passes `prisma`.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/db/url";

export type Db = PrismaClient;

export function createPrisma(url: string, poolSize = Number(process.env.DB_POOL_SIZE ?? 10)): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

// Reused across hot reloads in development so connections are not leaked.
export const prisma: PrismaClient = globalForPrisma.prisma ?? createPrisma(databaseUrl());
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;
