// next-auth needs a secret to sign session JWTs. Production (NODE_ENV=
// production) must set NEXTAUTH_SECRET: the server refuses to start without it
// (assertProductionConfig, run from instrumentation.ts). Elsewhere — dev, tests,
// and `npm run demo`, which passes it explicitly — one is generated once per
// checkout into .data/auth-secret.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

let cached: string | undefined;

export const MISSING_SECRET_MESSAGE =
  "NEXTAUTH_SECRET is not set. In production it is required: set it to a long random value " +
  "(e.g. `openssl rand -base64 32`), the same on every instance. The generated per-checkout secret is only for development and the demo.";

const fromEnv = () => process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET;

/** Exits the server process with a clear message when production configuration is missing. */
export function assertProductionConfig() {
  if (process.env.NODE_ENV === "production" && !fromEnv()) {
    console.error(`\nRefusing to start: ${MISSING_SECRET_MESSAGE}\n`);
    process.exit(1);
  }
}

/** The generated development/demo secret, created on first use. */
export function generatedSecret(): string {
  const file = path.join(process.cwd(), ".data", "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  return fs.readFileSync(file, "utf8").trim();
}

export function authSecret(): string {
  if (cached) return cached;
  const env = fromEnv();
  if (env) return (cached = env);
  // `next build` also runs with NODE_ENV=production and loads this module; only a running production server refuses.
  if (process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build") throw new Error(MISSING_SECRET_MESSAGE);
  return (cached = generatedSecret());
}
