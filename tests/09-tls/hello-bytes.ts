/**
 * ClientHello bytes for tests: two captured from real clients (fixtures/,
 * see fixtures/README.md) and a builder for hellos with one thing wrong.
 */
import { readFileSync } from "node:fs";

const fixture = (name: string): Buffer =>
  Buffer.from(readFileSync(new URL(`fixtures/${name}.hex`, import.meta.url), "utf8").trim(), "hex");

/** node:tls 20 asking for example.test, offering h2 and http/1.1. */
export const NODE_HELLO = fixture("node-client-hello");
/** openssl s_client 3.0 asking for www.example.test, offering http/1.1. */
export const OPENSSL_HELLO = fixture("openssl-client-hello");

const u16 = (n: number): Buffer => Buffer.from([n >> 8, n & 0xff]);
const u24 = (n: number): Buffer => Buffer.from([n >> 16, (n >> 8) & 0xff, n & 0xff]);

/** A vector: `size`-byte length, then the bytes (RFC 8446 §3.4). */
export function vec(size: 1 | 2, ...parts: (Uint8Array | string)[]): Buffer {
  const body = Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p)));
  return Buffer.concat([size === 1 ? Buffer.from([body.length]) : u16(body.length), body]);
}

/** One extension: type, then its data as a 2-byte vector. */
export const ext = (type: number, data: Uint8Array): Buffer =>
  Buffer.concat([u16(type), vec(2, data)]);

/** server_name data for one host_name (RFC 6066 §3). */
export const sniData = (...names: string[]): Buffer =>
  vec(2, ...names.map((n) => Buffer.concat([Buffer.from([0]), vec(2, n)])));

/** ALPN data for these ids (RFC 7301 §3.1). */
export const alpnData = (...ids: string[]): Buffer => vec(2, ...ids.map((id) => vec(1, id)));

export interface HelloParts {
  readonly legacyVersion?: number;
  readonly sessionId?: Uint8Array;
  readonly suites?: Uint8Array;
  readonly methods?: Uint8Array;
  /** The extension block's content (without its length); omit for none. */
  readonly extensions?: Uint8Array;
}

/** A ClientHello body from parts; defaults make a valid TLS 1.3 hello. */
export function helloBody(parts: HelloParts = {}): Buffer {
  const extensions =
    parts.extensions ??
    Buffer.concat([ext(0, sniData("example.test")), ext(16, alpnData("http/1.1"))]);
  return Buffer.concat([
    u16(parts.legacyVersion ?? 0x0303),
    Buffer.alloc(32, 7),
    vec(1, parts.sessionId ?? Buffer.alloc(32, 1)),
    vec(2, parts.suites ?? Buffer.from([0x13, 0x01, 0x13, 0x02])),
    vec(1, parts.methods ?? Buffer.from([0])),
    vec(2, extensions),
  ]);
}

/** The handshake message: msg_type client_hello (1), uint24 length, body. */
export const handshake = (body: Uint8Array, type = 1): Buffer =>
  Buffer.concat([Buffer.from([type]), u24(body.length), body]);

/**
 * Handshake records carrying `message`, cut into fragments at `cuts`
 * (offsets into the message), each with legacy_record_version 0x0301.
 */
export function records(message: Uint8Array, cuts: readonly number[] = []): Buffer {
  const out: Uint8Array[] = [];
  let from = 0;
  for (const to of [...cuts, message.length]) {
    const fragment = message.subarray(from, to);
    out.push(Buffer.from([22, 3, 1]), u16(fragment.length), fragment);
    from = to;
  }
  return Buffer.concat(out);
}

/** A whole ClientHello in one record, from parts. */
export const hello = (parts: HelloParts = {}): Buffer => records(handshake(helloBody(parts)));
