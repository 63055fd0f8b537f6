// next-auth needs a secret to sign session JWTs. Production sets
// NEXTAUTH_SECRET; elsewhere one is generated once and kept in .data/.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

let cached: string | undefined;

export function authSecret(): string {
  if (cached) return cached;
  const fromEnv = process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET;
  if (fromEnv) return (cached = fromEnv);
  const file = path.join(process.cwd(), ".data", "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  return (cached = fs.readFileSync(file, "utf8").trim());
}
