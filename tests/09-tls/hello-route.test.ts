/**
 * The listener's cheap read of a first record (hello-route.ts): the
 * headers refused as the reader refuses them, and whether the hello
 * offers TLS 1.3, which decides the server that handshakes it. What the
 * walk cannot read is undefined, never a guess and never a throw.
 */
import { describe, expect, test } from "vitest";
import { ClientHelloReader } from "#ch09/client-hello-reader.ts";
import { offersTls13, routeHello } from "#ch09/hello-route.ts";
import {
  ext,
  handshake,
  hello,
  helloBody,
  NODE_HELLO,
  OPENSSL_HELLO,
  records,
  sniData,
  vec,
} from "./hello-bytes.ts";

const BOOK = "chapters/09-tls.md#what-the-listener-reads";
const versions = (...v: number[]): Buffer =>
  ext(43, vec(1, Buffer.from(v.flatMap((x) => [x >> 8, x & 0xff]))));
const withExtensions = (...parts: Buffer[]): Buffer =>
  helloBody({ extensions: Buffer.concat(parts) });

describe("offersTls13 (RFC 8446 §4.1.2, §4.2.1)", () => {
  test.each([
    ["1.3 and 1.2", withExtensions(ext(0, sniData("a.test")), versions(0x0304, 0x0303)), true],
    ["GREASE, then 1.3", withExtensions(versions(0x7a7a, 0x0304)), true],
    ["1.2 only", withExtensions(versions(0x0303)), false],
    ["no supported_versions", withExtensions(ext(0, sniData("a.test"))), false],
  ])("%s -> %s", (_name, body, expected) => {
    expect(offersTls13(body), BOOK).toBe(expected);
  });

  test("a hello that ends after its compression methods offers TLS 1.2 at most", () => {
    const body = helloBody({ extensions: Buffer.alloc(0) });
    // Drop the empty extension block's two length bytes: no block at all.
    expect(offersTls13(body.subarray(0, body.length - 2))).toBe(false);
  });

  test.each([
    ["odd versions length", withExtensions(ext(43, vec(1, Buffer.from([3, 4, 3]))))],
    ["versions length past the extension", withExtensions(ext(43, Buffer.from([9, 3, 4])))],
    ["extension past the block", Buffer.concat([helloBody().subarray(0, -2), Buffer.from([0])])],
    ["block shorter than the body", Buffer.concat([helloBody(), Buffer.from([0])])],
    ["cut inside the cipher suites", helloBody().subarray(0, 70)],
  ])("%s: undefined, for OpenSSL to judge", (_name, body) => {
    expect(offersTls13(body), BOOK).toBeUndefined();
  });

  test("agrees with the full reader on real hellos", () => {
    for (const bytes of [NODE_HELLO, OPENSSL_HELLO]) {
      const full = new ClientHelloReader().push(bytes);
      const route = routeHello(bytes);
      expect(full.kind).toBe("done");
      const offered = full.kind === "done" && full.hello.versions.includes(0x0304);
      expect(route, BOOK).toEqual({ kind: "hello", tls13: offered });
    }
  });
});

describe("routeHello: the first record", () => {
  test("waits for the header, then for the whole record", () => {
    expect(routeHello(NODE_HELLO.subarray(0, 3))).toEqual({ kind: "incomplete", needs: 5 });
    const length = NODE_HELLO.readUInt16BE(3);
    expect(routeHello(NODE_HELLO.subarray(0, 40))).toEqual({
      kind: "incomplete",
      needs: 5 + length,
    });
  });

  test("refuses what the headers refuse, at the first wrong byte", () => {
    const code = (bytes: Uint8Array) => {
      const r = routeHello(bytes);
      return r.kind === "refused" ? r.error.code : r.kind;
    };
    expect(code(Buffer.from("G"))).toBe("TLS_PLAIN_HTTP");
    expect(code(Buffer.from([21, 3, 3, 0, 2, 2, 40]))).toBe("TLS_NOT_HANDSHAKE");
    expect(code(Buffer.from([22, 3, 1, 0xff, 0xff]))).toBe("TLS_RECORD_OVERFLOW");
    expect(code(records(handshake(helloBody(), 2)))).toBe("TLS_NOT_CLIENT_HELLO");
  });

  test("a hello longer than its first record is let through, undecided", () => {
    const split = records(handshake(withExtensions(versions(0x0303))), [60]);
    expect(routeHello(split)).toEqual({ kind: "hello", tls13: undefined });
    expect(routeHello(hello({ extensions: versions(0x0303) }))).toEqual({
      kind: "hello",
      tls13: false,
    });
  });
});
