import type { Writable } from "node:stream";

/** Writes with backpressure: waits for 'drain' when the stream's buffer is full. */
export function writeOut(out: Writable, chunk: string | Buffer): Promise<void> {
  if (out.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      out.off("drain", onDrain);
      out.off("error", done);
      out.off("close", onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error("output closed"));
    out.once("drain", onDrain);
    out.once("error", done);
    out.once("close", onClose);
  });
}

export function endOut(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    out.once("error", reject);
    out.end(() => resolve());
  });
}
