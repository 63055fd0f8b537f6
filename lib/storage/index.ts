// Where report and export files live: a local directory by default
// (FILES_DIR, default .data/files), S3-compatible storage when S3_BUCKET is
// set (lib/storage/s3.ts). A file becomes visible under its key only when it
// is complete, so a run killed mid-way never leaves a readable partial file.
import type { Readable } from "node:stream";
import { localStore } from "./local";
import { s3ConfigFromEnv, s3Store } from "./s3";

export interface StoredFile {
  size: number;
  sha256: string;
}

export interface FileStore {
  kind: "local" | "s3";
  /** Writes the whole stream under a temporary name, then makes it visible under `key`. */
  put(key: string, body: Readable, opts: { contentType: string }): Promise<StoredFile>;
  /** Throws FileNotFound when absent. */
  get(key: string): Promise<{ body: Readable; size: number }>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  usage(): Promise<{ bytes: number; count: number; oldest: Date | null }>;
}

export class FileNotFound extends Error {
  constructor(key: string) {
    super(`no stored file ${key}`);
  }
}

/** Keys are relative paths of [A-Za-z0-9._-/] (no "..", no empty segment); anything else is refused by every store. */
export function checkKey(key: string): string {
  if (!/^[A-Za-z0-9._/-]+$/.test(key) || key.split("/").some((p) => p === ".." || p === "." || p === "")) throw new Error(`bad storage key ${key}`);
  return key;
}

let store: FileStore | undefined;

/** S3 when S3_BUCKET is set (lib/storage/s3.ts: S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_FORCE_PATH_STYLE, S3_PREFIX), else the local directory. */
export function fileStore(): FileStore {
  store ??= process.env.S3_BUCKET ? s3Store(s3ConfigFromEnv()) : localStore(process.env.FILES_DIR || ".data/files");
  return store;
}
