/**
 * Wire-level (the open track runs it against any server): conditional
 * requests on the file at `/` (RFC 9110 §13). The tests use whatever
 * validators the server sends with its 200.
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

const BOOK = "chapters/07-caching.md";
let server: WireTarget;
beforeAll(async () => {
  server = await wireTarget(() => startReference(7, WIRE_SITE));
});
afterAll(() => server.close());

async function get(extra = ""): Promise<WireResponse> {
  const sent = `GET / HTTP/1.1\r\nHost: localhost\r\n${extra}\r\n`;
  const { received } = await exchange(server.port, sent, { until: holdsResponses(1) }, server.host);
  const [r] = readResponses(received, undefined, false);
  expectTrue(r !== undefined, `no response: ${escapeBytes(received)}`, { sent });
  return r;
}

describe(`conditional requests (${BOOK})`, () => {
  test("If-None-Match with the current ETag is 304: no body, the same ETag", async () => {
    const full = await get();
    const etag = field(full, "etag");
    expectTrue(etag !== undefined, "GET / should carry an ETag", { rule: "RFC 9110 §8.8.3" });
    const r = await get(`If-None-Match: ${etag}\r\n`);
    const lesson = {
      rule: "RFC 9110 §13.1.2: If-None-Match that matches gets 304 for GET",
      book: `${BOOK}#the-order-of-preconditions`,
    };
    expectTrue(r.status === 304, `expected 304, got "${r.statusLine}"`, lesson);
    expect(r.body.length).toBe(0);
    expect(field(r, "etag")).toBe(etag);
  });

  test("If-None-Match with another tag is the full 200", async () => {
    const r = await get('If-None-Match: "not-this-one"\r\n');
    expect(r.status).toBe(200);
    expect(r.body.length).toBeGreaterThan(0);
  });

  test("If-Modified-Since at the Last-Modified date is 304", async () => {
    const full = await get();
    const lastModified = field(full, "last-modified");
    expectTrue(lastModified !== undefined, "GET / should carry Last-Modified", {
      rule: "RFC 9110 §8.8.2",
    });
    const r = await get(`If-Modified-Since: ${lastModified}\r\n`);
    expectTrue(r.status === 304, `expected 304, got "${r.statusLine}"`, {
      rule: "RFC 9110 §13.1.3: not modified since that date: 304",
    });
  });

  test("If-Match with a tag that does not match is 412", async () => {
    const r = await get('If-Match: "not-this-one"\r\n');
    expectTrue(r.status === 412, `expected 412, got "${r.statusLine}"`, {
      rule: "RFC 9110 §13.1.1: If-Match that does not match gets 412 Precondition Failed",
    });
  });

  test("If-None-Match wins over If-Modified-Since", async () => {
    const full = await get();
    const r = await get(
      `If-None-Match: "not-this-one"\r\nIf-Modified-Since: ${field(full, "last-modified")}\r\n`,
    );
    expectTrue(r.status === 200, `expected 200, got "${r.statusLine}"`, {
      rule: "RFC 9110 §13.1.3: a recipient MUST ignore If-Modified-Since when If-None-Match is present",
    });
  });
});
