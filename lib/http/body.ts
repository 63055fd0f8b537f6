// Request bodies are read with a byte limit: a body over it is refused while
// it streams in (a missing or false Content-Length is no way around it), so
// nothing larger than the limit is ever buffered or parsed.

export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/** The body as UTF-8 text, or BodyTooLargeError once more than `limit` bytes arrived. */
export async function readBodyLimited(req: Request, limit: number): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
