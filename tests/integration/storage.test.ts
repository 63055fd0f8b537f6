// The file stores' shared behaviour, run against the local directory and
// against S3 (a real s3rver on loopback): bytes in = bytes out with their
// size and sha256, a file visible only once complete, a body failing mid-way
// leaving nothing, usage counting what is stored.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FileNotFound, type FileStore } from "@/lib/storage";
import { localStore } from "@/lib/storage/local";
import { s3Client, s3Store } from "@/lib/storage/s3";
import { startLocalS3, type LocalS3 } from "../helpers/s3";

const MB = 1024 * 1024;
const bytes = (n: number, seed = 1) => {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) out[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
};
const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");
/** A stream of `buf` in 64 KB chunks; `gate` (when given) holds it after `pauseAt` bytes; `failAt` makes it fail there. */
function source(buf: Buffer, opts: { failAt?: number; pauseAt?: number; gate?: Promise<void> } = {}) {
  return Readable.from((async function* () {
    for (let at = 0; at < buf.length; at += 64 * 1024) {
      if (opts.failAt !== undefined && at >= opts.failAt) throw new Error("source failed mid-way");
      if (opts.gate && opts.pauseAt !== undefined && at === opts.pauseAt) await opts.gate;
      yield buf.subarray(at, at + 64 * 1024);
    }
  })());
}
const readAll = async (r: Readable) => {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
};

let s3: LocalS3;
let dir: string;
beforeAll(async () => {
  s3 = await startLocalS3();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "files-"));
});
afterAll(async () => {
  await s3?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every object key in the bucket (not only the store's prefix): leftovers of a failed put would show here. */
const bucketKeys = async () => {
  const out = await s3Client(s3.config).send(new ListObjectsV2Command({ Bucket: s3.config.bucket }));
  return (out.Contents ?? []).map((o) => o.Key);
};
/** Every file under the local root, partial ones included. */
const localFiles = (root: string): string[] =>
  fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));

const stores: [string, () => FileStore, () => Promise<unknown[]>][] = [
  ["local", () => localStore(path.join(dir, "store")), async () => localFiles(path.join(dir, "store"))],
  ["s3", () => s3Store({ ...s3.config, prefix: "files/", listPageSize: 2 }), bucketKeys],
];

describe.each(stores)("%s store", (kind, make, everything) => {
  let store: FileStore;
  beforeAll(() => {
    store = make();
  });

  it("stores bytes and gives them back with their size and sha256", async () => {
    expect(store.kind).toBe(kind);
    const small = bytes(1000, 7);
    const big = bytes(12 * MB + 123, 8); // three 5 MB parts on S3
    expect(await store.put("runs/a/small.csv", source(small), { contentType: "text/csv" })).toEqual({ size: 1000, sha256: sha(small) });
    expect(await store.put("runs/b/big.xlsx", source(big), { contentType: "application/octet-stream" })).toEqual({ size: big.length, sha256: sha(big) });
    const got = await store.get("runs/b/big.xlsx");
    expect(got.size).toBe(big.length);
    expect(sha(await readAll(got.body))).toBe(sha(big));
    expect((await readAll((await store.get("runs/a/small.csv")).body)).equals(small)).toBe(true);
  });

  it("replaces a file put again under the same key", async () => {
    const again = bytes(500, 9);
    await store.put("runs/a/small.csv", source(again), { contentType: "text/csv" });
    expect((await readAll((await store.get("runs/a/small.csv")).body)).equals(again)).toBe(true);
  });

  it("counts what it stores, across list pages", async () => {
    for (const n of [1, 2, 3]) await store.put(`runs/c/${n}.json`, source(bytes(n * 100)), { contentType: "application/json" });
    const u = await store.usage();
    expect(u.count).toBe(5);
    expect(u.bytes).toBe(500 + 12 * MB + 123 + 600);
    expect(u.oldest).toBeInstanceOf(Date);
    expect(Math.abs(Date.now() - u.oldest!.getTime())).toBeLessThan(10 * 60_000);
  });

  it("shows a file only once it is complete", async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const data = bytes(7 * MB, 10);
    const put = store.put("runs/d/slow.csv", source(data, { pauseAt: 6 * MB, gate }), { contentType: "text/csv" });
    await new Promise((r) => setTimeout(r, 1500)); // the first S3 part is uploaded by now
    await expect(store.get("runs/d/slow.csv")).rejects.toBeInstanceOf(FileNotFound);
    expect((await store.usage()).count).toBe(5);
    open();
    expect((await put).sha256).toBe(sha(data));
    expect((await store.get("runs/d/slow.csv")).size).toBe(data.length);
    await store.delete("runs/d/slow.csv");
  });

  it.each([
    ["before the first part", 200 * 1024],
    ["after a multipart upload started", 6 * MB],
  ])("leaves nothing when the body fails %s", async (_, failAt) => {
    const before = await everything();
    await expect(store.put("runs/e/broken.csv", source(bytes(8 * MB), { failAt }), { contentType: "text/csv" })).rejects.toThrow("source failed mid-way");
    await expect(store.get("runs/e/broken.csv")).rejects.toBeInstanceOf(FileNotFound);
    expect(await everything()).toEqual(before);
  });

  it("deletes, and deleting a missing file is not an error", async () => {
    await store.delete("runs/a/small.csv");
    await expect(store.get("runs/a/small.csv")).rejects.toBeInstanceOf(FileNotFound);
    await store.delete("runs/a/small.csv");
    await store.delete("never/was.csv");
    const u = await store.usage();
    expect(u.count).toBe(4);
    expect(u.bytes).toBe(12 * MB + 123 + 600);
  });

  it("refuses keys that leave its root", async () => {
    for (const key of ["../x", "/etc/passwd", "a//b", "a/./b", "a b", ""]) {
      await expect(store.put(key, source(bytes(10)), { contentType: "text/plain" })).rejects.toThrow(/bad storage key/);
      await expect(store.get(key)).rejects.toThrow(/bad storage key/);
    }
  });
});

describe("S3 configuration", () => {
  it("counts only its own prefix", async () => {
    const other = s3Store({ ...s3.config, prefix: "other/" });
    await other.put("x.csv", source(bytes(42)), { contentType: "text/csv" });
    expect(await other.usage()).toMatchObject({ count: 1, bytes: 42 });
    expect((await bucketKeys())).toContain("other/x.csv");
    expect((await s3Store({ ...s3.config, prefix: "files/" }).usage()).count).toBe(4);
  });

  it("fileStore() is S3 when S3_BUCKET is set, from the S3_* variables", async () => {
    vi.resetModules();
    const env = { S3_BUCKET: s3.config.bucket, S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY_ID: "S3RVER", S3_SECRET_ACCESS_KEY: "S3RVER", S3_FORCE_PATH_STYLE: "true", S3_PREFIX: "env" };
    Object.assign(process.env, env);
    try {
      const { fileStore } = await import("@/lib/storage");
      const store = fileStore();
      expect(store.kind).toBe("s3");
      await store.put("from-env.txt", source(bytes(5)), { contentType: "text/plain" });
      expect(await bucketKeys()).toContain("env/from-env.txt");
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
      vi.resetModules();
    }
  });
});
