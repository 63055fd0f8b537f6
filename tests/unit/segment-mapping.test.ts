// The pure parts of the Segment intake (lib/events/segment.ts, write-keys.ts):
// the v5 UUID against RFC 4122's published example, messageId → event id,
// event names, and HTTP Basic parsing. The HTTP behaviour is tested in
// tests/integration/events-segment.test.ts and tests/e2e/segment.test.ts.
import { describe, expect, it } from "vitest";
import { segmentEventId, segmentEventName, uuidV5 } from "@/lib/events/segment";
import { basicAuthKey } from "@/lib/events/write-keys";

describe("uuidV5", () => {
  it("matches the known v5 UUID of www.example.com in the DNS namespace", () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "www.example.com")
    expect(uuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });
});

describe("segmentEventId", () => {
  it("keeps a UUID messageId (lower case), derives a stable UUID per key from any other, and a random one without", () => {
    expect(segmentEventId("k1", "9F1C6B4E-3C3A-4E0B-9D7A-2B5E8F1A0C11")).toBe("9f1c6b4e-3c3a-4e0b-9d7a-2b5e8f1a0c11");
    const a = segmentEventId("k1", "node-next-1700000000000-abc");
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(segmentEventId("k1", "node-next-1700000000000-abc")).toBe(a);
    expect(segmentEventId("k2", "node-next-1700000000000-abc")).not.toBe(a);
    expect(segmentEventId("k1", null)).not.toBe(segmentEventId("k1", null));
  });
});

describe("segmentEventName", () => {
  it.each([
    ["Order Completed", "order_completed"],
    ["orderCompleted", "order_completed"],
    ["upload_completed", "upload_completed"],
    ["  Signed Up! ", "signed_up"],
    ["API Called", "api_called"],
    ["getURL", "get_url"],
    ["!!!", ""],
  ])("%j → %j", (input, out) => expect(segmentEventName(input)).toBe(out));
});

describe("basicAuthKey", () => {
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  it("takes the user name of Basic auth as the key; other schemes are not Basic; an empty user is bad", () => {
    expect(basicAuthKey(`Basic ${b64("wk_abc:")}`)).toEqual({ key: "wk_abc" });
    expect(basicAuthKey(`basic ${b64("wk_abc")}`)).toEqual({ key: "wk_abc" });
    expect(basicAuthKey(`Basic ${b64(":secret")}`)).toEqual({ bad: true });
    expect(basicAuthKey("Basic !!")).toEqual({ bad: true });
    expect(basicAuthKey("Bearer x")).toBeNull();
    expect(basicAuthKey(null)).toBeNull();
  });
});
