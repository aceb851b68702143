/**
 * The chapter's one raw HTTP/2 test client, shared by the connection
 * tests and the conformance suite: frames built with
 * chapter 11's encodeFrame, field blocks with chapter 12's HpackEncoder,
 * and every byte the server sends decoded with chapter 11's FrameDecoder
 * and chapter 12's HpackDecoder. Nothing is hidden: a test sends exactly
 * the frames it names (rule-breaking ones included) and waits for the
 * frames, or the close, that the RFC says must follow.
 *
 * Only three things are automatic, because every test needs them and
 * none tests them by accident: the server's SETTINGS are acknowledged,
 * received DATA is given back to both flow-control windows (unless
 * `autoWindow` is off), and field blocks are decoded in arrival order.
 */
import net from "node:net";
import tls from "node:tls";
import type { HeaderList } from "#ch03/message.ts";
import { encodeFrame } from "#ch11/encode-frame.ts";
import { ERROR_CODES, type ErrorCodeName, errorCodeName } from "#ch11/error-codes.ts";
import { FrameDecoder } from "#ch11/frame-decoder.ts";
import { CONNECTION_PREFACE, FLAG } from "#ch11/frame-types.ts";
import type { Frame, GoawayFrame, HeadersFrame, RstStreamFrame } from "#ch11/frames.ts";
import type { Setting } from "#ch11/settings.ts";
import { HpackDecoder } from "#ch12/hpack-decoder.ts";
import { HpackEncoder } from "#ch12/hpack-encoder.ts";

/** Longest a test waits for any one answer; a bound on a broken server. */
export const WIRE_WAIT_MS = 3_000;

/** A received frame; HEADERS carry their decoded fields once the block is complete. */
export type Received = Frame & { readonly fields?: HeaderList };

export interface WireOptions {
  /** Connect over TLS with ALPN h2 (trusting `ca`). */
  readonly tls?: { readonly ca: string; readonly servername?: string };
  /** Give received DATA back with WINDOW_UPDATE (default true). */
  readonly autoWindow?: boolean;
  /**
   * The SETTINGS_HEADER_TABLE_SIZE our first SETTINGS announces: once
   * the server acknowledges it, our decoder holds the server's encoder to
   * it (RFC 7541 §4.2: a smaller size must be signalled first).
   */
  readonly headerTableSize?: number;
  /** Acknowledge the server's SETTINGS (default true; false tests SETTINGS_TIMEOUT). */
  readonly ackSettings?: boolean;
}

/** What a connection error looked like: the GOAWAY (if any) and whether the socket closed. */
export interface ConnectionEnd {
  readonly goaway: GoawayFrame | undefined;
  readonly closed: boolean;
}

export class H2Wire {
  readonly received: Received[] = [];
  /** Why our decoder refused the server's bytes: the server broke a rule. */
  serverFault: string | undefined;
  readonly encoder = new HpackEncoder();
  readonly #hpack = new HpackDecoder({ maxHeaderListSize: 1 << 20 });
  readonly #frames = new FrameDecoder({ preface: "server" });
  readonly #waiters = new Set<() => void>();
  /** The open field block: its HEADERS frame and fragments so far. */
  #block: { frame: HeadersFrame; parts: Uint8Array[] } | undefined;
  #closed = false;
  #autoWindow: boolean;
  #headerTableSize: number | undefined;
  #ackSettings: boolean;

