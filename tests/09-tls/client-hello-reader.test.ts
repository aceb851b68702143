/**
 * The ClientHello reader on whole hellos: real ones captured from node:tls
 * and openssl, and built ones with exactly one thing wrong. Every case is
 * also fed at every split and one byte at a time: the answer may not
 * depend on how TCP cut the bytes.
 */
import { describe, expect, test } from "vitest";
import { ClientHelloReader, type HelloResult } from "#ch09/client-hello-reader.ts";
import type { TlsErrorCode } from "#ch09/tls-errors.ts";
import { everyByte, everySplit } from "#testing/raw-client.ts";
import { expectTrue } from "#testing/wire.ts";
import {
  alpnData,
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

const BOOK = "chapters/09-tls.md";

/** Push chunks until the reader answers; "incomplete" if it never does. */
function feed(chunks: readonly Uint8Array[]): HelloResult {
  const reader = new ClientHelloReader();
  let last: HelloResult = { kind: "incomplete" };
  for (const chunk of chunks) {
    last = reader.push(chunk);
    if (last.kind !== "incomplete") return last;
  }
  return last;
}

const show = (r: HelloResult): string =>
  r.kind === "error" ? `error ${r.error.code}` : JSON.stringify(r);

/** Feed whole, at every split and byte by byte; all must agree. */
function feedEveryWay(bytes: Buffer, rule: string): HelloResult {
  const whole = feed([bytes]);
  const ways: [string, Buffer[]][] = [["one byte at a time", everyByte(bytes)]];
  for (const [a, b] of everySplit(bytes)) ways.push([`split at byte ${a.length}`, [a, b]]);
  for (const [how, chunks] of ways) {
    const got = feed(chunks);
    expectTrue(show(got) === show(whole), `Fed ${how}: ${show(got)}; whole: ${show(whole)}`, {
      rule,
      book: `${BOOK}#reading-a-clienthello-incrementally`,
      sent: bytes,
    });
  }
  return whole;
}

describe("ClientHellos from real clients", () => {
  test("node:tls: server name and ALPN offer (RFC 6066 §3, RFC 7301 §3.1)", () => {
    const r = feedEveryWay(NODE_HELLO, "RFC 8446 §5.1: records arrive in any chunks");
    expect(r.kind).toBe("done");
    if (r.kind !== "done") return;
    expect(r.hello.serverName).toBe("example.test");
    expect(r.hello.alpn).toEqual(["h2", "http/1.1"]);
    expect(r.hello.versions).toEqual([0x0304, 0x0303]);
    expect(r.end).toBe(NODE_HELLO.length);
  });

  test("openssl s_client: server name, ALPN and four versions", () => {
    const r = feedEveryWay(OPENSSL_HELLO, "RFC 8446 §5.1: records arrive in any chunks");
    expect(r.kind === "done" && r.hello.serverName).toBe("www.example.test");
    expect(r.kind === "done" && r.hello.alpn).toEqual(["http/1.1"]);
    expect(r.kind === "done" && r.hello.versions).toEqual([0x0304, 0x0303, 0x0302, 0x0301]);
  });

  test("every strict prefix of a real hello is incomplete, never an error", () => {
    for (let n = 0; n < NODE_HELLO.length; n++) {
      const r = feed([NODE_HELLO.subarray(0, n)]);
      expectTrue(r.kind === "incomplete", `the first ${n} bytes gave ${show(r)}`, {
        rule: "a record is judged only when it is whole (RFC 8446 §5.1)",
        book: `${BOOK}#reading-a-clienthello-incrementally`,
      });
    }
  });

  test("a hello fragmented across three records is joined (RFC 8446 §5.1)", () => {
    const message = handshake(helloBody());
    const r = feedEveryWay(records(message, [2, 40]), "handshake messages may span records");
    expect(r.kind === "done" && r.hello.serverName).toBe("example.test");
  });

  test("no SNI and no ALPN: both undefined, not errors", () => {
    const r = feed([hello({ extensions: ext(43, vec(1, Buffer.from([3, 4]))) })]);
    expect(r.kind === "done" && [r.hello.serverName, r.hello.alpn]).toEqual([undefined, undefined]);
  });

  test("the server name is lower-cased: DNS names compare without case", () => {
    const r = feed([hello({ extensions: ext(0, sniData("WWW.Example.TEST")) })]);
    expect(r.kind === "done" && r.hello.serverName).toBe("www.example.test");
  });
});

const long = (n: number): Buffer => Buffer.alloc(n, 0x61);

/** Malformed input and the code each must produce. */
const REFUSED: readonly [string, Buffer, TlsErrorCode][] = [
  ["plain HTTP on the TLS port", Buffer.from("GET / HTTP/1.1\r\n"), "TLS_PLAIN_HTTP"],
  ["an alert record first", Buffer.from([21, 3, 3, 0, 2, 2, 40]), "TLS_NOT_HANDSHAKE"],
  ["SSL 2 style first bytes", Buffer.from([0x80, 0x2e, 1, 3, 1]), "TLS_NOT_HANDSHAKE"],
  ["record major version 2", Buffer.from([22, 2, 0, 0, 5]), "TLS_BAD_RECORD_VERSION"],
  ["record longer than 2^14", Buffer.from([22, 3, 1, 0x40, 1]), "TLS_RECORD_OVERFLOW"],
  ["zero-length handshake record", Buffer.from([22, 3, 1, 0, 0]), "TLS_EMPTY_RECORD"],
  [
    "ServerHello where a ClientHello belongs",
    records(handshake(helloBody(), 2)),
    "TLS_NOT_CLIENT_HELLO",
  ],
  [
    "ClientHello announcing 16 MiB",
    records(Buffer.from([1, 0xff, 0xff, 0xff])),
    "TLS_HELLO_TOO_LONG",
  ],
  [
    "second handshake message in the record",
    records(Buffer.concat([handshake(helloBody()), Buffer.from([1])])),
    "TLS_BAD_LENGTH",
  ],
  ["session id of 33 bytes", hello({ sessionId: Buffer.alloc(33) }), "TLS_BAD_LEGACY_FIELD"],
  [
    "odd cipher suite length",
    hello({ suites: Buffer.from([0x13, 1, 0x13]) }),
    "TLS_BAD_LEGACY_FIELD",
  ],
  ["no null compression method", hello({ methods: Buffer.from([1]) }), "TLS_BAD_LEGACY_FIELD"],
  ["SSL 3.0 legacy_version", hello({ legacyVersion: 0x0300 }), "TLS_BAD_LEGACY_FIELD"],
  [
    "extension length past the block",
    hello({ extensions: Buffer.from([0, 0, 0, 9, 1]) }),
    "TLS_BAD_LENGTH",
  ],
  [
    "server_name twice",
    hello({ extensions: Buffer.concat([ext(0, sniData("a.test")), ext(0, sniData("b.test"))]) }),
    "TLS_DUPLICATE_EXTENSION",
  ],
  [
    "two host_names in one list",
    hello({ extensions: ext(0, sniData("a.test", "b.test")) }),
    "TLS_BAD_SERVER_NAME",
  ],
  ["empty server name list", hello({ extensions: ext(0, vec(2)) }), "TLS_BAD_SERVER_NAME"],
  [
    "server_name list shorter than its data",
    hello({ extensions: ext(0, Buffer.concat([sniData("a.test"), Buffer.from([0])])) }),
    "TLS_BAD_SERVER_NAME",
  ],
  [
    "IPv4 literal as server name",
    hello({ extensions: ext(0, sniData("127.0.0.1")) }),
    "TLS_ADDRESS_AS_SERVER_NAME",
  ],
  [
    "trailing dot in server name",
    hello({ extensions: ext(0, sniData("example.test.")) }),
    "TLS_INVALID_HOST_NAME",
  ],
  [
    "NUL inside the server name",
    hello({ extensions: ext(0, sniData("evil.test\x00.good.test")) }),
    "TLS_INVALID_HOST_NAME",
  ],
  [
    "label of 64 bytes",
    hello({ extensions: ext(0, sniData(`${long(64)}.test`)) }),
    "TLS_INVALID_HOST_NAME",
  ],
  ["empty ALPN protocol name", hello({ extensions: ext(16, alpnData("h2", "")) }), "TLS_BAD_ALPN"],
  ["empty ALPN list", hello({ extensions: ext(16, vec(2)) }), "TLS_BAD_ALPN"],
  [
    "ALPN name past the list",
    hello({ extensions: ext(16, vec(2, Buffer.from([5]), "h2")) }),
    "TLS_BAD_ALPN",
  ],
  [
    "bytes after the ALPN list",
    hello({ extensions: ext(16, Buffer.concat([alpnData("h2"), Buffer.from([0])])) }),
    "TLS_BAD_ALPN",
  ],
];

describe("malformed hellos are typed errors, never a throw", () => {
  test.each(REFUSED)("%s", (_name, bytes, code) => {
    const r = feedEveryWay(bytes, "a refusal may not depend on chunking");
    expectTrue(r.kind === "error" && r.error.code === code, `expected ${code}, got ${show(r)}`, {
      rule: "RFC 8446 §4.1.2, RFC 6066 §3, RFC 7301 §3.1: malformed input is refused with a code",
      book: `${BOOK}#strict-errors`,
      sent: bytes,
    });
  });

  test("a wrong first byte is refused at once, without waiting for five", () => {
    const r = new ClientHelloReader().push(Buffer.from("G"));
    expect(r.kind === "error" && r.error.code).toBe("TLS_PLAIN_HTTP");
  });

  test("after an answer, later pushes return the same answer", () => {
    const reader = new ClientHelloReader();
    const first = reader.push(NODE_HELLO);
    expect(reader.push(Buffer.from("more"))).toEqual(first);
  });

  test("maxHelloBytes is configurable", () => {
    const r = new ClientHelloReader({ maxHelloBytes: 100 }).push(NODE_HELLO);
    expect(r.kind === "error" && r.error.code).toBe("TLS_HELLO_TOO_LONG");
  });
});
