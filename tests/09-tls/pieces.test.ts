/**
 * Each step of the reader alone, in the order the chapter grows it:
 * record header, handshake header, extension walk, server_name, ALPN.
 */
import { describe, expect, test } from "vitest";
import { readAlpn } from "#ch09/alpn.ts";
import { walkExtensions } from "#ch09/extensions.ts";
import { readHandshakeHeader } from "#ch09/handshake-header.ts";
import { readRecordHeader } from "#ch09/record-header.ts";
import { isHostName, readServerName } from "#ch09/server-name.ts";
import type { Read } from "#ch09/tls-errors.ts";
import { alpnData, ext, sniData, vec } from "./hello-bytes.ts";

const code = <T>(r: Read<T>): string => (r.ok ? "ok" : r.error.code);
const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe("readRecordHeader (RFC 8446 §5.1)", () => {
  test.each([
    ["nothing yet", bytes(), "ok"],
    ["a handshake type byte", bytes(22), "ok"],
    ["four good bytes", bytes(22, 3, 1, 0), "ok"],
    ["G of GET", bytes(0x47), "TLS_PLAIN_HTTP"],
    ["application data", bytes(23, 3, 3, 0, 5), "TLS_NOT_HANDSHAKE"],
    ["major version 4", bytes(22, 4), "TLS_BAD_RECORD_VERSION"],
    ["2^14 + 1 bytes", bytes(22, 3, 1, 0x40, 0x01), "TLS_RECORD_OVERFLOW"],
    ["zero length", bytes(22, 3, 3, 0, 0), "TLS_EMPTY_RECORD"],
  ])("%s -> %s", (_n, input, expected) => {
    expect(code(readRecordHeader(input))).toBe(expected);
  });

  test("fewer than five bytes is incomplete; five give type, version, length", () => {
    expect(readRecordHeader(bytes(22, 3, 1, 1))).toEqual({ ok: true, value: "incomplete" });
    expect(readRecordHeader(bytes(22, 3, 1, 0x40, 0x00))).toEqual({
      ok: true,
      value: { type: 22, version: 0x0301, length: 16384 },
    });
  });
});

describe("readHandshakeHeader (RFC 8446 §4)", () => {
  test("client_hello with a 24-bit length", () => {
    expect(readHandshakeHeader(bytes(1, 0, 1, 0x2c))).toEqual({ ok: true, value: 300 });
    expect(readHandshakeHeader(bytes(1, 0, 0x40, 0), 16384)).toEqual({ ok: true, value: 16384 });
  });
  test("other message types and lengths past the limit are refused", () => {
    expect(code(readHandshakeHeader(bytes(2, 0, 0, 10)))).toBe("TLS_NOT_CLIENT_HELLO");
    expect(code(readHandshakeHeader(bytes(1, 0, 0x40, 1), 16384))).toBe("TLS_HELLO_TOO_LONG");
    expect(code(readHandshakeHeader(bytes(1, 1, 0, 0), 16384))).toBe("TLS_HELLO_TOO_LONG");
  });
});

describe("walkExtensions (RFC 8446 §4.2)", () => {
  test("types and data in order, unknown ones included", () => {
    const block = Buffer.concat([ext(0xfafa, bytes()), ext(16, bytes(1, 2)), ext(43, bytes(9))]);
    const r = walkExtensions(block);
    expect(r.ok && r.value.map((e) => [e.type, [...e.data]])).toEqual([
      [0xfafa, []],
      [16, [1, 2]],
      [43, [9]],
    ]);
  });
  test("an empty block has no extensions", () => {
    expect(walkExtensions(bytes())).toEqual({ ok: true, value: [] });
  });
  test("a duplicate type or a length past the end is refused", () => {
    expect(code(walkExtensions(Buffer.concat([ext(5, bytes()), ext(5, bytes())])))).toBe(
      "TLS_DUPLICATE_EXTENSION",
    );
    expect(code(walkExtensions(bytes(0, 16, 0, 3, 1)))).toBe("TLS_BAD_LENGTH");
    expect(code(walkExtensions(bytes(0, 16, 0)))).toBe("TLS_BAD_LENGTH");
  });
});

describe("readServerName (RFC 6066 §3)", () => {
  test("the host_name, lower-cased", () => {
    expect(readServerName(sniData("Api.Example.TEST"))).toEqual({
      ok: true,
      value: "api.example.test",
    });
  });
  test("an unknown name type is skipped; the host_name still found", () => {
    const other = Buffer.concat([Buffer.from([7]), vec(2, "x")]);
    const host = Buffer.concat([Buffer.from([0]), vec(2, "a.test")]);
    expect(readServerName(vec(2, other, host))).toEqual({ ok: true, value: "a.test" });
  });
  test.each([
    ["two host_names", sniData("a.test", "b.test"), "TLS_BAD_SERVER_NAME"],
    ["empty list", vec(2), "TLS_BAD_SERVER_NAME"],
    ["empty name", sniData(""), "TLS_BAD_SERVER_NAME"],
    ["truncated entry", vec(2, Buffer.from([0, 0, 9]), "abc"), "TLS_BAD_SERVER_NAME"],
    ["IPv6 literal", sniData("::1"), "TLS_ADDRESS_AS_SERVER_NAME"],
    ["IPv4 literal", sniData("10.0.0.1"), "TLS_ADDRESS_AS_SERVER_NAME"],
    ["space", sniData("a b.test"), "TLS_INVALID_HOST_NAME"],
  ])("%s -> %s", (_n, data, expected) => {
    expect(code(readServerName(data))).toBe(expected);
  });
  test("isHostName: DNS names yes, addresses and junk no", () => {
    expect(["localhost", "a-b.example", "_acme.example.test", "x1.test"].every(isHostName)).toBe(
      true,
    );
    expect(["", "a..b", "-a.test", "a.test.", "1.2.3.4", "é.test"].some(isHostName)).toBe(false);
  });
});

describe("readAlpn (RFC 7301 §3.1)", () => {
  test("ids in the client's order", () => {
    expect(readAlpn(alpnData("h2", "http/1.1"))).toEqual({ ok: true, value: ["h2", "http/1.1"] });
  });
  test.each([
    ["empty name", alpnData("h2", ""), "TLS_BAD_ALPN"],
    ["empty list", vec(2), "TLS_BAD_ALPN"],
    ["name past the list", vec(2, Buffer.from([9]), "h2"), "TLS_BAD_ALPN"],
    ["list shorter than the data", Buffer.concat([alpnData("h2"), bytes(0)]), "TLS_BAD_ALPN"],
    ["no list length", bytes(0), "TLS_BAD_ALPN"],
  ])("%s -> %s", (_n, data, expected) => {
    expect(code(readAlpn(data))).toBe(expected);
  });
});
