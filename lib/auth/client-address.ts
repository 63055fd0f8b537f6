// The client address used for sign-in rate limiting. X-Forwarded-For is
// written by whoever sent the request, so it is only believed as far as it was
// appended by proxies listed in TRUSTED_PROXIES (IPs or CIDRs, comma
// separated; default none). Walking from the right, the first address that is
// not a trusted proxy is the client. Without trusted proxies it is the socket
// address, whatever the header says.
import net from "node:net";

/** Width of auth_attempts.ip: longer values are cut, never refused. */
export const ADDRESS_MAX_LENGTH = 64;

/** Request header carrying the socket's peer address, set by the server for every request (see peer-address.ts). */
export const PEER_ADDRESS_HEADER = "x-marketplace-peer-address";

/** "::ffff:127.0.0.1" → "127.0.0.1"; strips an IPv6 zone/brackets and a port on IPv4. */
export function normalizeAddress(raw: string): string {
  let a = raw.trim();
  if (a.startsWith("[")) a = a.slice(1, a.indexOf("]") > 0 ? a.indexOf("]") : undefined);
  if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) a = mapped[1];
  return a.toLowerCase();
}

export type TrustedProxies = net.BlockList;

/** Parses TRUSTED_PROXIES ("10.0.0.0/8, 127.0.0.1, ::1"); unparseable entries throw so a typo is not silently ignored. */
export function parseTrustedProxies(spec: string | undefined): TrustedProxies {
  const list = new net.BlockList();
  for (const entry of (spec ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [addr, bits] = entry.split("/");
    const ip = normalizeAddress(addr);
    const family = net.isIP(ip);
    if (!family) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(bits), type);
  }
  return list;
}

function isTrusted(list: TrustedProxies, address: string): boolean {
  const family = net.isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address: the socket peer unless that peer is a trusted proxy,
 * then the right-most X-Forwarded-For entry that is not a trusted proxy.
 * Always at most ADDRESS_MAX_LENGTH characters.
 */
export function clientAddress(input: { peer: string | null; forwardedFor: string | null; trusted: TrustedProxies }): string | null {
  const peer = input.peer ? normalizeAddress(input.peer) : null;
  let client = peer;
  if (peer && isTrusted(input.trusted, peer) && input.forwardedFor) {
    const hops = input.forwardedFor.split(",").map(normalizeAddress).filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      client = hops[i];
      if (!isTrusted(input.trusted, hops[i])) break;
    }
  }
  return client ? client.slice(0, ADDRESS_MAX_LENGTH) : null;
}

let trustedCache: { spec: string | undefined; list: TrustedProxies } | undefined;

/** The client address of a request, from its headers (the peer header is set by the server, see peer-address.ts). */
export function requestClientAddress(get: (name: string) => string | null | undefined): string | null {
  const spec = process.env.TRUSTED_PROXIES;
  if (!trustedCache || trustedCache.spec !== spec) trustedCache = { spec, list: parseTrustedProxies(spec) };
  const forwardedFor = get("x-forwarded-for") ?? null;
  // Without the peer header (a server that did not install it) only Next's own
  // X-Forwarded-For value is left: its right-most entry is the closest hop.
  const peer = get(PEER_ADDRESS_HEADER) ?? forwardedFor?.split(",").pop() ?? null;
  return clientAddress({ peer, forwardedFor, trusted: trustedCache.list });
}
