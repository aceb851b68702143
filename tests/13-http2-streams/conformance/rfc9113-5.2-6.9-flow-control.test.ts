/**
 * RFC 9113 §5.2 and §6.9: flow control, both windows, both ways. The
 * client here gives nothing back unless the test says so (autoWindow
 * off), so every byte the server sends is a byte the windows allowed.
 */
import { describe, expect } from "vitest";
import { FRAME_TYPE } from "#ch11/frame-types.ts";
import { MAX_WINDOW_SIZE, SETTING } from "#ch11/settings.ts";
import { H2Wire } from "../h2-wire.ts";
import { must } from "./must.ts";
import { useTarget } from "./target.ts";

const t = useTarget();
const BIG = "/big.bin";
const dataBytes = (wire: H2Wire, streamId?: number) =>
  wire.received.reduce(
    (n, f) =>
      n +
      (f.type === "DATA" && (streamId === undefined || f.streamId === streamId)
        ? f.data.length
        : 0),
    0,
  );

describe("§6.9 WINDOW_UPDATE frames", () => {
  must(
    "9113",
    "6.9",
    "an increment of 0 on the connection MUST be a connection error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.send({ type: "WINDOW_UPDATE", streamId: 0, increment: 0 });
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );

  must(
    "9113",
    "6.9",
    "an increment of 0 on a stream MUST be a stream error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.headers(1, H2Wire.request("POST", "/echo"), { endStream: false });
      wire.send({ type: "WINDOW_UPDATE", streamId: 1, increment: 0 });
      await wire.streamError(1, "PROTOCOL_ERROR");
    },
  );

  must(
    "9113",
    "6.9",
    "a length other than 4 MUST be a connection error FRAME_SIZE_ERROR",
    async () => {
      const wire = await t.open();
      wire.sendFrame(FRAME_TYPE.WINDOW_UPDATE, 0, 0, Buffer.from([0, 0, 0, 1, 0]));
      await wire.connectionError("FRAME_SIZE_ERROR");
    },
  );
});

describe("§6.9.1 the flow-control window", () => {
  must(
    "9113",
    "6.9.1",
    "a connection window above 2^31-1 MUST be a connection error FLOW_CONTROL_ERROR",
    async () => {
      const wire = await t.open();
      wire.send({ type: "WINDOW_UPDATE", streamId: 0, increment: MAX_WINDOW_SIZE });
      await wire.connectionError("FLOW_CONTROL_ERROR");
    },
  );

  must(
    "9113",
    "6.9.1",
    "a stream window above 2^31-1 MUST be a stream error FLOW_CONTROL_ERROR",
    async () => {
      const wire = await t.open();
      wire.headers(1, H2Wire.request("POST", "/echo"), { endStream: false });
      wire.send({ type: "WINDOW_UPDATE", streamId: 1, increment: MAX_WINDOW_SIZE });
      await wire.streamError(1, "FLOW_CONTROL_ERROR");
    },
  );

  must(
    "9113",
    "6.9.1",
    "the sender MUST NOT exceed the stream window (100 bytes, then 1,000 more)",
    async () => {
      const wire = await t.open([{ id: SETTING.INITIAL_WINDOW_SIZE, value: 100 }], {
        autoWindow: false,
      });
      wire.get(1, BIG);
      await wire.waitFor(() => dataBytes(wire, 1) >= 100, "100 bytes of DATA");
      await wire.ping();
      expect(dataBytes(wire, 1)).toBe(100);
      wire.send({ type: "WINDOW_UPDATE", streamId: 1, increment: 1_000 });
      await wire.waitFor(() => dataBytes(wire, 1) >= 1_100, "1,000 more bytes");
      await wire.ping();
      expect(dataBytes(wire, 1)).toBe(1_100);
    },
  );

  must(
    "9113",
    "6.9.1",
    "the sender MUST NOT exceed the connection window (65,535 bytes over two streams)",
    async () => {
      const wire = await t.open([{ id: SETTING.INITIAL_WINDOW_SIZE, value: MAX_WINDOW_SIZE }], {
        autoWindow: false,
      });
      wire.get(1, BIG);
      wire.get(3, BIG);
      await wire.waitFor(() => dataBytes(wire) >= 65_535, "a full connection window of DATA");
      await wire.ping();
      expect(dataBytes(wire)).toBe(65_535);
      wire.send({ type: "WINDOW_UPDATE", streamId: 0, increment: 10_000 });
      await wire.waitFor(() => dataBytes(wire) >= 75_535, "10,000 more bytes");
      await wire.ping();
      expect(dataBytes(wire)).toBe(75_535);
    },
  );

  must(
    "9113",
    "5.2.1",
    "only DATA is flow-controlled: a stalled stream still gets HEADERS, PING",
    async () => {
      const wire = await t.open([{ id: SETTING.INITIAL_WINDOW_SIZE, value: 0 }], {
        autoWindow: false,
      });
      wire.get(1, BIG);
      wire.get(3);
      await wire.waitFor((f) => f.type === "HEADERS" && f.streamId === 3, "stream 3's HEADERS");
      await wire.ping();
      expect(dataBytes(wire)).toBe(0);
      const other = await t.open();
      other.get(1);
      expect((await other.response(1)).status).toBe(200);
    },
  );
});

