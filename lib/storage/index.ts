// Where report and export files live: a local directory by default
// (FILES_DIR, default .data/files), S3-compatible storage when S3_BUCKET is
// set (lib/storage/s3.ts). A file becomes visible under its key only when it
// is complete, so a run killed mid-way never leaves a readable partial file.
import type { Readable } from "node:stream";
import { localStore } from "./local";

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

let store: FileStore | undefined;

export function fileStore(): FileStore {
  // S3 is added by lib/storage/s3.ts when S3_BUCKET is set.
  store ??= localStore(process.env.FILES_DIR || ".data/files");
  return store;
}
