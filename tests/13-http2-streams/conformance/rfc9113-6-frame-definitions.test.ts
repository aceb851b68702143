/**
 * RFC 9113 §6: every frame type's rules on stream identifiers, lengths,
 * padding and flags (DATA to CONTINUATION), one test per MUST.
 * Flow control (§5.2, §6.9.1, §6.9.2) has its own file.
 */
import { describe, expect } from "vitest";
import { FRAME_TYPE } from "#ch11/frame-types.ts";
import { SETTING } from "#ch11/settings.ts";
import { H2Wire } from "../h2-wire.ts";
import { must } from "./must.ts";
import { useTarget } from "./target.ts";

const t = useTarget();
const POST = H2Wire.request("POST", "/echo");
const GET = H2Wire.request("GET", "/hello");

describe("§6.1 DATA", () => {
  must("9113", "6.1", "DATA on stream 0 MUST be a connection error PROTOCOL_ERROR", async () => {
    const wire = await t.open();
    wire.send({ type: "DATA", streamId: 0, endStream: false, data: Buffer.from("x") });
    await wire.connectionError("PROTOCOL_ERROR");
  });

  must(
    "9113",
    "6.1",
    "padding as long as the payload MUST be a connection error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.headers(1, POST, { endStream: false });
      wire.sendFrame(FRAME_TYPE.DATA, 0x8 | 0x1, 1, Buffer.from([4, 0x61, 0x62, 0x63]));
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );

  must("9113", "6.1", "padded DATA is accepted, padding stripped", async () => {
    const wire = await t.open();
    wire.headers(1, POST, { endStream: false });
    wire.send({
      type: "DATA",
      streamId: 1,
      endStream: true,
      data: Buffer.from("body"),
      padLength: 9,
    });
    const res = await wire.response(1);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain("body");
    expect(res.body.toString()).not.toContain("\0");
  });
});

describe("§6.2 HEADERS", () => {
  must("9113", "6.2", "HEADERS on stream 0 MUST be a connection error PROTOCOL_ERROR", async () => {
    const wire = await t.open();
    wire.headers(0, GET);
    await wire.connectionError("PROTOCOL_ERROR");
  });

  must(
    "9113",
    "6.2",
    "padding as long as the payload MUST be a connection error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      const block = wire.encoder.encode(GET);
      const payload = Buffer.concat([Buffer.from([block.length + 1]), block]);
      wire.sendFrame(FRAME_TYPE.HEADERS, 0x8 | 0x4 | 0x1, 1, payload);
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );

  must(
    "9113",
    "6.2",
    "without END_HEADERS, a DATA next (not CONTINUATION) is PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.headers(1, POST, { endStream: false, endHeaders: false });
      wire.send({ type: "DATA", streamId: 1, endStream: true, data: Buffer.from("x") });
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );

  must("9113", "6.2", "padded HEADERS with the priority flag are accepted", async () => {
    const wire = await t.open();
    wire.send({
      type: "HEADERS",
      streamId: 1,
      endStream: true,
      endHeaders: true,
      padLength: 5,
      priority: { exclusive: true, dependsOn: 0, weight: 200 },
      fragment: wire.encoder.encode(GET),
    });
    expect((await wire.response(1)).status).toBe(200);
  });
});

describe("§6.3 PRIORITY", () => {
  must(
    "9113",
    "6.3",
    "PRIORITY on stream 0 MUST be a connection error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.sendFrame(FRAME_TYPE.PRIORITY, 0, 0, Buffer.from([0, 0, 0, 1, 16]));
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );

  must(
    "9113",
    "6.3",
    "PRIORITY of a length other than 5 MUST be a stream error FRAME_SIZE_ERROR",
    async () => {
      const wire = await t.open();
      wire.sendFrame(FRAME_TYPE.PRIORITY, 0, 1, Buffer.from([0, 0, 0, 3, 16, 0]));
      await wire.streamError(1, "FRAME_SIZE_ERROR");
    },
  );
});

