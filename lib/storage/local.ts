import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { FileNotFound, checkKey, type FileStore } from "./index";

/** Keys are relative paths (checkKey refuses "..", absolute paths and odd characters). */
function safePath(root: string, key: string) {
  return path.join(root, checkKey(key));
}

export function localStore(dir: string): FileStore {
  const root = path.resolve(dir);
  return {
    kind: "local",
    async put(key, body) {
      const file = safePath(root, key);
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.partial-${crypto.randomBytes(6).toString("hex")}`;
      const hash = crypto.createHash("sha256");
      let size = 0;
      const count = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          hash.update(chunk);
          size += chunk.length;
          cb(null, chunk);
        },
      });
      try {
        await pipeline(body, count, fs.createWriteStream(tmp));
        await fs.promises.rename(tmp, file);
      } catch (err) {
        await fs.promises.rm(tmp, { force: true });
        throw err;
      }
      return { size, sha256: hash.digest("hex") };
    },
    async get(key) {
      const file = safePath(root, key);
      const st = await fs.promises.stat(file).catch(() => null);
      if (!st?.isFile()) throw new FileNotFound(key);
      return { body: fs.createReadStream(file) as Readable, size: st.size };
    },
    async delete(key) {
      await fs.promises.rm(safePath(root, key), { force: true });
    },
    async usage() {
      let bytes = 0, count = 0, oldest: Date | null = null;
      const walk = async (d: string): Promise<void> => {
        for (const e of await fs.promises.readdir(d, { withFileTypes: true }).catch(() => [])) {
          const p = path.join(d, e.name);
          if (e.isDirectory()) await walk(p);
          else if (e.isFile() && !e.name.includes(".partial-")) {
            const st = await fs.promises.stat(p);
            bytes += st.size;
            count++;
            if (!oldest || st.mtime < oldest) oldest = st.mtime;
          }
        }
      };
      await walk(root);
      return { bytes, count, oldest };
    },
  };
}
