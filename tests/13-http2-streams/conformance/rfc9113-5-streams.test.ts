/**
 * RFC 9113 §5: stream states (§5.1), stream identifiers (§5.1.1),
 * concurrency (§5.1.2), priority (§5.3), error handling (§5.4) and
 * extensibility (§5.5).
 */
import { describe, expect } from "vitest";
import { FRAME_TYPE } from "#ch11/frame-types.ts";
import { SETTING } from "#ch11/settings.ts";
import { ERROR_CODES, H2Wire } from "../h2-wire.ts";
import { must } from "./must.ts";
import { useTarget } from "./target.ts";

const t = useTarget();
const POST = H2Wire.request("POST", "/echo");
const byte = Buffer.from("x");

describe("§5.1 idle streams", () => {
  for (const [what, send] of [
    ["DATA", (w: H2Wire) => w.send({ type: "DATA", streamId: 1, endStream: false, data: byte })],
    ["RST_STREAM", (w: H2Wire) => w.send({ type: "RST_STREAM", streamId: 1, errorCode: 8 })],
    ["WINDOW_UPDATE", (w: H2Wire) => w.send({ type: "WINDOW_UPDATE", streamId: 1, increment: 1 })],
    [
      "CONTINUATION",
      (w: H2Wire) =>
        w.send({
          type: "CONTINUATION",
          streamId: 1,
          endHeaders: true,
          fragment: Buffer.from([0x82]),
        }),
    ],
  ] as const) {
    must(
      "9113",
      "5.1",
      `idle: ${what} (not HEADERS or PRIORITY) is a connection error PROTOCOL_ERROR`,
      async () => {
        const wire = await t.open();
        send(wire);
        await wire.connectionError("PROTOCOL_ERROR");
      },
    );
  }

  must("9113", "5.1", "idle: PRIORITY is allowed, and the stream can still be opened", async () => {
    const wire = await t.open();
    wire.send({
      type: "PRIORITY",
      streamId: 3,
      priority: { exclusive: false, dependsOn: 0, weight: 16 },
    });
    wire.get(1);
    wire.get(3);
    expect((await wire.response(1)).status).toBe(200);
    expect((await wire.response(3)).status).toBe(200);
  });
});

describe("§5.1 half-closed (remote) and closed streams", () => {
  must(
    "9113",
    "5.1",
    "half-closed (remote): DATA MUST get a stream error STREAM_CLOSED",
    async () => {
      const wire = await t.open();
      wire.get(1);
      wire.send({ type: "DATA", streamId: 1, endStream: true, data: byte });
      await wire.streamError(1, "STREAM_CLOSED");
    },
  );

  must(
    "9113",
    "5.1",
    "half-closed (remote): HEADERS MUST get a stream error STREAM_CLOSED",
    async () => {
      const wire = await t.open();
      wire.get(1);
      wire.get(1);
      await wire.streamError(1, "STREAM_CLOSED");
    },
  );

  must(
    "9113",
    "5.1",
    "half-closed (remote): WINDOW_UPDATE, PRIORITY and RST_STREAM are allowed",
    async () => {
      const wire = await t.open();
      wire.get(1);
      wire.send({ type: "WINDOW_UPDATE", streamId: 1, increment: 100 });
      wire.send({
        type: "PRIORITY",
        streamId: 1,
        priority: { exclusive: false, dependsOn: 0, weight: 8 },
      });
      wire.get(3);
      wire.send({ type: "RST_STREAM", streamId: 3, errorCode: 8 });
      wire.get(5);
      expect((await wire.response(5)).status).toBe(200);
      expect(wire.received.some((f) => f.type === "GOAWAY")).toBe(false);
    },
  );

  must("9113", "5.1", "closed by our RST_STREAM: DATA then MUST get STREAM_CLOSED", async () => {
    const wire = await t.open();
    wire.headers(1, POST, { endStream: false });
    wire.send({ type: "RST_STREAM", streamId: 1, errorCode: 8 });
    wire.send({ type: "DATA", streamId: 1, endStream: true, data: byte });
    await wire.streamError(1, "STREAM_CLOSED");
  });

  must(
    "9113",
    "5.1",
    "closed after END_STREAM both ways: HEADERS then MUST get STREAM_CLOSED",
    async () => {
      const wire = await t.open();
      wire.get(1);
      await wire.response(1);
      wire.get(1);
      await wire.streamError(1, "STREAM_CLOSED");
    },
  );
});