describe("§6.4 RST_STREAM", () => {
  must(
    "9113",
    "6.4",
    "RST_STREAM on stream 0 MUST be a connection error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.send({ type: "RST_STREAM", streamId: 0, errorCode: 8 });
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );

  must(
    "9113",
    "6.4",
    "RST_STREAM of a length other than 4 MUST be a connection error FRAME_SIZE_ERROR",
    async () => {
      const wire = await t.open();
      wire.headers(1, POST, { endStream: false });
      wire.sendFrame(FRAME_TYPE.RST_STREAM, 0, 1, Buffer.from([0, 0, 0, 8, 0]));
      await wire.connectionError("FRAME_SIZE_ERROR");
    },
  );

  must(
    "9113",
    "6.4",
    "after RST_STREAM the server sends nothing more on the stream but may serve others",
    async () => {
      const wire = await t.open();
      wire.headers(1, POST, { endStream: false });
      wire.send({ type: "RST_STREAM", streamId: 1, errorCode: 8 });
      wire.get(3);
      expect((await wire.response(3)).status).toBe(200);
      expect(wire.received.some((f) => f.streamId === 1 && f.type !== "WINDOW_UPDATE")).toBe(false);
    },
  );
});

describe("§6.5 SETTINGS", () => {
  must(
    "9113",
    "6.5",
    "SETTINGS with ACK and a payload MUST be a connection error FRAME_SIZE_ERROR",
    async () => {
      const wire = await t.open();
      wire.sendFrame(FRAME_TYPE.SETTINGS, 0x1, 0, Buffer.from([0, 3, 0, 0, 0, 10]));
      await wire.connectionError("FRAME_SIZE_ERROR");
    },
  );

  must(
    "9113",
    "6.5",
    "SETTINGS on a stream other than 0 MUST be a connection error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.sendFrame(FRAME_TYPE.SETTINGS, 0, 1, Buffer.from([0, 3, 0, 0, 0, 10]));
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );

  must(
    "9113",
    "6.5",
    "a length not a multiple of 6 MUST be a connection error FRAME_SIZE_ERROR",
    async () => {
      const wire = await t.open();
      wire.sendFrame(FRAME_TYPE.SETTINGS, 0, 0, Buffer.from([0, 3, 0, 0, 0, 10, 0]));
      await wire.connectionError("FRAME_SIZE_ERROR");
    },
  );

  must("9113", "6.5.3", "every SETTINGS MUST be acknowledged (two frames, two ACKs)", async () => {
    const wire = await t.open();
    const acks = () => wire.received.filter((f) => f.type === "SETTINGS" && f.ack).length;
    const before = acks();
    wire.send({ type: "SETTINGS", streamId: 0, ack: false, settings: [{ id: 0x3, value: 50 }] });
    wire.send({ type: "SETTINGS", streamId: 0, ack: false, settings: [] });
    await wire.ping();
    expect(acks()).toBe(before + 2);
  });

  must(
    "9113",
    "6.5.3",
    "values MUST be processed in order (the last INITIAL_WINDOW_SIZE wins)",
    async () => {
      const wire = await t.open(
        [
          { id: SETTING.INITIAL_WINDOW_SIZE, value: 1 },
          { id: SETTING.INITIAL_WINDOW_SIZE, value: 65_535 },
        ],
        { autoWindow: false },
      );
      wire.get(1);
      expect((await wire.response(1)).body.toString()).toBe("hello world");
    },
  );

  for (const [name, id, value, code] of [
    ["ENABLE_PUSH 2", SETTING.ENABLE_PUSH, 2, "PROTOCOL_ERROR"],
    ["INITIAL_WINDOW_SIZE 2^31", SETTING.INITIAL_WINDOW_SIZE, 2 ** 31, "FLOW_CONTROL_ERROR"],
    ["MAX_FRAME_SIZE 16,383", SETTING.MAX_FRAME_SIZE, 16_383, "PROTOCOL_ERROR"],
    ["MAX_FRAME_SIZE 2^24", SETTING.MAX_FRAME_SIZE, 2 ** 24, "PROTOCOL_ERROR"],
  ] as const) {
    must("9113", "6.5.2", `${name} MUST be a connection error ${code}`, async () => {
      const wire = await t.open();
      const payload = Buffer.alloc(6);
      payload.writeUInt16BE(id, 0);
      payload.writeUInt32BE(value, 2);
      wire.sendFrame(FRAME_TYPE.SETTINGS, 0, 0, payload);
      await wire.connectionError(code);
    });
  }

  must("9113", "6.5.2", "a server MUST NOT set ENABLE_PUSH to anything but 0", async () => {
    const wire = await t.open();
    expect([undefined, 0]).toContain(wire.serverSetting(SETTING.ENABLE_PUSH));
  });
});

