/**
 * A small HTTP/2 client for tests, built from the book's own codecs:
 * chapter 11's encodeFrame and FrameDecoder, chapter 12's HPACK. It sends
 * exactly the frames a test asks for (valid or not) and records every
 * frame the server sends, with field blocks decoded in arrival order.
 */
import net from "node:net";
import { encodeFrame } from "#ch11/encode-frame.ts";
import { FrameDecoder } from "#ch11/frame-decoder.ts";
import type { Frame, HeadersFrame } from "#ch11/frames.ts";
import { CONNECTION_PREFACE } from "#ch11/frame-types.ts";
import type { Setting } from "#ch11/settings.ts";
import type { HeaderList } from "#ch03/message.ts";
import { HpackDecoder } from "#ch12/hpack-decoder.ts";
import { HpackEncoder } from "#ch12/hpack-encoder.ts";

/** A received frame; HEADERS (with their CONTINUATIONs) carry decoded fields. */
export type Received = Frame & { readonly fields?: HeaderList };

export interface RawResponse {
  readonly status: number;
  readonly headers: HeaderList;
  readonly body: Buffer;
  readonly trailers: HeaderList | undefined;
  /** Frames received on the stream, in order. */
  readonly frames: readonly Received[];
}

export class RawH2Client {
  readonly frames: Received[] = [];
  readonly encoder = new HpackEncoder();
  readonly #hpack = new HpackDecoder({ maxHeaderListSize: 1 << 20 });
  readonly #decoder = new FrameDecoder({ preface: "server", maxFrameSize: 16_384 });
  #waiters: (() => void)[] = [];
  #block: { first: HeadersFrame; parts: Uint8Array[] } | undefined;
  closed = false;
  /** The decoder's error, if the server sent something it refuses. */
  error: string | undefined;
  readonly ended: Promise<void>;

  private constructor(readonly socket: net.Socket) {
    socket.on("data", (chunk: Buffer) => this.#onData(chunk));
    this.ended = new Promise((resolve) => {
      socket.on("close", () => {
        this.closed = true;
        this.#wake();
        resolve();
      });
    });
    socket.on("error", () => undefined);
  }

  static connect(port: number): Promise<RawH2Client> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(new RawH2Client(socket)));
      socket.once("error", reject);
    });
  }

  /** The preface and a SETTINGS frame, then the ACK of the server's. */
  async handshake(settings: readonly Setting[] = []): Promise<void> {
    this.raw(CONNECTION_PREFACE);
    this.send({ type: "SETTINGS", streamId: 0, ack: false, settings });
    await this.waitFor((f) => f.type === "SETTINGS" && !f.ack);
    this.send({ type: "SETTINGS", streamId: 0, ack: true, settings: [] });
  }

  raw(bytes: Uint8Array): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  send(...frames: Frame[]): void {
    this.raw(Buffer.concat(frames.map((f) => encodeFrame(f))));
  }

  /** HEADERS with an HPACK-encoded block. */
  headers(streamId: number, fields: HeaderList, endStream = true): void {
    const fragment = this.encoder.encode(fields);
    this.send({ type: "HEADERS", streamId, endStream, endHeaders: true, fragment });
  }

  data(streamId: number, data: Uint8Array | string, endStream = true): void {
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    this.send({ type: "DATA", streamId, endStream, data: bytes });
  }

  /** Waits until a frame matching `match` has arrived (from `from` on). */
  async waitFor(
    match: (frame: Received) => boolean,
    timeoutMs = 5_000,
    from = 0,
  ): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found !== undefined) return found;
      if (this.closed) throw new Error(`connection closed; frames: ${this.describe()}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; frames: ${this.describe()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The GOAWAY the server sent (waits for it). */
  goaway(timeoutMs = 5_000): Promise<Received & { type: "GOAWAY" }> {
    return this.waitFor((f) => f.type === "GOAWAY", timeoutMs) as Promise<
      Received & { type: "GOAWAY" }
    >;
  }

  /** A whole response on `streamId`: HEADERS, DATA, trailers, END_STREAM. */
  async response(streamId: number, timeoutMs = 5_000): Promise<RawResponse> {
    const ended = (f: Received) =>
      f.streamId === streamId &&
      (f.type === "RST_STREAM" || ((f.type === "DATA" || f.type === "HEADERS") && f.endStream));
    await this.waitFor(ended, timeoutMs);
    const frames = this.frames.filter((f) => f.streamId === streamId);
    const heads = frames.filter((f) => f.type === "HEADERS" && f.fields !== undefined);
    const final = heads.find((f) => Number(statusOf(f.fields ?? [])) >= 200);
    const body = Buffer.concat(frames.flatMap((f) => (f.type === "DATA" ? [f.data] : [])));
    const trailers = heads.length > 1 && heads.at(-1) !== final ? heads.at(-1)?.fields : undefined;
    return {
      status: Number(statusOf(final?.fields ?? [])),
      headers: (final?.fields ?? []).filter(([n]) => !n.startsWith(":")),
      body,
      trailers,
      frames,
    };
  }

  /** A GET (or any bodiless request) and its response. */
  async get(streamId: number, path: string, extra: HeaderList = []): Promise<RawResponse> {
    this.headers(streamId, [...requestHead("GET", path), ...extra]);
    return this.response(streamId);
  }

  describe(): string {
    return this.frames
      .map((f) => `${f.type}(${f.streamId}${"errorCode" in f ? ` code=${f.errorCode}` : ""})`)
      .join(" ");
  }

  close(): void {
    this.socket.destroy();
  }

  #onData(chunk: Buffer): void {
    this.#decoder.push(chunk);
    for (;;) {
      const result = this.#decoder.next();
      if (result.kind === "incomplete") break;
      if (result.kind === "error") {
        this.error = `${result.error.code}: ${result.error.reason}`;
        break;
      }
      this.#onFrame(result.frame);
    }
    this.#wake();
  }

  #onFrame(frame: Frame): void {
    if (frame.type === "HEADERS") {
      this.#block = { first: frame, parts: [frame.fragment] };
      if (!frame.endHeaders) return;
    } else if (frame.type === "CONTINUATION" && this.#block) {
      this.#block.parts.push(frame.fragment);
      if (!frame.endHeaders) return;
    } else {
      this.frames.push(frame);
      return;
    }
    const { first, parts } = this.#block as { first: HeadersFrame; parts: Uint8Array[] };
    this.#block = undefined;
    const decoded = this.#hpack.decode(Buffer.concat(parts));
    const fields = decoded.kind === "fields" ? decoded.fields : [];
    this.frames.push({ ...first, endHeaders: true, fields });
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

export function statusOf(fields: HeaderList): string | undefined {
  return fields.find(([n]) => n === ":status")?.[1];
}

/** The four pseudo-headers of a request. */
export function requestHead(method: string, path: string, authority = "localhost"): HeaderList {
  return [
    [":method", method],
    [":scheme", "http"],
    [":authority", authority],
    [":path", path],
  ];
}
