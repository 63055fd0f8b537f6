// The project's command-line surface: db scripts and the guarded Prisma CLI.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const tsx = path.resolve("node_modules/.bin/tsx");
const prismaCli = path.resolve("node_modules/prisma/build/index.js");

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("prisma CLI on this machine", () => {
  for (const args of [["migrate", "deploy"], ["migrate", "dev"], ["migrate", "diff", "--from-empty", "--to-schema", "prisma/schema.prisma", "--script"], ["db", "push"], ["db", "pull"]]) {
    it(`prisma ${args.slice(0, 2).join(" ")} fails loudly instead of doing nothing`, () => {
      const r = run(process.execPath, [prismaCli, ...args]);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(/schema engine is not available/);
      expect(r.err).toMatch(/npm run db:migrate/);
    });
  }

  it("prisma generate works offline", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "gen-"));
    const schema = path.join(out, "schema.prisma");
    fs.writeFileSync(schema, fs.readFileSync("prisma/schema.prisma", "utf8").replace('output          = "../lib/generated/prisma"', `output = "${out}/client"`));
    const r = run(process.execPath, [prismaCli, "generate", "--schema", schema]);
    expect(r.code, r.err).toBe(0);
    expect(fs.existsSync(path.join(out, "client", "client.ts"))).toBe(true);
  });

  it("the engine stub itself exits non-zero with an explanation", () => {
    const r = run("scripts/prisma-schema-engine-stub", []);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot be downloaded/);
  });
});

describe("db scripts", () => {
  const dir = fs.mkdtempSync(path.join("/var/tmp", "ma-cli-pg-"));
  fs.chmodSync(dir, 0o755);
  const env = { EMBEDDED_PG_DIR: path.join(dir, "pg"), EMBEDDED_PG_PORT: String(55000 + Math.floor(Math.random() * 900)), DATABASE_URL: "" };
  afterAll(() => {
    run(tsx, ["scripts/db.ts", "stop"], env);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("db:url prints only the URL in use", () => {
    const r = run(tsx, ["scripts/db.ts", "url"], env);
    expect(r.out).toBe(`postgresql://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT}/marketplace\n`);
    const custom = run(tsx, ["scripts/db.ts", "url"], { DATABASE_URL: "postgresql://u:p@db.example:5432/x" });
    expect(custom.out).toBe("postgresql://u:p@db.example:5432/x\n");
  });

  it("db:start is idempotent and recovers from a server killed with a stale postmaster.pid", () => {
    const first = run(tsx, ["scripts/db.ts", "start"], env);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/PostgreSQL started/);
    const again = run(tsx, ["scripts/db.ts", "start"], env);
    expect(again.out).toMatch(/already running/);

    const pidFile = path.join(env.EMBEDDED_PG_DIR, "postmaster.pid");
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    process.kill(pid, "SIGKILL");
    // wait for the postmaster to be gone; its pid file stays behind
    for (let i = 0; i < 50; i++) {
      try { process.kill(pid, 0); } catch { break; }
      spawnSync("sleep", ["0.1"]);
    }
    expect(fs.existsSync(pidFile)).toBe(true);
    const recovered = run(tsx, ["scripts/db.ts", "start"], env);
    expect(recovered.code, recovered.err).toBe(0);
    expect(recovered.out).toMatch(/PostgreSQL started/);

    const migrate = run(tsx, ["scripts/db.ts", "migrate"], env);
    expect(migrate.code, migrate.err).toBe(0);
    expect(migrate.out).toMatch(/migration\(s\) applied/);

    const stop = run(tsx, ["scripts/db.ts", "stop"], env);
    expect(stop.out).toMatch(/PostgreSQL stopped/);
    expect(run(tsx, ["scripts/db.ts", "stop"], env).out).toMatch(/was not running/);
  });
});