describe("§6.6 PUSH_PROMISE, §8.4 server push", () => {
  must(
    "9113",
    "8.4",
    "a server MUST treat a PUSH_PROMISE from a client as a connection error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.get(1);
      wire.send({
        type: "PUSH_PROMISE",
        streamId: 1,
        endHeaders: true,
        promisedStreamId: 2,
        fragment: wire.encoder.encode(GET),
      });
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );
});

describe("§6.7 PING", () => {
  must("9113", "6.7", "PING MUST be answered by a PING with ACK and the same payload", async () => {
    const wire = await t.open();
    await wire.ping();
  });

  must("9113", "6.7", "a PING with ACK MUST NOT be answered", async () => {
    const wire = await t.open();
    wire.send({ type: "PING", streamId: 0, ack: true, opaque: Buffer.from("unasked!") });
    await wire.ping();
    expect(wire.received.filter((f) => f.type === "PING")).toHaveLength(1);
  });

  must(
    "9113",
    "6.7",
    "PING on a stream other than 0 MUST be a connection error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.sendFrame(FRAME_TYPE.PING, 0, 1, Buffer.alloc(8));
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );

  must(
    "9113",
    "6.7",
    "PING of a length other than 8 MUST be a connection error FRAME_SIZE_ERROR",
    async () => {
      const wire = await t.open();
      wire.sendFrame(FRAME_TYPE.PING, 0, 0, Buffer.alloc(6));
      await wire.connectionError("FRAME_SIZE_ERROR");
    },
  );
});

describe("§6.8 GOAWAY", () => {
  must(
    "9113",
    "6.8",
    "GOAWAY on a stream other than 0 MUST be a connection error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.sendFrame(FRAME_TYPE.GOAWAY, 0, 1, Buffer.alloc(8));
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );

  must(
    "9113",
    "6.8",
    "after the client's GOAWAY, streams it already opened are still answered",
    async () => {
      const wire = await t.open();
      wire.get(1);
      wire.send({
        type: "GOAWAY",
        streamId: 0,
        lastStreamId: 0,
        errorCode: 0,
        debug: new Uint8Array(),
      });
      expect((await wire.response(1)).status).toBe(200);
    },
  );
});

describe("§6.10 CONTINUATION", () => {
  must("9113", "6.10", "HEADERS + CONTINUATION + CONTINUATION form one field block", async () => {
    const wire = await t.open();
    const block = wire.encoder.encode(
      H2Wire.request("GET", "/hello", [["x-long", "y".repeat(300)]]),
    );
    const [a, b, c] = [block.subarray(0, 10), block.subarray(10, 20), block.subarray(20)];
    wire.send(
      { type: "HEADERS", streamId: 1, endStream: true, endHeaders: false, fragment: a },
      { type: "CONTINUATION", streamId: 1, endHeaders: false, fragment: b },
      { type: "CONTINUATION", streamId: 1, endHeaders: true, fragment: c },
    );
    expect((await wire.response(1)).status).toBe(200);
  });

  must(
    "9113",
    "6.10",
    "CONTINUATION after END_HEADERS MUST be a connection error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.headers(1, POST, { endStream: false });
      wire.send({
        type: "CONTINUATION",
        streamId: 1,
        endHeaders: true,
        fragment: Buffer.from([0x82]),
      });
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );

  must(
    "9113",
    "6.10",
    "CONTINUATION on stream 0 MUST be a connection error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.sendFrame(FRAME_TYPE.CONTINUATION, 0x4, 0, Buffer.from([0x82]));
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );

  must(
    "9113",
    "6.10",
    "CONTINUATION for another stream MUST be a connection error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.headers(1, GET, { endHeaders: false });
      wire.send({
        type: "CONTINUATION",
        streamId: 3,
        endHeaders: true,
        fragment: Buffer.from([0x82]),
      });
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );
});
