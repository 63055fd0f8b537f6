// Signing secrets and signatures. A secret must be readable to sign with it
// (HMAC), so it is stored encrypted, not hashed: AES-256-GCM under a key
// derived from the auth secret (NEXTAUTH_SECRET). Changing NEXTAUTH_SECRET
// makes the stored secrets unreadable: their deliveries fail with a message
// saying so, and the endpoints must be created again.
import crypto from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

export const SECRET_PREFIX = "whsec_";

export function generateSecret(): string {
  return `${SECRET_PREFIX}${crypto.randomBytes(24).toString("base64url")}`;
}

const key = (secret = authSecret()) => crypto.createHash("sha256").update(`webhook-secret\0${secret}`).digest();

/** base64 of iv (12) + tag (16) + ciphertext. */
export function encryptSecret(plain: string, auth?: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(auth), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64");
}

export class SecretUnreadable extends Error {
  constructor() {
    super("the endpoint's signing secret cannot be decrypted (NEXTAUTH_SECRET changed since it was created?): create the endpoint again");
  }
}

export function decryptSecret(stored: string, auth?: string): string {
  try {
    const buf = Buffer.from(stored, "base64");
    const decipher = crypto.createDecipheriv("aes-256-gcm", key(auth), buf.subarray(0, 12));
    decipher.setAuthTag(buf.subarray(12, 28));
    return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretUnreadable();
  }
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` — the Webhook-Signature header. */
export function signatureHeader(secret: string, rawBody: string, unixSeconds: number): string {
  const v1 = crypto.createHmac("sha256", secret).update(`${unixSeconds}.${rawBody}`).digest("hex");
  return `t=${unixSeconds},v1=${v1}`;
}
