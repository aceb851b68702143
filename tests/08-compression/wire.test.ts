/**
 * Wire-level (the open track runs it against any server): content
 * negotiation of codings for the file at `/` (RFC 9110 §12.5.3, §8.4).
 * The file must be large and compressible enough to be worth it (the
 * reference's is 3 KB of HTML).
 */
import { brotliDecompressSync, gunzipSync } from "node:zlib";
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

const BOOK = "chapters/08-compression.md";
let server: WireTarget;
beforeAll(async () => {
  server = await wireTarget(() => startReference(8, WIRE_SITE));
});
afterAll(() => server.close());

async function get(acceptEncoding?: string): Promise<WireResponse> {
  const ae = acceptEncoding === undefined ? "" : `Accept-Encoding: ${acceptEncoding}\r\n`;
  const sent = `GET / HTTP/1.1\r\nHost: localhost\r\n${ae}\r\n`;
  const { received } = await exchange(server.port, sent, { until: holdsResponses(1) }, server.host);
  const [r] = readResponses(received, undefined, false);
  expectTrue(r !== undefined, `no response: ${escapeBytes(received.subarray(0, 200))}`, { sent });
  return r;
}

describe(`compression negotiation (${BOOK})`, () => {
  test("Accept-Encoding: gzip gets gzip, Vary names Accept-Encoding, and it inflates to the file", async () => {
    const plain = await get();
    const r = await get("gzip");
    const lesson = {
      rule: "RFC 9110 §12.5.3, §8.4: the coding the client accepts, and Vary: accept-encoding",
      book: BOOK,
    };
    expectTrue(
      field(r, "content-encoding") === "gzip",
      `content-encoding: ${field(r, "content-encoding")}`,
      lesson,
    );
    expect(field(r, "vary")).toMatch(/accept-encoding/i);
    expect(gunzipSync(r.body).equals(plain.body)).toBe(true);
  });

  test("Accept-Encoding: br gets br, and it decompresses to the file", async () => {
    const plain = await get();
    const r = await get("br");
    expect(field(r, "content-encoding")).toBe("br");
    expect(brotliDecompressSync(r.body).equals(plain.body)).toBe(true);
  });

  test("no Accept-Encoding, or gzip;q=0, is the file as it is", async () => {
    for (const ae of [undefined, "gzip;q=0", "identity"]) {
      const r = await get(ae);
      expectTrue(
        field(r, "content-encoding") === undefined,
        `Accept-Encoding: ${ae} got ${field(r, "content-encoding")}`,
        {
          rule: "RFC 9110 §12.5.3: q=0 means not acceptable; without the field, identity is safest",
        },
      );
      expect(r.status).toBe(200);
    }
  });
});
