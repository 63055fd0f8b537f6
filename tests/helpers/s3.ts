// A real S3-speaking server on loopback (s3rver, files in a temp directory)
// on a free port, in a child process (see s3rver-process.cjs), for the S3
// store's tests. Credentials are s3rver's fixed pair.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import type { S3StoreConfig } from "@/lib/storage/s3";

export type LocalS3 = { config: S3StoreConfig; endpoint: string; stop: () => Promise<void> };

export async function startLocalS3(bucket = "reports"): Promise<LocalS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "s3rver-"));
  const script = path.join(import.meta.dirname, "s3rver-process.cjs");
  const child = spawn(process.execPath, ["--openssl-legacy-provider", script, directory, bucket], { stdio: ["pipe", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once("line", (l) => resolve(JSON.parse(l).port));
    child.once("exit", (code) => reject(new Error(`s3rver exited with ${code} before listening`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    config: { bucket, endpoint, region: "us-east-1", accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true },
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
