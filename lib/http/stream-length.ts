// Next.js drops Content-Length from route handler responses (send-response.js
// forbids it, since a body may have been decoded on the way), so a streamed
// file would go out chunked with no size: no download progress in browsers.
// A route that knows its body's exact length puts it in STREAM_LENGTH_HEADER;
// at server start (instrumentation.ts) writeHead is wrapped to turn it into
// Content-Length — unless the response is being compressed, when the length
// would be wrong.
import http from "node:http";

export const STREAM_LENGTH_HEADER = "x-stream-length";

export function installStreamLengthHeader() {
  const g = globalThis as { __streamLengthInstalled?: boolean };
  if (g.__streamLengthInstalled) return;
  g.__streamLengthInstalled = true;
  const writeHead = http.ServerResponse.prototype.writeHead;
  http.ServerResponse.prototype.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    const length = this.getHeader(STREAM_LENGTH_HEADER);
    if (length !== undefined) {
      this.removeHeader(STREAM_LENGTH_HEADER);
      if (!this.getHeader("content-encoding") && !this.getHeader("transfer-encoding") && /^\d+$/.test(String(length))) {
        this.setHeader("content-length", String(length));
      }
    }
    return (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof writeHead;
}