describe("§6.9.2 initial window size", () => {
  must(
    "9113",
    "6.9.2",
    "a new SETTINGS_INITIAL_WINDOW_SIZE MUST adjust open streams' windows",
    async () => {
      const wire = await t.open([{ id: SETTING.INITIAL_WINDOW_SIZE, value: 0 }], {
        autoWindow: false,
      });
      wire.get(1);
      await wire.waitFor((f) => f.type === "HEADERS" && f.streamId === 1, "the response HEADERS");
      await wire.ping();
      expect(dataBytes(wire, 1)).toBe(0);
      wire.send({
        type: "SETTINGS",
        streamId: 0,
        ack: false,
        settings: [{ id: SETTING.INITIAL_WINDOW_SIZE, value: 65_535 }],
      });
      expect((await wire.response(1)).body.toString()).toBe("hello world");
    },
  );

  must(
    "9113",
    "6.9.2",
    "a change that takes a window above 2^31-1 MUST be a connection error FLOW_CONTROL_ERROR",
    async () => {
      const wire = await t.open([{ id: SETTING.INITIAL_WINDOW_SIZE, value: 0 }], {
        autoWindow: false,
      });
      wire.get(1, BIG);
      await wire.waitFor((f) => f.type === "HEADERS" && f.streamId === 1, "the response HEADERS");
      wire.send({ type: "WINDOW_UPDATE", streamId: 1, increment: MAX_WINDOW_SIZE });
      wire.send({
        type: "SETTINGS",
        streamId: 0,
        ack: false,
        settings: [{ id: SETTING.INITIAL_WINDOW_SIZE, value: 70_000 }],
      });
      await wire.connectionError("FLOW_CONTROL_ERROR");
    },
  );

  must("9113", "6.9.2", "a window made negative by SETTINGS waits for WINDOW_UPDATE", async () => {
    const wire = await t.open([{ id: SETTING.INITIAL_WINDOW_SIZE, value: 1_000 }], {
      autoWindow: false,
    });
    wire.send({ type: "WINDOW_UPDATE", streamId: 0, increment: 1_000_000 });
    wire.get(1, BIG);
    await wire.waitFor(() => dataBytes(wire, 1) >= 1_000, "the first 1,000 bytes");
    wire.send({
      type: "SETTINGS",
      streamId: 0,
      ack: false,
      settings: [{ id: SETTING.INITIAL_WINDOW_SIZE, value: 500 }],
    });
    // The stream window is now 500 - 1,000 = -500: 600 more allows 100 bytes.
    wire.send({ type: "WINDOW_UPDATE", streamId: 1, increment: 600 });
    await wire.waitFor(() => dataBytes(wire, 1) >= 1_100, "100 more bytes");
    await wire.ping();
    expect(dataBytes(wire, 1)).toBe(1_100);
  });
});

describe("§5.2 receiving: the server's windows", () => {
  must(
    "9113",
    "5.2.2",
    "a large upload completes: the server gives its windows back (WINDOW_UPDATE)",
    async () => {
      const wire = await t.open();
      const body = Buffer.alloc(200_000, 0x62);
      wire.headers(
        1,
        H2Wire.request("POST", "/echo", [["content-type", "application/octet-stream"]]),
        {
          endStream: false,
        },
      );
      let sent = 0;
      let window = 65_535;
      while (sent < body.length) {
        if (window === 0) {
          await wire.waitFor(
            (f) => f.type === "WINDOW_UPDATE" && f.streamId === 0 && !counted.has(f),
            "a WINDOW_UPDATE from the server",
          );
          for (const f of wire.received)
            if (f.type === "WINDOW_UPDATE" && f.streamId === 0 && !counted.has(f)) {
              counted.add(f);
              window += f.increment;
            }
        }
        const n = Math.min(16_384, window, body.length - sent);
        const last = sent + n === body.length;
        wire.send({
          type: "DATA",
          streamId: 1,
          endStream: last,
          data: body.subarray(sent, sent + n),
        });
        sent += n;
        window -= n;
      }
      const res = await wire.response(1, 10_000);
      expect(res.status).toBe(200);
    },
  );
});

const counted = new WeakSet<object>();