describe("§5.1.1 stream identifiers", () => {
  must(
    "9113",
    "5.1.1",
    "streams initiated by a client MUST use odd identifiers (2: PROTOCOL_ERROR)",
    async () => {
      const wire = await t.open();
      wire.get(2);
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );

  must(
    "9113",
    "5.1.1",
    "a new stream's identifier MUST be greater than all opened (5 then 3: PROTOCOL_ERROR)",
    async () => {
      const wire = await t.open();
      wire.get(5);
      await wire.response(5);
      wire.get(3);
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );
});

describe("§5.1.2 stream concurrency", () => {
  must(
    "9113",
    "5.1.2",
    "the server announces SETTINGS_MAX_CONCURRENT_STREAMS (a named limit)",
    async () => {
      const wire = await t.open();
      const max = wire.serverSetting(SETTING.MAX_CONCURRENT_STREAMS);
      expect(max).toBeGreaterThanOrEqual(1);
      expect(max).toBeLessThanOrEqual(1_000);
    },
  );

  must(
    "9113",
    "5.1.2",
    "a HEADERS beyond the limit: stream error PROTOCOL_ERROR or REFUSED_STREAM",
    async () => {
      const wire = await t.open();
      const max = wire.serverSetting(SETTING.MAX_CONCURRENT_STREAMS) ?? 100;
      for (let i = 0; i <= max; i++) wire.headers(1 + 2 * i, POST, { endStream: false });
      const over = 1 + 2 * max;
      const refusal = (f: { type: string; streamId: number }) =>
        (f.type === "RST_STREAM" && f.streamId === over) || f.type === "GOAWAY";
      const answer = await wire.waitFor(refusal, `a refusal of stream ${over}`);
      const code = answer.type === "RST_STREAM" || answer.type === "GOAWAY" ? answer.errorCode : -1;
      expect([ERROR_CODES.PROTOCOL_ERROR, ERROR_CODES.REFUSED_STREAM]).toContain(code);
      const early = wire.received.filter((f) => f.type === "RST_STREAM" && f.streamId < over);
      expect(early).toEqual([]);
    },
  );
});

describe("§5.3 priority", () => {
  must(
    "9113",
    "5.3.1",
    "HEADERS depending on its own stream: stream error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.send({
        type: "HEADERS",
        streamId: 1,
        endStream: true,
        endHeaders: true,
        priority: { exclusive: false, dependsOn: 1, weight: 16 },
        fragment: wire.encoder.encode(H2Wire.request("GET", "/hello")),
      });
      await wire.streamError(1, "PROTOCOL_ERROR");
    },
  );

  must(
    "9113",
    "5.3.1",
    "PRIORITY depending on its own stream: stream error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.send({
        type: "PRIORITY",
        streamId: 1,
        priority: { exclusive: false, dependsOn: 1, weight: 16 },
      });
      await wire.streamError(1, "PROTOCOL_ERROR");
    },
  );
});

describe("§5.4 error handling, §5.5 extensibility", () => {
  must(
    "9113",
    "5.4.1",
    "after a GOAWAY for an error the endpoint MUST close the TCP connection",
    async () => {
      const wire = await t.open();
      wire.send({ type: "DATA", streamId: 0, endStream: false, data: byte });
      await wire.connectionError("PROTOCOL_ERROR");
      expect(await wire.closedWithin()).toBe(true);
    },
  );

  must(
    "9113",
    "5.4.1",
    "GOAWAY after a connection error names the last stream processed",
    async () => {
      const wire = await t.open();
      wire.get(1);
      await wire.response(1);
      wire.send({ type: "DATA", streamId: 0, endStream: false, data: byte });
      const goaway = await wire.connectionError("PROTOCOL_ERROR");
      expect(goaway.lastStreamId).toBe(1);
    },
  );

  must("9113", "5.5", "unknown SETTINGS identifiers and error codes MUST be ignored", async () => {
    const wire = await t.open([{ id: 0xf0f0, value: 77 }]);
    wire.headers(1, POST, { endStream: false });
    wire.send({ type: "RST_STREAM", streamId: 1, errorCode: 0xdead });
    wire.get(3);
    expect((await wire.response(3)).status).toBe(200);
  });

  must(
    "9113",
    "5.5",
    "an extension frame inside a field block is a connection error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.headers(1, H2Wire.request("GET", "/hello"), { endHeaders: false });
      wire.sendFrame(0xfa, 0, 1, Buffer.from("inside"));
      wire.send({
        type: "CONTINUATION",
        streamId: 1,
        endHeaders: true,
        fragment: new Uint8Array(),
      });
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );

  must("9113", "5.5", "an unknown frame type on an open stream is ignored", async () => {
    const wire = await t.open();
    wire.headers(1, POST, { endStream: false });
    wire.sendFrame(0xfa, 0, 1, Buffer.from("ignored"));
    wire.send({ type: "DATA", streamId: 1, endStream: true, data: Buffer.from("body") });
    expect((await wire.response(1)).status).toBe(200);
    expect(FRAME_TYPE.DATA).toBe(0);
  });
});
