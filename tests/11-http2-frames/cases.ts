/**
 * The decoder's table: frames and broken frames as wire bytes, with what
 * the decoder must say. Each is fed whole, split at every boundary and one
 * byte at a time. Names cite the rule.
 */
import type { FrameDecoderOptions } from "#ch11/frame-decoder.ts";
import { hex, type Said } from "./feed.ts";

export interface Case {
  readonly name: string;
  readonly bytes: Buffer;
  readonly said: readonly Said[];
  readonly options?: Partial<FrameDecoderOptions>;
}

const b = (text: string): Buffer => Buffer.from(text, "latin1");
const conn = (code: string): Said =>
  ({ error: { scope: "connection", code, streamId: 0 } }) as Said;
const strm = (streamId: number, code: string): Said =>
  ({ error: { scope: "stream", code, streamId } }) as Said;

export const PREFACE_HEX = b("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").toString("hex");

export const VALID: readonly Case[] = [
  {
    name: "DATA with END_STREAM (RFC 9113 §6.1)",
    bytes: hex("000005 00 01 00000001 68656c6c6f"),
    said: [{ type: "DATA", streamId: 1, endStream: true, data: b("hello") }],
  },
  {
    name: "padded DATA: Pad Length, data, zero padding (§6.1)",
    bytes: hex("000006 00 08 00000003 02 686579 0000"),
    said: [{ type: "DATA", streamId: 3, endStream: false, data: b("hey"), padLength: 2 }],
  },
  {
    name: "HEADERS with END_HEADERS, PRIORITY and padding (§6.2)",
    bytes: hex("000009 01 2d 00000005 01 80000003 0f 8286 00"),
    said: [
      {
        type: "HEADERS",
        streamId: 5,
        endStream: true,
        endHeaders: true,
        fragment: hex("8286"),
        priority: { exclusive: true, dependsOn: 3, weight: 16 },
        padLength: 1,
      },
    ],
  },
  {
    name: "HEADERS then CONTINUATION on the same stream (§6.10)",
    bytes: hex("000001 01 00 00000001 82 000001 09 04 00000001 86"),
    said: [
      { type: "HEADERS", streamId: 1, endStream: false, endHeaders: false, fragment: hex("82") },
      { type: "CONTINUATION", streamId: 1, endHeaders: true, fragment: hex("86") },
    ],
  },
  {
    name: "PRIORITY (§6.3), parsed though deprecated",
    bytes: hex("000005 02 00 00000003 00000001 ff"),
    said: [
      { type: "PRIORITY", streamId: 3, priority: { exclusive: false, dependsOn: 1, weight: 256 } },
    ],
  },
  {
    name: "RST_STREAM with CANCEL (§6.4)",
    bytes: hex("000004 03 00 00000001 00000008"),
    said: [{ type: "RST_STREAM", streamId: 1, errorCode: 8 }],
  },
  {
    name: "SETTINGS: two entries and an unknown id kept (§6.5)",
    bytes: hex("000012 04 00 00000000 0003 00000064 0004 00010000 00ff 00000007"),
    said: [
      {
        type: "SETTINGS",
        streamId: 0,
        ack: false,
        settings: [
          { id: 3, value: 100 },
          { id: 4, value: 65_536 },
          { id: 255, value: 7 },
        ],
      },
    ],
  },
  {
    name: "SETTINGS ACK (§6.5)",
    bytes: hex("000000 04 01 00000000"),
    said: [{ type: "SETTINGS", streamId: 0, ack: true, settings: [] }],
  },
  {
    name: "PUSH_PROMISE, padded (§6.6)",
    bytes: hex("000008 05 0c 00000001 02 00000002 82 0000"),
    said: [
      {
        type: "PUSH_PROMISE",
        streamId: 1,
        endHeaders: true,
        promisedStreamId: 2,
        fragment: hex("82"),
        padLength: 2,
      },
    ],
  },
  {
    name: "PING and its ACK (§6.7)",
    bytes: hex("000008 06 00 00000000 0102030405060708 000008 06 01 00000000 0102030405060708"),
    said: [
      { type: "PING", streamId: 0, ack: false, opaque: hex("0102030405060708") },
      { type: "PING", streamId: 0, ack: true, opaque: hex("0102030405060708") },
    ],
  },
  {
    name: "GOAWAY with debug data (§6.8)",
    bytes: hex("00000b 07 00 00000000 00000007 00000000 627965"),
    said: [{ type: "GOAWAY", streamId: 0, lastStreamId: 7, errorCode: 0, debug: b("bye") }],
  },
  {
    name: "WINDOW_UPDATE on the connection and on a stream (§6.9)",
    bytes: hex("000004 08 00 00000000 00010000 000004 08 00 00000001 80000400"),
    said: [
      { type: "WINDOW_UPDATE", streamId: 0, increment: 65_536 },
      { type: "WINDOW_UPDATE", streamId: 1, increment: 1024 },
    ],
  },
  {
    name: "reserved bit and undefined flags are ignored (§4.1)",
    bytes: hex("000002 00 f6 80000001 6f6b"),
    said: [{ type: "DATA", streamId: 1, endStream: false, data: b("ok") }],
  },
  {
    name: "unknown type passed through for the connection to drop (§4.1, §5.5)",
    bytes: hex("000003 fa 42 00000009 616263"),
    said: [{ type: "UNKNOWN", frameType: 0xfa, flags: 0x42, streamId: 9, payload: b("abc") }],
  },
  {
    name: "client preface, then SETTINGS (§3.4)",
    bytes: hex(`${PREFACE_HEX} 000000 04 00 00000000`),
    options: { preface: "client" },
    said: [{ type: "SETTINGS", streamId: 0, ack: false, settings: [] }],
  },
  {
    name: "a frame as large as SETTINGS_MAX_FRAME_SIZE (§4.2)",
    bytes: Buffer.concat([hex("004000 00 00 00000001"), Buffer.alloc(16_384, 0x61)]),
    said: [{ type: "DATA", streamId: 1, endStream: false, data: Buffer.alloc(16_384, 0x61) }],
  },
];

