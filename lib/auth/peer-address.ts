// Next.js route handlers never see the TCP peer: `next start` only copies it
// into X-Forwarded-For when the client sent none, so a client-chosen header
// would be indistinguishable from the real address. At server start
// (instrumentation.ts) every incoming request gets the socket's address in
// PEER_ADDRESS_HEADER, overwriting anything the client sent under that name.
import http from "node:http";
import { PEER_ADDRESS_HEADER } from "./client-address";

export function installPeerAddressHeader() {
  const g = globalThis as { __peerAddressInstalled?: boolean };
  if (g.__peerAddressInstalled) return;
  g.__peerAddressInstalled = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_ADDRESS_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return (emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
}
