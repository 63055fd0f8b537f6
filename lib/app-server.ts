// Builds (when stale) and starts `next start` as a child process; used by
// `npm run demo` and by the end-to-end test setup.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { buildIsFresh } from "./app-build";
import { freePort } from "./ports";

export { freePort };

const nextBin = () => path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

export function buildApp(opts: { force?: boolean; quiet?: boolean } = {}): "built" | "fresh" {
  if (!opts.force && buildIsFresh()) return "fresh";
  const r = spawnSync(process.execPath, [nextBin(), "build"], {
    stdio: opts.quiet ? "pipe" : "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})\n${r.stdout ?? ""}\n${r.stderr ?? ""}`);
  return "built";
}

export async function startApp(opts: { port: number; env?: Record<string, string>; inheritOutput?: boolean }): Promise<ChildProcess> {
  const child = spawn(process.execPath, [nextBin(), "start", "-p", String(opts.port), "-H", "127.0.0.1"], {
    stdio: opts.inheritOutput ? "inherit" : ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...opts.env },
  });
  let output = "";
  child.stdout?.on("data", (c) => (output += c));
  child.stderr?.on("data", (c) => (output += c));
  const url = `http://127.0.0.1:${opts.port}/sign-in`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return child;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`next start did not answer on ${url} within 60 s:\n${output}`);
}

/** Builds when stale and starts `next start` on a free port against `databaseUrl`, with a throwaway auth secret (tests, bench). */
export async function startAppOnFreePort(databaseUrl: string, env: Record<string, string> = {}) {
  buildApp({ quiet: true });
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const child = await startApp({
    port,
    env: { DATABASE_URL: databaseUrl, NEXTAUTH_URL: baseURL, NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex"), ...env },
  });
  return { child, baseURL };
}
