// sendMail: the local outbox without a provider; through Resend (the real SDK
// against a local server speaking its API) with RESEND_API_KEY — one outbox
// row per recipient with the provider's id or its error, failures returned.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type Db } from "@/lib/db";
import { sendMail, sendMailEach } from "@/lib/mail";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { startFakeResend, type FakeResend } from "../helpers/resend-server";

let tdb: TestDatabase;
let db: Db;
let resend: FakeResend;
const ENV = ["RESEND_API_KEY", "RESEND_BASE_URL", "MAIL_FROM"];

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = createPrisma(tdb.url, 2);
  resend = await startFakeResend("re_test_key");
});
afterAll(async () => {
  await db?.$disconnect();
  await tdb?.drop();
  await resend?.close();
});
afterEach(() => {
  for (const k of ENV) delete process.env[k];
  resend.requests.length = 0;
});
const useResend = () => Object.assign(process.env, { RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: resend.url, MAIL_FROM: "Reports <reports@example.com>" });
const rows = async (ids: string[]) => (await db.$queryRawUnsafe<any[]>(`SELECT * FROM outbox_emails WHERE id = ANY($1::uuid[]) ORDER BY created_at`, ids));

const mail = {
  subject: "Your export is ready",
  text: "Download: http://localhost/x",
  html: '<p><a href="http://localhost/x">Download</a></p>',
};

describe("without a provider", () => {
  it("keeps the message in the outbox", async () => {
    const r = await sendMail(db, { ...mail, to: "admin@example.com", kind: "test", ref: "1" });
    expect(r.status).toBe("outbox");
    const [row] = await rows([r.id]);
    expect(row).toMatchObject({ to_address: "admin@example.com", status: "outbox", provider: "outbox", subject: mail.subject, text: mail.text, html: mail.html, error: null, kind: "test", ref: "1" });
    expect(resend.requests).toHaveLength(0);
  });
});

describe("through Resend", () => {
  it("sends with the sender, both parts and the attachments, and records the provider's id", async () => {
    useResend();
    const csv = Buffer.from("id,amount\n1,12.50\n");
    const r = await sendMail(db, { ...mail, to: "ok@example.com", kind: "report_run", ref: "run-1", attachments: [{ filename: "revenue.csv", content: csv, contentType: "text/csv" }] });
    expect(r).toEqual({ id: expect.any(String), status: "sent" });
    expect(resend.requests).toHaveLength(1);
    const req = resend.requests[0];
    expect(req.path).toBe("/emails");
    expect(req.headers["idempotency-key"]).toBe("report_run/run-1/ok@example.com");
    expect(req.body).toMatchObject({ from: "Reports <reports@example.com>", to: "ok@example.com", subject: mail.subject, html: mail.html, text: mail.text });
    expect(req.body.attachments).toEqual([{ filename: "revenue.csv", content: csv.toString("base64"), content_type: "text/csv" }]);
    const [row] = await rows([r.id]);
    expect(row).toMatchObject({ status: "sent", provider: "resend", provider_message_id: "msg_1", error: null });
    expect(row.attachments).toEqual([{ filename: "revenue.csv", content_type: "text/csv", size: csv.length }]);
  });

  it("records and returns a 500 and a 422 with the provider's error, per recipient", async () => {
    useResend();
    const results = await sendMailEach(db, ["a+500@example.com", "b+422@example.com", "c@example.com"], mail);
    expect(results.map((r) => [r.to, r.status])).toEqual([
      ["a+500@example.com", "failed"],
      ["b+422@example.com", "failed"],
      ["c@example.com", "sent"],
    ]);
    expect(results[0].error).toBe("internal_server_error (500): An unexpected error occurred.");
    expect(results[1].error).toBe("validation_error (422): The `to` field is not a deliverable address.");
    const stored = await rows(results.map((r) => r.id));
    expect(stored.map((s) => [s.to_address, s.status, s.error, s.provider_message_id])).toEqual([
      ["a+500@example.com", "failed", results[0].error, null],
      ["b+422@example.com", "failed", results[1].error, null],
      ["c@example.com", "sent", null, expect.stringMatching(/^msg_/)],
    ]);
    expect(resend.requests).toHaveLength(3);
  });

  it("records a provider that cannot be reached as failed", async () => {
    useResend();
    process.env.RESEND_BASE_URL = "http://127.0.0.1:9"; // discard port: nothing listens
    const r = await sendMail(db, { ...mail, to: "ok@example.com" });
    expect(r.status).toBe("failed");
    expect(r.error).toMatch(/Unable to fetch data/);
    expect((await rows([r.id]))[0]).toMatchObject({ status: "failed", error: r.error });
  });

  it("records a wrong API key as failed with the provider's answer", async () => {
    useResend();
    process.env.RESEND_API_KEY = "re_wrong";
    const r = await sendMail(db, { ...mail, to: "ok@example.com" });
    expect(r).toMatchObject({ status: "failed", error: "missing_api_key (401): Missing API key in the authorization header." });
  });
});