  private constructor(
    readonly socket: net.Socket,
    options: WireOptions,
  ) {
    this.#autoWindow = options.autoWindow ?? true;
    this.#headerTableSize = options.headerTableSize;
    this.#ackSettings = options.ackSettings ?? true;
    socket.on("data", (chunk: Buffer) => this.#onData(chunk));
    socket.on("error", () => {});
    socket.on("close", () => {
      this.#closed = true;
      this.#wake();
    });
  }

  /** Opens a TCP (or TLS + ALPN h2) connection; nothing is sent yet. */
  static connect(port: number, options: WireOptions = {}): Promise<H2Wire> {
    return new Promise((resolve, reject) => {
      const t = options.tls;
      const socket = t
        ? tls.connect({
            port,
            host: "127.0.0.1",
            servername: t.servername ?? "localhost",
            ca: t.ca,
            ALPNProtocols: ["h2"],
          })
        : net.connect({ port, host: "127.0.0.1" });
      socket.setNoDelay(true);
      const ready = t ? "secureConnect" : "connect";
      socket.once(ready, () => resolve(new H2Wire(socket, options)));
      socket.once("error", reject);
    });
  }

  /** Connects, sends the preface and SETTINGS, and waits for the server's SETTINGS and ACK. */
  static async open(
    port: number,
    settings: readonly Setting[] = [],
    options: WireOptions = {},
  ): Promise<H2Wire> {
    const wire = await H2Wire.connect(port, options);
    await wire.handshake(settings);
    return wire;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The ALPN protocol agreed on a TLS connection. */
  get alpn(): string | false | null | undefined {
    return (this.socket as tls.TLSSocket).alpnProtocol;
  }

  sendRaw(bytes: Uint8Array): void {
    if (!this.#closed && !this.socket.destroyed) this.socket.write(bytes);
  }

  send(...frames: Frame[]): void {
    this.sendRaw(Buffer.concat(frames.map((f) => encodeFrame(f))));
  }

  /** A frame header and payload exactly as given: for lengths and flags encodeFrame would not write. */
  sendFrame(type: number, flags: number, streamId: number, payload: Uint8Array = new Uint8Array()) {
    const header = Buffer.alloc(9);
    header.writeUIntBE(payload.length, 0, 3);
    header[3] = type;
    header[4] = flags;
    header.writeUInt32BE(streamId >>> 0, 5);
    this.sendRaw(Buffer.concat([header, payload]));
  }

  async handshake(settings: readonly Setting[] = []): Promise<void> {
    this.sendRaw(CONNECTION_PREFACE);
    const table = this.#headerTableSize;
    const all = table === undefined ? settings : [{ id: 0x1, value: table }, ...settings];
    this.send({ type: "SETTINGS", streamId: 0, ack: false, settings: all });
    await this.waitFor((f) => f.type === "SETTINGS" && !f.ack, "the server's SETTINGS");
    await this.waitFor((f) => f.type === "SETTINGS" && f.ack, "the ACK of our SETTINGS");
  }

  /**
   * Announces a new SETTINGS_HEADER_TABLE_SIZE mid-connection and waits
   * for its ACK; from then on our decoder holds the server's encoder to it
   * (RFC 7541 §4.2: the next block must open with a size update).
   */
  async announceHeaderTableSize(size: number): Promise<void> {
    this.#headerTableSize = size;
    const from = this.received.length;
    this.send({ type: "SETTINGS", streamId: 0, ack: false, settings: [{ id: 0x1, value: size }] });
    await this.waitFor(
      (f) => f.type === "SETTINGS" && f.ack,
      "the ACK of our SETTINGS",
      WIRE_WAIT_MS,
      from,
    );
  }

  /** One field block as HEADERS (END_HEADERS set unless told otherwise). */
  headers(
    streamId: number,
    fields: HeaderList,
    flags: { endStream?: boolean; endHeaders?: boolean } = {},
  ): void {
    const fragment = this.encoder.encode(fields);
    this.send({
      type: "HEADERS",
      streamId,
      endStream: flags.endStream ?? true,
      endHeaders: flags.endHeaders ?? true,
      fragment,
    });
  }

  /** One DATA frame (END_STREAM set unless told otherwise). */
  data(streamId: number, data: Uint8Array | string, endStream = true): void {
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    this.send({ type: "DATA", streamId, endStream, data: bytes });
  }

  /** A request's fields: the four pseudo-headers, then `extra`. */
  static request(method: string, path: string, extra: HeaderList = []): HeaderList {
    return [...requestHead(method, path), ...extra];
  }

  get(streamId: number, path = "/hello", extra: HeaderList = []): void {
    this.headers(streamId, H2Wire.request("GET", path, extra));
  }

  /** A GET and its whole response. */
  async fetch(streamId: number, path: string, extra: HeaderList = []): Promise<WireResponse> {
    this.get(streamId, path, extra);
    return this.response(streamId);
  }

  /** The first received frame (oldest first, from index `from`) that matches, waiting for it. */
  async waitFor(
    match: (f: Received) => boolean,
    what = "a matching frame",
    ms = WIRE_WAIT_MS,
    from = 0,
  ) {
    const found = await this.#until(() => this.received.slice(from).find(match), ms);
    if (found === undefined) {
      const state = this.#closed ? "the connection closed" : `${ms} ms passed`;
      throw new Error(`expected ${what}, but ${state}; received: ${this.describe()}`);
    }
    return found;
  }

  /** The complete response on a stream: status, fields, body, trailers. */
  async response(streamId: number, ms = WIRE_WAIT_MS): Promise<WireResponse> {
    const ended = (f: Received) =>
      f.streamId === streamId &&
      (f.type === "RST_STREAM" || ((f.type === "DATA" || f.type === "HEADERS") && f.endStream));
    const last = await this.waitFor(ended, `the end of stream ${streamId}`, ms);
    if (last.type === "RST_STREAM") {
      throw new Error(`stream ${streamId} reset: ${codeName(last.errorCode)}`);
    }
    const mine = this.received.filter((f) => f.streamId === streamId);
    const blocks = mine.filter((f) => f.type === "HEADERS" && f.fields !== undefined);
    const final = blocks.find((f) => !String(statusOf(f.fields)).startsWith("1"));
    const body = Buffer.concat(mine.flatMap((f) => (f.type === "DATA" ? [f.data] : [])));
    const trailers = blocks.length > 1 && blocks.at(-1) !== final ? blocks.at(-1)?.fields : [];
    return {
      status: Number(statusOf(final?.fields)),
      fields: final?.fields ?? [],
      headers: (final?.fields ?? []).filter(([n]) => !n.startsWith(":")),
      body,
      trailers: trailers ?? [],
      interim: blocks.filter((f) => f !== final && f !== blocks.at(-1)).length,
      frames: mine,
    };
  }

  /**
   * §5.4.1: a connection error ends with GOAWAY carrying the code, then
   * a close. Waits for the GOAWAY, then for the close.
   */
  async connectionError(code: ErrorCodeName, ms = WIRE_WAIT_MS): Promise<GoawayFrame> {
    const goaway = (await this.waitFor(
      (f) => f.type === "GOAWAY",
      `GOAWAY ${code}`,
      ms,
    )) as GoawayFrame;
    if (goaway.errorCode !== ERROR_CODES[code]) {
      throw new Error(`expected GOAWAY ${code}, got GOAWAY ${codeName(goaway.errorCode)}`);
    }
    return goaway;
  }

  /** The first GOAWAY the server sent, whatever its code (waits for it). */
  async goaway(ms = WIRE_WAIT_MS): Promise<GoawayFrame> {
    return (await this.waitFor((f) => f.type === "GOAWAY", "a GOAWAY", ms)) as GoawayFrame;
  }

  /** Resolves true once the server has closed the connection (within `ms`). */
  async closedWithin(ms = WIRE_WAIT_MS): Promise<boolean> {
    return (await this.#until(() => (this.#closed ? true : undefined), ms)) ?? false;
  }

  /**
   * §5.4.2: a stream error is RST_STREAM with the code on the stream; an
   * endpoint MAY treat it as a connection error, so GOAWAY with the same
   * code is accepted too (as h2spec does).
   */
  async streamError(streamId: number, code: ErrorCodeName, ms = WIRE_WAIT_MS) {
    const answer = (await this.waitFor(
      (f) => (f.type === "RST_STREAM" && f.streamId === streamId) || f.type === "GOAWAY",
      `RST_STREAM ${code} on stream ${streamId}`,
      ms,
    )) as RstStreamFrame | GoawayFrame;
    if (answer.errorCode !== ERROR_CODES[code]) {
      throw new Error(
        `expected ${code} on stream ${streamId}, got ${answer.type} ${codeName(answer.errorCode)}`,
      );
    }
    return answer;
  }

  /** A PING round trip: proof the connection is still being served. */
  async ping(ms = WIRE_WAIT_MS): Promise<void> {
    const opaque = Buffer.from(crypto.getRandomValues(new Uint8Array(8)));
    this.send({ type: "PING", streamId: 0, ack: false, opaque });
    await this.waitFor(
      (f) => f.type === "PING" && f.ack && Buffer.from(f.opaque).equals(opaque),
      "the PING ACK",
      ms,
    );
  }

  /** One line per received frame, for failure messages. */
  describe(): string {
    const lines = this.received.map((f) => {
      if (f.type === "GOAWAY") return `GOAWAY(last ${f.lastStreamId}, ${codeName(f.errorCode)})`;
      if (f.type === "RST_STREAM") return `${f.type}(${f.streamId}, ${codeName(f.errorCode)})`;
      if (f.type === "DATA")
        return `DATA(${f.streamId}, ${f.data.length}${f.endStream ? ", END" : ""})`;
      if (f.type === "HEADERS") return `HEADERS(${f.streamId}, ${statusOf(f.fields) ?? "?"})`;
      return `${f.type}(${f.streamId})`;
    });
    const fault = this.serverFault ? ` [undecodable: ${this.serverFault}]` : "";
    return `[${lines.join(" ")}]${fault}`;
  }

  close(): void {
    this.socket.destroy();
  }

  #onData(chunk: Buffer): void {
    this.#frames.push(chunk);
    for (;;) {
      const r = this.#frames.next();
      if (r.kind === "incomplete") break;
      if (r.kind === "error") {
        this.serverFault ??= `${r.error.code}: ${r.error.reason}`;
        if (r.error.scope === "connection") break;
        continue;
      }
      this.#onFrame(r.frame);
    }
    this.#wake();
  }

  /** A value from the server's first SETTINGS frame (undefined: not sent, the initial value holds). */
  serverSetting(id: number): number | undefined {
    const first = this.received.find((f) => f.type === "SETTINGS" && !f.ack);
    if (first?.type !== "SETTINGS") return undefined;
    return first.settings.findLast((s) => s.id === id)?.value;
  }

  #onFrame(frame: Frame): void {
    if (frame.type === "SETTINGS" && frame.ack && this.#headerTableSize !== undefined) {
      this.#hpack.setMaxTableSize(this.#headerTableSize);
      this.#headerTableSize = undefined;
    }
    if (frame.type === "SETTINGS" && !frame.ack && this.#ackSettings) {
      this.send({ type: "SETTINGS", streamId: 0, ack: true, settings: [] });
    }
    if (frame.type === "DATA" && this.#autoWindow && frame.data.length > 0) {
      const increment =
        frame.data.length + (frame.padLength === undefined ? 0 : frame.padLength + 1);
      this.send({ type: "WINDOW_UPDATE", streamId: 0, increment });
      if (!frame.endStream)
        this.send({ type: "WINDOW_UPDATE", streamId: frame.streamId, increment });
    }
    if (frame.type === "HEADERS") {
      this.#block = { frame, parts: [frame.fragment] };
    } else if (frame.type === "CONTINUATION" && this.#block) {
      this.#block.parts.push(frame.fragment);
    } else {
      this.received.push(frame);
      return;
    }
    if (frame.type !== "HEADERS" && frame.type !== "CONTINUATION") return;
    if (!frame.endHeaders) return;
    const block = this.#block as { frame: HeadersFrame; parts: Uint8Array[] };
    this.#block = undefined;
    const decoded = this.#hpack.decode(Buffer.concat(block.parts));
    if (decoded.kind !== "fields") {
      this.serverFault ??= `HPACK: ${decoded.kind === "error" ? decoded.error.reason : "too large"}`;
    }
    const fields = decoded.kind === "fields" ? decoded.fields : [];
    this.received.push({ ...block.frame, endHeaders: true, fields });
  }

  #wake(): void {
    for (const w of [...this.#waiters]) w();
  }

  /** Resolves with check()'s first defined answer, or undefined after `ms` or at close. */
  #until<T>(check: () => T | undefined, ms: number): Promise<T | undefined> {
    return new Promise((resolve) => {
      const done = (value: T | undefined) => {
        clearTimeout(timer);
        this.#waiters.delete(poll);
        resolve(value);
      };
      const poll = () => {
        const value = check();
        if (value !== undefined) done(value);
        else if (this.#closed) done(check());
      };
      const timer = setTimeout(() => done(undefined), ms);
      this.#waiters.add(poll);
      poll();
    });
  }
}

export interface WireResponse {
  readonly status: number;
  readonly fields: HeaderList;
  /** The final fields without the pseudo-headers. */
  readonly headers: HeaderList;
  readonly body: Buffer;
  readonly trailers: HeaderList;
  /** How many 1xx field blocks came first. */
  readonly interim: number;
  /** Every frame received on the stream, in order. */
  readonly frames: readonly Received[];
}

export function codeName(code: number): string {
  return errorCodeName(code) ?? `0x${code.toString(16)}`;
}

export function statusOf(fields: HeaderList | undefined): string | undefined {
  return fields?.find(([n]) => n === ":status")?.[1];
}

/** The four pseudo-headers of a request. */
export function requestHead(method: string, path: string, authority = "127.0.0.1"): HeaderList {
  return [
    [":method", method],
    [":scheme", "http"],
    [":authority", authority],
    [":path", path],
  ];
}

/** A field's value in a header list. */
export function field(fields: HeaderList, name: string): string | undefined {
  return fields.find(([n]) => n === name)?.[1];
}

export { ERROR_CODES, FLAG };
