/**
 * Reads the ClientHello off the front of a TLS connection, however TCP
 * chunks it: records (RFC 8446 §5.1) carry handshake fragments, fragments
 * join into the ClientHello message (§4), and the message body is parsed
 * once it is whole. This is what a TLS-terminating proxy does before it
 * forwards or answers anything: peek, learn the server name and the
 * protocols, then choose.
 *
 *     bytes ─▶ record header ─▶ fragment ─▶ … ─▶ handshake header
 *                                               ─▶ body ─▶ ClientHello
 *
 * Each pushed byte is looked at a bounded number of times: the reader
 * keeps chunks as pieces and joins them only once enough bytes for the
 * next step have arrived.
 */
import { Buffer } from "node:buffer";
import { type ClientHello, parseClientHello } from "./client-hello.ts";
import {
  HANDSHAKE_HEADER_BYTES,
  MAX_HELLO_BYTES,
  readHandshakeHeader,
} from "./handshake-header.ts";
import {
  RECORD_HEADER_BYTES,
  type RecordHeader,
  readRecordHeader,
} from "./record-header.ts";
import { type TlsError, tlsError } from "./tls-errors.ts";

export type HelloResult =
  | { readonly kind: "incomplete" }
  /** `end`: the offset just past the record that completed the hello. */
  | { readonly kind: "done"; readonly hello: ClientHello; readonly end: number }
  | { readonly kind: "error"; readonly error: TlsError };

export interface HelloLimits {
  /** Largest ClientHello body accepted (default MAX_HELLO_BYTES). */
  readonly maxHelloBytes: number;
}

const INCOMPLETE: HelloResult = { kind: "incomplete" };

export class ClientHelloReader {
  readonly #maxHelloBytes: number;
  /** Received bytes not yet cut into records. */
  #pieces: Buffer[] = [];
  #held = 0;
  /** Bytes cut into records so far (for `end`). */
  #offset = 0;
  /** The header of the record whose fragment we wait for. */
  #record: RecordHeader | undefined;
  /** Handshake bytes joined from the fragments so far. */
  #fragments: Buffer[] = [];
  #helloBytes = 0;
  /** The ClientHello body's length, once its header was read. */
  #bodyLength: number | undefined;
  #settled: HelloResult | undefined;

  constructor(limits: Partial<HelloLimits> = {}) {
    this.#maxHelloBytes = limits.maxHelloBytes ?? MAX_HELLO_BYTES;
  }

  /**
   * Takes the next chunk from the connection. Answers "incomplete" until
   * the record that ends the ClientHello is whole, then "done" with the
   * hello; the first malformed byte makes it "error". Once settled, every
   * later push returns the same answer.
   *
   * @exercise
   * @hint nudge: two layers: records wrap fragments, fragments join into one
   *   handshake message; you need a whole record before its fragment counts,
   *   and a whole message before you parse it.
   * @hint concept: RFC 8446 §5.1: a handshake message may span records. Loop:
   *   readRecordHeader on up to 5 held bytes (an early error is final); with a
   *   header, wait for its length, then add its fragment; once 4 + the
   *   handshake header's length are there, parse the body.
   * @hint solution: settled already: that answer again. Keep a copy of the
   *   chunk, count it held. Loop: no record yet: readRecordHeader on a #peek of
   *   5 (an error is #settle'd), #take them. Wait for its length; #take the
   *   fragment, count #helloBytes, drop the record; #settle any #message.
   */
  push(chunk: Uint8Array): HelloResult {
    if (this.#settled) return this.#settled;
    this.#pieces.push(Buffer.from(chunk));
    this.#held += chunk.length;
    for (;;) {
      if (!this.#record) {
        const r = readRecordHeader(this.#peek(RECORD_HEADER_BYTES));
        if (!r.ok) return this.#settle({ kind: "error", error: r.error });
        if (r.value === "incomplete") return INCOMPLETE;
        this.#take(RECORD_HEADER_BYTES);
        this.#record = r.value;
      }
      if (this.#held < this.#record.length) return INCOMPLETE;
      this.#fragments.push(this.#take(this.#record.length));
      this.#helloBytes += this.#record.length;
      this.#record = undefined;
      const message = this.#message();
      if (message) return this.#settle(message);
    }
  }

  /**
   * After a fragment arrived: reads the handshake header once 4 bytes are
   * there, parses the body once it is whole. Undefined: wait for more.
   */
  #message(): HelloResult | undefined {
    if (this.#bodyLength === undefined) {
      if (this.#helloBytes < HANDSHAKE_HEADER_BYTES) return undefined;
      const head = this.#joined().subarray(0, HANDSHAKE_HEADER_BYTES);
      const length = readHandshakeHeader(head, this.#maxHelloBytes);
      if (!length.ok) return { kind: "error", error: length.error };
      this.#bodyLength = length.value;
    }
    const total = HANDSHAKE_HEADER_BYTES + this.#bodyLength;
    if (this.#helloBytes < total) return undefined;
    // Another handshake message may not follow before the server answers.
    if (this.#helloBytes > total)
      return { kind: "error", error: tlsError("TLS_BAD_LENGTH") };
    const hello = parseClientHello(
      this.#joined().subarray(HANDSHAKE_HEADER_BYTES),
    );
    if (!hello.ok) return { kind: "error", error: hello.error };
    return { kind: "done", hello: hello.value, end: this.#offset };
  }

  #settle(result: HelloResult): HelloResult {
    this.#settled = result;
    this.#pieces = [];
    this.#fragments = [];
    return result;
  }

  /** The handshake bytes so far, as one buffer. */
  #joined(): Buffer {
    if (this.#fragments.length > 1)
      this.#fragments = [Buffer.concat(this.#fragments)];
    return this.#fragments[0] ?? Buffer.alloc(0);
  }

  /** Up to `n` held bytes from the front, without taking them. */
  #peek(n: number): Buffer {
    const first = this.#pieces[0];
    if (first && first.length >= n) return first.subarray(0, n);
    return Buffer.concat(this.#pieces).subarray(0, n);
  }

  /** Removes `n` held bytes (n <= held) from the front and returns them. */
  #take(n: number): Buffer {
    const all =
      this.#pieces.length === 1
        ? (this.#pieces[0] as Buffer)
        : Buffer.concat(this.#pieces);
    this.#pieces = all.length > n ? [all.subarray(n)] : [];
    this.#held -= n;
    this.#offset += n;
    return all.subarray(0, n);
  }
}

/** Reads a ClientHello from bytes that are all there (a captured record). */
export function readClientHello(
  bytes: Uint8Array,
  limits?: Partial<HelloLimits>,
): HelloResult {
  return new ClientHelloReader(limits).push(bytes);
}
