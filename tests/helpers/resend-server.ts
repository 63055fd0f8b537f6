// A small server on loopback speaking Resend's email API (POST /emails), so
// the Resend SDK is exercised for real: it records each request and answers
// by recipient — "…+500@" gets a 500, "…+422@" a 422 validation error, any
// other address a message id. Tests point RESEND_BASE_URL at it.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ResendRequest = { path: string; headers: http.IncomingHttpHeaders; body: any };
export type FakeResend = { url: string; requests: ResendRequest[]; close: () => Promise<void> };

export async function startFakeResend(apiKey = "re_test_key"): Promise<FakeResend> {
  const requests: ResendRequest[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const body = raw ? JSON.parse(raw) : null;
      requests.push({ path: req.url ?? "", headers: req.headers, body });
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(json));
      };
      if (req.headers.authorization !== `Bearer ${apiKey}`) return reply(401, { statusCode: 401, name: "missing_api_key", message: "Missing API key in the authorization header." });
      if (req.method !== "POST" || req.url !== "/emails") return reply(404, { statusCode: 404, name: "not_found", message: "The requested endpoint does not exist." });
      const to = String(Array.isArray(body.to) ? body.to[0] : body.to);
      if (to.includes("+500@")) return reply(500, { statusCode: 500, name: "internal_server_error", message: "An unexpected error occurred." });
      if (to.includes("+422@")) return reply(422, { statusCode: 422, name: "validation_error", message: "The `to` field is not a deliverable address." });
      reply(200, { id: `msg_${++n}` });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}
