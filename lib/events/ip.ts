// The client address as stored with an event: its /24 (IPv4) or /48 (IPv6)
// network unless full addresses are configured, so an event does not keep a
// person's exact address by default.
import net from "node:net";

export function storedAddress(address: string | null, full = false): string | null {
  if (!address) return null;
  const family = net.isIP(address);
  if (family === 0) return null;
  if (full) return address;
  if (family === 4) return address.split(".").slice(0, 3).concat("0").join(".");
  return `${expand(address).slice(0, 3).join(":")}::`;
}

/** "2001:db8::1" → ["2001","db8","0","0","0","0","0","1"] */
function expand(a: string): string[] {
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (v4) {
    const [p, q, r, s] = v4[1].split(".").map(Number);
    a = a.slice(0, -v4[1].length) + `${((p << 8) | q).toString(16)}:${((r << 8) | s).toString(16)}`;
  }
  const [head, tail] = a.split("::");
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill("0");
  return [...h, ...fill, ...t].map((x) => x.replace(/^0+(?=.)/, "").toLowerCase());
}
