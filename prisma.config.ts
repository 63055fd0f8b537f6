import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's schema engine cannot be downloaded here. Pointing the CLI at a stub
// that fails loudly lets `prisma generate` run offline.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("scripts/prisma-schema-engine-stub");

// Some engine commands (`migrate diff`, `db pull`) exit 0 having done nothing
// when the engine fails. No prisma command may silently do nothing, so every
// command that needs the engine stops here, loudly, unless a real engine was
// configured through PRISMA_SCHEMA_ENGINE_BINARY.
const engineCommands = new Set(["migrate", "db", "studio", "introspect"]);
const command = process.argv.slice(2).find((a) => !a.startsWith("-"));
const usingStub = process.env.PRISMA_SCHEMA_ENGINE_BINARY.endsWith("prisma-schema-engine-stub");
if (usingStub && command && engineCommands.has(command)) {
  console.error(
    `prisma ${command}: Prisma's schema engine is not available on this machine (it cannot be downloaded here).\n` +
      "Apply migrations with `npm run db:migrate` (scripts/migrate.ts records _prisma_migrations exactly as Prisma does);\n" +
      "on a connected machine, set PRISMA_SCHEMA_ENGINE_BINARY to a real engine to use the Prisma CLI.",
  );
  process.exit(1);
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:54329/marketplace" },
});
