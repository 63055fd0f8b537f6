// S3-compatible storage (AWS S3, MinIO, R2, s3rver in the tests), selected by
// fileStore() when S3_BUCKET is set. A file is written with a multipart
// upload (@aws-sdk/lib-storage): S3 shows an object only once the upload is
// completed, and a body that fails mid-way aborts the upload, so a partial
// file is never visible. Size and sha256 are computed while the bytes pass.
import crypto from "node:crypto";
import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { FileNotFound, checkKey, type FileStore } from "./index";

export type S3StoreConfig = {
  bucket: string;
  /** Keys are stored under this prefix ("" or ending in "/"); usage() counts only it. */
  prefix?: string;
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
  /** Multipart part size in bytes (S3's minimum, 5 MiB, by default). */
  partSize?: number;
  /** Keys per ListObjectsV2 page (S3's default, 1000, when unset; the tests use a small one to cover paging). */
  listPageSize?: number;
};

/** The configuration from S3_* variables; credentials fall back to the AWS SDK's defaults (env, profile, instance role). */
export function s3ConfigFromEnv(env = process.env): S3StoreConfig {
  const prefix = (env.S3_PREFIX ?? "").replace(/^\/+/, "");
  return {
    bucket: env.S3_BUCKET!,
    prefix: prefix && !prefix.endsWith("/") ? prefix + "/" : prefix,
    endpoint: env.S3_ENDPOINT || undefined,
    region: env.S3_REGION || env.AWS_REGION || "us-east-1",
    accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === "true" || env.S3_FORCE_PATH_STYLE === "1" : undefined,
  };
}

export function s3Client(c: S3StoreConfig): S3Client {
  const config: S3ClientConfig = {
    region: c.region ?? "us-east-1",
    endpoint: c.endpoint,
    forcePathStyle: c.forcePathStyle ?? Boolean(c.endpoint),
  };
  if (c.accessKeyId && c.secretAccessKey) config.credentials = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey };
  if (c.endpoint) {
    // S3-compatible servers do not all understand the SDK's default CRC32
    // trailing checksums (aws-chunked bodies); send checksums only when S3 requires one.
    config.requestChecksumCalculation = "WHEN_REQUIRED";
    config.responseChecksumValidation = "WHEN_REQUIRED";
  }
  return new S3Client(config);
}

const isMissing = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NoSuchKey" || e?.name === "NotFound" || e?.$metadata?.httpStatusCode === 404;
};

export function s3Store(c: S3StoreConfig, client = s3Client(c)): FileStore {
  const prefix = c.prefix ?? "";
  const objectKey = (key: string) => prefix + checkKey(key);
  return {
    kind: "s3",
    async put(key, body, opts) {
      const hash = crypto.createHash("sha256");
      let size = 0;
      let bodyError: unknown;
      async function* counted() {
        try {
          for await (const chunk of body) {
            const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
            hash.update(buf);
            size += buf.length;
            yield buf;
          }
        } catch (err) {
          bodyError = err;
          throw err;
        }
      }
      const upload = new Upload({
        client,
        params: { Bucket: c.bucket, Key: objectKey(key), Body: Readable.from(counted()), ContentType: opts.contentType },
        partSize: c.partSize ?? 5 * 1024 * 1024,
        queueSize: 2,
        // A failed body or part aborts the multipart upload: its parts are deleted, no object appears.
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (err) {
        if (bodyError === undefined) throw err;
        // The caller needs the body's error, not what followed it (e.g. a failed abort:
        // the upload is still never completed; a bucket lifecycle rule removes stray parts).
        if (err !== bodyError) console.error(`S3 put ${key}: after the body failed, the upload reported:`, err);
        throw bodyError;
      }
      return { size, sha256: hash.digest("hex") };
    },
    async get(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: c.bucket, Key: objectKey(key) }));
        return { body: out.Body as Readable, size: Number(out.ContentLength ?? 0) };
      } catch (err) {
        if (isMissing(err)) throw new FileNotFound(key);
        throw err;
      }
    },
    async delete(key) {
      // S3 answers 204 for a missing key too.
      await client.send(new DeleteObjectCommand({ Bucket: c.bucket, Key: objectKey(key) }));
    },
    async usage() {
      let bytes = 0, count = 0, oldest: Date | null = null;
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: c.bucket, Prefix: prefix || undefined, ContinuationToken: token, MaxKeys: c.listPageSize }));
        for (const o of page.Contents ?? []) {
          bytes += Number(o.Size ?? 0);
          count++;
          if (o.LastModified && (!oldest || o.LastModified < oldest)) oldest = o.LastModified;
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return { bytes, count, oldest };
    },
  };
}