/** Broken frames: each says the error and its scope, as §6 and §7 require. */
export const INVALID: readonly Case[] = [
  {
    name: "an HTTP/1.1 request where the preface should be (§3.4)",
    bytes: b("GET / HTTP/1.1\r\nHost: a\r\n\r\n"),
    options: { preface: "client" },
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "preface followed by PING instead of SETTINGS (§3.4)",
    bytes: hex(`${PREFACE_HEX} 000008 06 00 00000000 0000000000000000`),
    options: { preface: "client" },
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "server's first frame is a SETTINGS ACK, not SETTINGS (§3.4)",
    bytes: hex("000000 04 01 00000000"),
    options: { preface: "server" },
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "frame larger than SETTINGS_MAX_FRAME_SIZE, refused after its header (§4.2)",
    bytes: hex("004001 00 00 00000001"),
    said: [conn("FRAME_SIZE_ERROR")],
  },
  {
    name: "DATA on stream 0 (§6.1)",
    bytes: hex("000001 00 00 00000000 61"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "DATA whose padding is as long as its payload (§6.1)",
    bytes: hex("000003 00 08 00000001 03 0000"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "PADDED DATA with no room for the Pad Length (§6.1)",
    bytes: hex("000000 00 08 00000001"),
    said: [conn("FRAME_SIZE_ERROR")],
  },
  {
    name: "non-zero padding (§6.1: MAY be refused; we do)",
    bytes: hex("000003 00 08 00000001 01 61 07"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "HEADERS on stream 0 (§6.2)",
    bytes: hex("000001 01 04 00000000 82"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "HEADERS with PRIORITY but fewer than five bytes (§6.2)",
    bytes: hex("000003 01 24 00000001 000000"),
    said: [conn("FRAME_SIZE_ERROR")],
  },
  {
    name: "HEADERS whose padding covers its priority fields (§6.2)",
    bytes: hex("000006 01 2c 00000001 05 0000000000"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "PRIORITY on stream 0 (§6.3)",
    bytes: hex("000005 02 00 00000000 0000000110"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "PRIORITY of 4 bytes is a stream error; decoding goes on (§6.3)",
    bytes: hex("000004 02 00 00000003 00000001 000004 08 00 00000000 00000001"),
    said: [strm(3, "FRAME_SIZE_ERROR"), { type: "WINDOW_UPDATE", streamId: 0, increment: 1 }],
  },
  {
    name: "a stream that depends on itself (§5.3.1)",
    bytes: hex("000005 02 00 00000003 00000003 10"),
    said: [strm(3, "PROTOCOL_ERROR")],
  },
  {
    name: "RST_STREAM on stream 0 (§6.4)",
    bytes: hex("000004 03 00 00000000 00000008"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "RST_STREAM of 3 bytes (§6.4)",
    bytes: hex("000003 03 00 00000001 000008"),
    said: [conn("FRAME_SIZE_ERROR")],
  },
  {
    name: "SETTINGS on stream 1 (§6.5)",
    bytes: hex("000000 04 00 00000001"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "SETTINGS ACK with a payload (§6.5)",
    bytes: hex("000006 04 01 00000000 000300000064"),
    said: [conn("FRAME_SIZE_ERROR")],
  },
  {
    name: "SETTINGS of 5 bytes, not a multiple of 6 (§6.5)",
    bytes: hex("000005 04 00 00000000 0003000000"),
    said: [conn("FRAME_SIZE_ERROR")],
  },
  {
    name: "SETTINGS_ENABLE_PUSH of 2 (§6.5.2)",
    bytes: hex("000006 04 00 00000000 0002 00000002"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1 (§6.5.2)",
    bytes: hex("000006 04 00 00000000 0004 80000000"),
    said: [conn("FLOW_CONTROL_ERROR")],
  },
  {
    name: "SETTINGS_MAX_FRAME_SIZE below 16,384 (§6.5.2)",
    bytes: hex("000006 04 00 00000000 0005 00003fff"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "SETTINGS_MAX_FRAME_SIZE above 2^24-1 (§6.5.2)",
    bytes: hex("000006 04 00 00000000 0005 01000000"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "SETTINGS_ENABLE_CONNECT_PROTOCOL of 2 (RFC 8441 §3)",
    bytes: hex("000006 04 00 00000000 0008 00000002"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "PUSH_PROMISE on stream 0 (§6.6)",
    bytes: hex("000004 05 04 00000000 00000002"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "PUSH_PROMISE too short for the promised stream id (§6.6)",
    bytes: hex("000003 05 04 00000001 000000"),
    said: [conn("FRAME_SIZE_ERROR")],
  },
  {
    name: "PING on stream 1 (§6.7)",
    bytes: hex("000008 06 00 00000001 0000000000000000"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "PING of 7 bytes (§6.7)",
    bytes: hex("000007 06 00 00000000 00000000000000"),
    said: [conn("FRAME_SIZE_ERROR")],
  },
  {
    name: "GOAWAY on stream 1 (§6.8)",
    bytes: hex("000008 07 00 00000001 0000000000000000"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "GOAWAY of 7 bytes (§6.8)",
    bytes: hex("000007 07 00 00000000 00000000000000"),
    said: [conn("FRAME_SIZE_ERROR")],
  },
  {
    name: "WINDOW_UPDATE of 0 on a stream is a stream error (§6.9)",
    bytes: hex("000004 08 00 00000001 00000000"),
    said: [strm(1, "PROTOCOL_ERROR")],
  },
  {
    name: "WINDOW_UPDATE of 0 on the connection (§6.9)",
    bytes: hex("000004 08 00 00000000 80000000"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "WINDOW_UPDATE of 5 bytes (§6.9)",
    bytes: hex("000005 08 00 00000001 0000000100"),
    said: [conn("FRAME_SIZE_ERROR")],
  },
  {
    name: "CONTINUATION on stream 0 (§6.10)",
    bytes: hex("000001 09 04 00000000 82"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "CONTINUATION with no field block open (§6.10)",
    bytes: hex("000001 09 04 00000001 82"),
    said: [conn("PROTOCOL_ERROR")],
  },
  {
    name: "field block interrupted by DATA (§6.10)",
    bytes: hex("000001 01 00 00000001 82 000001 00 00 00000001 61"),
    said: [
      { type: "HEADERS", streamId: 1, endStream: false, endHeaders: false, fragment: hex("82") },
      conn("PROTOCOL_ERROR"),
    ],
  },
  {
    name: "field block interrupted by an unknown frame type (§6.10)",
    bytes: hex("000001 01 00 00000001 82 000000 fa 00 00000000"),
    said: [
      { type: "HEADERS", streamId: 1, endStream: false, endHeaders: false, fragment: hex("82") },
      conn("PROTOCOL_ERROR"),
    ],
  },
  {
    name: "CONTINUATION on another stream (§6.10)",
    bytes: hex("000001 01 00 00000001 82 000001 09 04 00000003 86"),
    said: [
      { type: "HEADERS", streamId: 1, endStream: false, endHeaders: false, fragment: hex("82") },
      conn("PROTOCOL_ERROR"),
    ],
  },
];
