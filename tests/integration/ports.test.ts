// Tests and demos beside other servers: a port held by someone else is never
// used or touched. db:start moves to a free port (and every command finds it),
// and the test harness runs on a throwaway cluster of its own, removed after
// the run even when it is interrupted.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster } from "@/lib/db/test-cluster";

const tsx = path.resolve("node_modules/.bin/tsx");

function run(args: string[], env: Record<string, string>) {
  const r = spawnSync(tsx, args, { encoding: "utf8", env: { ...process.env, ...env }, timeout: 180_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function canQuery(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query("SELECT 1 AS ok")).rows[0].ok === 1;
  } finally {
    await c.end();
  }
}

const portOf = (url: string) => Number(new URL(url).port);

/** Something else listening on a port, standing in for another project's server. */
let squatter: net.Server;
let heldPort: number;
beforeAll(async () => {
  squatter = net.createServer((s) => s.destroy());
  await new Promise<void>((r) => squatter.listen(0, "127.0.0.1", () => r()));
  heldPort = (squatter.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => squatter.close(() => r())));

describe("db:start when its port is held by another server", () => {
  const dir = fs.mkdtempSync(path.join("/var/tmp", "ma-ports-pg-"));
  fs.chmodSync(dir, 0o755);
  let env: Record<string, string>;
  beforeAll(() => {
    env = { EMBEDDED_PG_DIR: path.join(dir, "pg"), EMBEDDED_PG_PORT: String(heldPort), DATABASE_URL: "" };
  });
  afterAll(() => {
    run(["scripts/db.ts", "stop"], env);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("says so in one line, picks a free port, and db:url and migrate find it", async () => {
    const start = run(["scripts/db.ts", "start"], env);
    expect(start.code, start.err).toBe(0);
    const notices = start.out.split("\n").filter((l) => l.includes(`Port ${heldPort} is held by another server`));
    expect(notices).toHaveLength(1);
    const chosen = Number(/using port (\d+) instead/.exec(notices[0])?.[1]);
    expect(chosen).toBeGreaterThan(0);
    expect(chosen).not.toBe(heldPort);

    const url = run(["scripts/db.ts", "url"], env).out.trim();
    expect(url).toBe(`postgresql://postgres:postgres@127.0.0.1:${chosen}/marketplace`);
    expect(await canQuery(url)).toBe(true);
    // the squatter was left alone
    expect(squatter.listening).toBe(true);

    expect(run(["scripts/db.ts", "start"], env).out).toMatch(/already running/);
    const migrate = run(["scripts/db.ts", "migrate"], env);
    expect(migrate.code, migrate.err).toBe(0);

    expect(run(["scripts/db.ts", "stop"], env).out).toMatch(/PostgreSQL stopped/);
    // stopped: the URL points at the preferred port again (the next start tries it first)
    expect(run(["scripts/db.ts", "url"], env).out.trim()).toBe(`postgresql://postgres:postgres@127.0.0.1:${heldPort}/marketplace`);
  });
});

describe("the test harness's own PostgreSQL", () => {
  it("two throwaway clusters run side by side on free ports and are deleted when stopped", async () => {
    const [a, b] = await Promise.all([startTestCluster(), startTestCluster()]);
    try {
      expect(a.port).not.toBe(b.port);
      for (const c of [a, b]) {
        expect(c.port).not.toBe(heldPort);
        expect(c.url).toBe(`postgresql://postgres:postgres@127.0.0.1:${c.port}/postgres`);
        expect(await canQuery(c.url)).toBe(true);
      }
      const c = new pg.Client({ connectionString: a.url });
      await c.connect();
      const settings = (await c.query("SELECT current_setting('shared_buffers') AS sb, current_setting('fsync') AS fsync")).rows[0];
      await c.end();
      expect(settings).toEqual({ sb: "128MB", fsync: "off" });
    } finally {
      a.stop();
      b.stop();
    }
    expect(fs.existsSync(a.root)).toBe(false);
    expect(fs.existsSync(b.root)).toBe(false);
    await expect(canQuery(a.url)).rejects.toThrow();
  });

  it("npm test runs on its own cluster beside a server holding EMBEDDED_PG_PORT, and removes it", () => {
    const r = run(["scripts/test.ts", "--project", "unit"], { EMBEDDED_PG_PORT: String(heldPort), DATABASE_URL: "" });
    expect(r.code, r.out + r.err).toBe(0);
    const m = /Test PostgreSQL: throwaway cluster on port (\d+) \((.+)\)/.exec(r.out);
    expect(m, r.out).not.toBeNull();
    expect(Number(m![1])).not.toBe(heldPort);
    expect(fs.existsSync(m![2])).toBe(false);
  });

  it("an interrupted npm test (Ctrl-C) still stops and deletes its cluster", async () => {
    // its own process group, so the SIGINT reaches every process as a terminal's Ctrl-C does
    const child = spawn("npm", ["test", "--", "--project", "unit"], { env: { ...process.env, DATABASE_URL: "" }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    const exited = new Promise<void>((r) => child.on("exit", () => r()));
    await expect.poll(() => /Test PostgreSQL: throwaway cluster on port (\d+) \((.+)\)/.exec(out), { timeout: 60_000, interval: 100 }).not.toBeNull();
    const [, port, root] = /Test PostgreSQL: throwaway cluster on port (\d+) \((.+)\)/.exec(out)!;
    process.kill(-child.pid!, "SIGINT");
    await exited;
    // npm may exit before its child has finished cleaning up
    await expect.poll(() => fs.existsSync(root), { timeout: 30_000, interval: 200 }).toBe(false);
    await expect(canQuery(`postgresql://postgres:postgres@127.0.0.1:${port}/postgres`)).rejects.toThrow();
  });

  it("uses DATABASE_URL when the user sets it, starting nothing", () => {
    const r = run(["scripts/test.ts", "--project", "unit"], { DATABASE_URL: "postgresql://postgres:postgres@127.0.0.1:1/none" });
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).not.toMatch(/Test PostgreSQL/);
  });
});
