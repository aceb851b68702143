/**
 * Body readers: `bytes()` with a limit (413), `text()` strictly UTF-8,
 * `json()` only for JSON media types (415) and only valid JSON (400).
 */
import { describe, expect, test } from "vitest";
import { DEFAULT_BODY_LIMIT, readBody } from "#ch05/body-reader.ts";
import { json, text } from "#ch05/response.ts";
import { Router } from "#ch05/router.ts";
import { expectBytes, expectTrue } from "#testing/wire.ts";
import { bodyOf, bodyText, render, request, type SyntheticRequest } from "./synthetic.ts";

const BOOK = "chapters/05-routing.md#reading-bodies-with-limits";
const TEXT = "content-type: text/plain; charset=utf-8";

/** POST /json echoes the parsed value; POST /text the text; small limit. */
function bodyRouter(): Router {
  return new Router({ bodyLimit: 64, logger: { error: () => {} } })
    .post("/json", async (req) => json({ got: await req.json() }))
    .post("/text", async (req) => text(await req.text()))
    .post("/big", async (req) => text(`${(await req.bytes({ limit: 1000 })).byteLength}`));
}

const JSON_HEADERS = { "content-type": "application/json" };

const cases: readonly [name: string, spec: SyntheticRequest, expected: string][] = [
  [
    "valid JSON is parsed",
    { method: "POST", target: "/json", headers: JSON_HEADERS, body: '{"a":[1,2]}' },
    '200\r\ncontent-type: application/json\r\n\r\n{"got":{"a":[1,2]}}',
  ],
  [
    "a +json media type is JSON (RFC 6839 §3.1)",
    {
      method: "POST",
      target: "/json",
      headers: { "content-type": "application/merge-patch+json; charset=UTF-8" },
      body: "null",
    },
    '200\r\ncontent-type: application/json\r\n\r\n{"got":null}',
  ],
  [
    "malformed JSON is a 400 that says why",
    { method: "POST", target: "/json", headers: JSON_HEADERS, body: '{"a":' },
    `400\r\n${TEXT}\r\n\r\nBAD_JSON: request body is not valid JSON: Unexpected end of JSON input\n`,
  ],
  [
    "an empty JSON body is a 400",
    { method: "POST", target: "/json", headers: JSON_HEADERS, body: "" },
    `400\r\n${TEXT}\r\n\r\nBAD_JSON: request body is not valid JSON: the body is empty\n`,
  ],
  [
    "a form posted to a JSON route is a 415 (RFC 9110 §15.5.16)",
    {
      method: "POST",
      target: "/json",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "a=1",
    },
    `415\r\n${TEXT}\r\n\r\nUNSUPPORTED_MEDIA_TYPE: expected application/json, ` +
      "got Content-Type application/x-www-form-urlencoded\n",
  ],
  [
    "JSON without a Content-Type is a 415",
    { method: "POST", target: "/json", body: "{}" },
    `415\r\n${TEXT}\r\n\r\nUNSUPPORTED_MEDIA_TYPE: expected application/json, got no Content-Type\n`,
  ],
  [
    "JSON in latin-1 is a 415 (RFC 8259 §8.1: MUST be UTF-8)",
    {
      method: "POST",
      target: "/json",
      headers: { "content-type": "application/json; charset=iso-8859-1" },
      body: "{}",
    },
    `415\r\n${TEXT}\r\n\r\nUNSUPPORTED_MEDIA_TYPE: only UTF-8 text is accepted\n`,
  ],
  [
    "a gzipped body is a 415 that names the coding we accept",
    {
      method: "POST",
      target: "/text",
      headers: { "content-encoding": "gzip" },
      body: "\x1f\x8b",
    },
    `415\r\n${TEXT}\r\naccept-encoding: identity\r\n\r\n` +
      "UNSUPPORTED_MEDIA_TYPE: Content-Encoding gzip is not accepted\n",
  ],
  [
    "text that is not UTF-8 is a 400",
    { method: "POST", target: "/text", body: [Uint8Array.of(0x63, 0x61, 0x66, 0xe9)] },
    `400\r\n${TEXT}\r\n\r\nBAD_TEXT_ENCODING: request body is not valid UTF-8\n`,
  ],
  [
    "a declared length over the limit is a 413 (RFC 9110 §15.5.14)",
    { method: "POST", target: "/text", body: "x".repeat(65) },
    `413\r\n${TEXT}\r\n\r\nBODY_TOO_LARGE: body of 65 bytes exceeds the limit of 64 bytes\n`,
  ],
  [
    "a body at exactly the limit is fine",
    { method: "POST", target: "/text", body: "y".repeat(64) },
    `200\r\n${TEXT}\r\n\r\n${"y".repeat(64)}`,
  ],
  [
    "a handler may raise its own limit",
    { method: "POST", target: "/big", body: "z".repeat(900) },
    `200\r\n${TEXT}\r\n\r\n900`,
  ],
];

describe("body readers through the router", () => {
  test.each(cases)("%s", async (_name, spec, expected) => {
    const response = await bodyRouter().handle(request(spec));
    expectBytes(await render(response), expected, {
      rule: "bounded, typed bodies: 413 over the limit, 415 wrong type, 400 malformed",
      book: BOOK,
      curl: "curl -si -X POST -H 'content-type: application/json' -d '{\"a\":' http://127.0.0.1:8080/api/echo-json",
    });
  });

  test("an oversized chunked body is refused while reading, not after", async () => {
    const chunk = new Uint8Array(16);
    const req = request({
      method: "POST",
      target: "/text",
      body: Array(100).fill(chunk),
      length: undefined,
    });
    const response = await bodyRouter().handle(req);
    expect(response.status).toBe(413);
    expectTrue(req.body.pulled() === 5, `pulled ${req.body.pulled()} chunks of 16 bytes`, {
      rule: "stop at the first chunk that passes the limit: 5 × 16 > 64",
      book: BOOK,
    });
  });

  test("reading twice returns the same bytes (the body is a stream, read once)", async () => {
    const router = new Router().post("/twice", async (req) => {
      const a = await req.text();
      const b = await req.json().catch(() => "not json");
      return text(`${a}|${String(b)}`);
    });
    const req = request({ method: "POST", target: "/twice", headers: JSON_HEADERS, body: "7" });
    expect(await bodyText(await router.handle(req))).toBe("7|7");
    expect(req.body.pulled()).toBe(1);
  });
});

describe("readBody", () => {
  const chunks = [Buffer.from("hello "), Buffer.from("world")];

  test("joins chunks", async () => {
    const bytes = await readBody(bodyOf(chunks, 11), 100);
    expectBytes(bytes, "hello world", { book: BOOK });
  });

  test("refuses by Content-Length before reading anything", async () => {
    const body = bodyOf(chunks, 11);
    await expect(readBody(body, 10)).rejects.toMatchObject({ status: 413, code: "BODY_TOO_LARGE" });
    expect(body.pulled()).toBe(0);
  });

  test("refuses an unannounced body once the total passes the limit", async () => {
    const body = bodyOf(chunks, undefined);
    await expect(readBody(body, 10)).rejects.toMatchObject({ status: 413 });
    expect(body.pulled()).toBe(2);
  });

  test("an empty body is zero bytes", async () => {
    expect((await readBody(bodyOf([], 0), 10)).byteLength).toBe(0);
  });

  test("the default limit is 1 MiB", () => {
    expect(DEFAULT_BODY_LIMIT).toBe(1_048_576);
  });
});
