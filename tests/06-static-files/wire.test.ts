/**
 * Wire-level (the open track runs it against any server): a file served
 * at `/`, whole and in ranges. Any file will do (the reference serves
 * tests/06-static-files/site/index.html): the tests compare the ranges
 * with the whole body they were given (RFC 9110 §14).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  field,
  holdsResponses,
  readResponses,
  type WireResponse,
} from "#testing/http-responses.ts";
import { type WireTarget, wireTarget } from "#testing/open-target.ts";
import { exchange } from "#testing/raw-client.ts";
import { startReference, WIRE_SITE } from "#testing/reference-server.ts";
import { escapeBytes, expectTrue } from "#testing/wire.ts";

const BOOK = "chapters/06-static-files.md";
let server: WireTarget;
beforeAll(async () => {
  server = await wireTarget(() => startReference(6, WIRE_SITE));
});
afterAll(() => server.close());

async function get(target: string, extra = "", method = "GET"): Promise<WireResponse> {
  const sent = `${method} ${target} HTTP/1.1\r\nHost: localhost\r\n${extra}\r\n`;
  const head = method === "HEAD";
  const { received } = await exchange(
    server.port,
    sent,
    { until: holdsResponses(1, () => head) },
    server.host,
  );
  const [r] = readResponses(received, () => head, false);
  expectTrue(r !== undefined, `no response to ${escapeBytes(sent)}: ${escapeBytes(received)}`, {
    sent,
  });
  return r;
}

describe(`a file at / (${BOOK})`, () => {
  test("GET / is the file: 200, its length, a validator, and byte ranges on offer", async () => {
    const r = await get("/");
    expect(r.status).toBe(200);
    expect(Number(field(r, "content-length"))).toBe(r.body.length);
    expect(r.body.length).toBeGreaterThan(0);
    expect(field(r, "etag") ?? field(r, "last-modified")).toBeDefined();
    expect(field(r, "accept-ranges")).toMatch(/bytes/);
  });

  test("HEAD / is the same head with no body", async () => {
    const full = await get("/");
    const r = await get("/", "", "HEAD");
    expect(r.status).toBe(200);
    expect(field(r, "content-length")).toBe(String(full.body.length));
  });

  test("Range: bytes=0-9 is 206 with those ten bytes and Content-Range", async () => {
    const full = await get("/");
    const r = await get("/", "Range: bytes=0-9\r\n");
    const lesson = {
      rule: "RFC 9110 §14.2, §15.3.7: 206 with Content-Range: bytes 0-9/<length>",
      book: `${BOOK}#range-requests`,
    };
    expectTrue(r.status === 206, `expected 206, got "${r.statusLine}"`, lesson);
    expect(field(r, "content-range")).toBe(`bytes 0-9/${full.body.length}`);
    expect(r.body.equals(full.body.subarray(0, 10))).toBe(true);
  });

  test("a suffix range, bytes=-5, is the last five bytes", async () => {
    const full = await get("/");
    const r = await get("/", "Range: bytes=-5\r\n");
    expect(r.status).toBe(206);
    const n = full.body.length;
    expect(field(r, "content-range")).toBe(`bytes ${n - 5}-${n - 1}/${n}`);
    expect(r.body.equals(full.body.subarray(n - 5))).toBe(true);
  });

  test("a range that starts past the end is 416 with Content-Range: bytes */length", async () => {
    const full = await get("/");
    const r = await get("/", `Range: bytes=${full.body.length + 10}-\r\n`);
    const lesson = { rule: "RFC 9110 §15.5.17: 416, and Content-Range names the current length" };
    expectTrue(r.status === 416, `expected 416, got "${r.statusLine}"`, lesson);
    expect(field(r, "content-range")).toBe(`bytes */${full.body.length}`);
  });

  test("a target that climbs out of the root never gets a file", async () => {
    const r = await get("/../package.json");
    expectTrue([400, 403, 404].includes(r.status), `expected a refusal, got "${r.statusLine}"`, {
      rule: "RFC 9110 §4.2.4 and the book's confinement: dot-segments never leave the root",
      book: `${BOOK}#the-attacks`,
    });
  });
});
