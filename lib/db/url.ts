// Which PostgreSQL the app, scripts and tests use: DATABASE_URL when set,
// otherwise the embedded server that scripts/db.ts manages. That server's
// port is the one it is running on (read from its postmaster.pid, so a port
// chosen because the preferred one was taken is found by every command), or
// the preferred port when it is not running.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const DEFAULT_EMBEDDED_PORT = 54329;
export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "postgres";
export const EMBEDDED_DATABASE = "marketplace";

const isRoot = process.getuid?.() === 0;

function traversableByOthers(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(d) && (fs.statSync(d).mode & 0o001) === 0) return false;
    if (path.dirname(d) === d) return true;
  }
}

/** Where the cluster lives: .data/postgres in the project, unless root's postgres user could not reach it. */
export function dataDir(): string {
  if (process.env.EMBEDDED_PG_DIR) return path.resolve(process.env.EMBEDDED_PG_DIR);
  const local = path.join(process.cwd(), ".data");
  if (!isRoot || traversableByOthers(local)) return path.join(local, "postgres");
  const hash = crypto.createHash("sha256").update(process.cwd()).digest("hex").slice(0, 12);
  return path.join("/var/tmp", `marketplace-analytics-${hash}`, "postgres");
}

/** The port to try first: EMBEDDED_PG_PORT, default 54329. */
export function preferredPort(): number {
  return Number(process.env.EMBEDDED_PG_PORT || DEFAULT_EMBEDDED_PORT);
}

/**
 * The port of the cluster in `dir` when its postmaster is alive (line 4 of
 * postmaster.pid), else null. A pid file left by a killed server, or whose
 * PID now belongs to another program, does not count.
 */
export function runningPort(dir = dataDir()): number | null {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return null;
  try {
    process.kill(pid, 0);
    if (!fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres")) return null;
  } catch (err) {
    // EPERM: alive but owned by another user (root starting it as postgres is the other way round)
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  return port;
}

/** The embedded server's port: where it runs now, or where it will be started. */
export function embeddedPort(): number {
  return runningPort() ?? preferredPort();
}

export function usingEmbedded(): boolean {
  return !process.env.DATABASE_URL;
}

export function serverUrl(port: number, database = EMBEDDED_DATABASE): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

export function embeddedUrl(database = EMBEDDED_DATABASE): string {
  return serverUrl(embeddedPort(), database);
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
