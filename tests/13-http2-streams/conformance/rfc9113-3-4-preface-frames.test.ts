/**
 * RFC 9113 §3 (starting HTTP/2) and §4 (frame format, frame size, field
 * section compression): raw frames in, the frames the RFC requires out.
 */
import { describe, expect } from "vitest";
import { CONNECTION_PREFACE, FRAME_TYPE } from "#ch11/frame-types.ts";
import { H2Wire } from "../h2-wire.ts";
import { must } from "./must.ts";
import { AGAINST_NODE, useTarget } from "./target.ts";

const t = useTarget();

describe("§3 starting HTTP/2", () => {
  must(
    "9113",
    "3.3",
    "prior knowledge: the preface on a plain connection starts HTTP/2",
    async () => {
      const wire = await t.open();
      wire.get(1);
      const res = await wire.response(1);
      expect(res.status).toBe(200);
      expect(res.body.toString()).toBe("hello world");
    },
  );

  must("9113", "3.2", "ALPN h2 on TLS: the server selects h2 and speaks it", async () => {
    if (AGAINST_NODE) return;
    const wire = await H2Wire.open(t.current.tlsPort, [], { tls: { ca: t.current.ca } });
    try {
      expect(wire.alpn).toBe("h2");
      wire.get(1);
      expect((await wire.response(1)).status).toBe(200);
    } finally {
      wire.close();
    }
  });

  must(
    "9113",
    "3.4",
    "the server preface is a SETTINGS frame, the first frame it sends",
    async () => {
      const wire = await t.open();
      const first = wire.received[0];
      expect(first?.type).toBe("SETTINGS");
      expect(first?.type === "SETTINGS" && first.ack).toBe(false);
    },
  );

  must(
    "9113",
    "3.4",
    "the client preface MUST be followed by SETTINGS (PING first: PROTOCOL_ERROR)",
    async () => {
      const wire = await t.connect();
      wire.sendRaw(CONNECTION_PREFACE);
      wire.send({ type: "PING", streamId: 0, ack: false, opaque: Buffer.alloc(8) });
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );

  must(
    "9113",
    "3.4",
    "an invalid connection preface is a connection error PROTOCOL_ERROR (TLS, ALPN h2)",
    async () => {
      if (AGAINST_NODE) return;
      const wire = await H2Wire.connect(t.current.tlsPort, { tls: { ca: t.current.ca } });
      try {
        wire.sendRaw(Buffer.from("PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n"));
        await wire.connectionError("PROTOCOL_ERROR");
        expect(await wire.closedWithin()).toBe(true);
      } finally {
        wire.close();
      }
    },
  );
});

describe("§4.1 frame format", () => {
  must("9113", "4.1", "frames of unknown types MUST be ignored and discarded", async () => {
    const wire = await t.open();
    wire.sendFrame(0xfa, 0, 0, Buffer.from("on the connection"));
    wire.sendFrame(0xfb, 0xff, 1, Buffer.from("on an idle stream"));
    await wire.ping();
    wire.get(1);
    expect((await wire.response(1)).status).toBe(200);
  });

  must("9113", "4.1", "flags a type does not define MUST be ignored on receipt", async () => {
    const wire = await t.open();
    wire.sendFrame(FRAME_TYPE.PING, 0xfe, 0, Buffer.from("12345678"));
    await wire.waitFor((f) => f.type === "PING" && f.ack, "the PING ACK");
    const block = wire.encoder.encode(H2Wire.request("GET", "/hello"));
    wire.sendFrame(FRAME_TYPE.HEADERS, 0x1 | 0x4 | 0x10 | 0x40 | 0x80, 1, block);
    expect((await wire.response(1)).status).toBe(200);
  });

  must(
    "9113",
    "4.1",
    "the reserved bit of the stream identifier MUST be ignored when receiving",
    async () => {
      const wire = await t.open();
      const block = wire.encoder.encode(H2Wire.request("GET", "/hello"));
      wire.sendFrame(FRAME_TYPE.HEADERS, 0x5, 0x8000_0001, block);
      expect((await wire.response(1)).status).toBe(200);
    },
  );
});

describe("§4.2 frame size", () => {
  must("9113", "4.2", "DATA larger than SETTINGS_MAX_FRAME_SIZE: FRAME_SIZE_ERROR", async () => {
    const wire = await t.open();
    wire.headers(1, H2Wire.request("POST", "/echo"), { endStream: false });
    wire.sendFrame(FRAME_TYPE.DATA, 0x1, 1, Buffer.alloc(16_385, 0x61));
    await wire.streamError(1, "FRAME_SIZE_ERROR");
  });

  must(
    "9113",
    "4.2",
    "an oversized HEADERS (it alters connection state) is a connection error FRAME_SIZE_ERROR",
    async () => {
      const wire = await t.open();
      const block = wire.encoder.encode(
        H2Wire.request("GET", "/hello", [["x-pad", "~".repeat(16_400)]]),
      );
      wire.sendFrame(FRAME_TYPE.HEADERS, 0x5, 1, block);
      await wire.connectionError("FRAME_SIZE_ERROR");
    },
  );

  must(
    "9113",
    "4.2",
    "the server never sends a frame larger than our SETTINGS_MAX_FRAME_SIZE",
    async () => {
      const wire = await t.open();
      wire.get(1, "/big.bin");
      const res = await wire.response(1, 10_000);
      expect(res.body.length).toBeGreaterThan(1_000_000);
      expect(wire.serverFault).toBeUndefined();
      const sizes = wire.received.flatMap((f) => (f.type === "DATA" ? [f.data.length] : []));
      expect(Math.max(...sizes)).toBeLessThanOrEqual(16_384);
    },
  );
});

describe("§4.3 field section compression", () => {
  must(
    "9113",
    "4.3",
    "a field block that cannot be decoded is a connection error COMPRESSION_ERROR",
    async () => {
      const wire = await t.open();
      wire.send({
        type: "HEADERS",
        streamId: 1,
        endStream: true,
        endHeaders: true,
        fragment: Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]),
      });
      await wire.connectionError("COMPRESSION_ERROR");
    },
  );

  must(
    "9113",
    "4.3",
    "a field block MUST be contiguous: PING inside it is PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.headers(1, H2Wire.request("GET", "/hello"), { endHeaders: false });
      wire.send({ type: "PING", streamId: 0, ack: false, opaque: Buffer.alloc(8) });
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );

  must(
    "9113",
    "4.3",
    "a field block MUST be contiguous: HEADERS of another stream inside it is PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.headers(1, H2Wire.request("GET", "/hello"), { endHeaders: false });
      wire.headers(3, H2Wire.request("GET", "/hello"));
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );
});
