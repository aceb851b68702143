/**
 * RFC 9218 (Extensible Prioritization Scheme): the PRIORITY_UPDATE frame
 * (type 0x10) and the `priority` request field, which chapter 13 uses to
 * schedule DATA; RFC 7540's PRIORITY frames are parsed and ignored
 * (RFC 9113 §5.3.2, tested in the §5 and §6.3 files).
 */
import { describe, expect } from "vitest";
import { MAX_WINDOW_SIZE, SETTING } from "#ch11/settings.ts";
import { H2Wire } from "../h2-wire.ts";
import { must } from "./must.ts";
import { useTarget } from "./target.ts";

const t = useTarget();
const PRIORITY_UPDATE = 0x10;

/** A PRIORITY_UPDATE payload: the prioritized stream id, then the field value. */
const update = (streamId: number, value: string) => {
  const out = Buffer.alloc(4 + value.length);
  out.writeUInt32BE(streamId, 0);
  out.write(value, 4, "latin1");
  return out;
};

describe("RFC 9218 §7.1 PRIORITY_UPDATE", () => {
  must(
    "9218",
    "7.1",
    "PRIORITY_UPDATE on a stream other than 0 MUST be a connection error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.sendFrame(PRIORITY_UPDATE, 0, 1, update(1, "u=1"));
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );

  must(
    "9218",
    "7.1",
    "a Prioritized Stream ID of 0 MUST be a connection error PROTOCOL_ERROR",
    async () => {
      const wire = await t.open();
      wire.sendFrame(PRIORITY_UPDATE, 0, 0, update(0, "u=1"));
      await wire.connectionError("PROTOCOL_ERROR");
    },
  );

  must("9218", "7.1", "PRIORITY_UPDATE for an open or idle stream is accepted", async () => {
    const wire = await t.open();
    wire.sendFrame(PRIORITY_UPDATE, 0, 0, update(3, "u=0, i"));
    wire.headers(1, H2Wire.request("POST", "/echo"), { endStream: false });
    wire.sendFrame(PRIORITY_UPDATE, 0, 0, update(1, "u=7"));
    wire.send({ type: "DATA", streamId: 1, endStream: true, data: Buffer.from("x") });
    wire.get(3);
    expect((await wire.response(1)).status).toBe(200);
    expect((await wire.response(3)).status).toBe(200);
  });
});

describe("RFC 9218 §4, §5 the priority field", () => {
  must(
    "9218",
    "4",
    "a priority field, valid or not, never fails the request (unknown params ignored)",
    async () => {
      const wire = await t.open();
      wire.get(1, "/hello", [["priority", "u=0, i"]]);
      wire.get(3, "/hello", [["priority", "u=9, x=?1, nonsense"]]);
      expect((await wire.response(1)).status).toBe(200);
      expect((await wire.response(3)).status).toBe(200);
    },
  );

  must(
    "9218",
    "4",
    "urgency orders DATA: once the connection window opens, u=0 goes before u=7",
    async () => {
      const wire = await t.open([{ id: SETTING.INITIAL_WINDOW_SIZE, value: MAX_WINDOW_SIZE }], {
        autoWindow: false,
      });
      const sent = () =>
        wire.received.reduce((n, f) => n + (f.type === "DATA" ? f.data.length : 0), 0);
      wire.get(1, "/big.bin", [["priority", "u=7"]]);
      await wire.waitFor(() => sent() >= 65_535, "stream 1 filling the connection window");
      // /hello's body is in memory: ready the moment its HEADERS go (a file would still be read).
      wire.get(3, "/hello", [["priority", "u=0"]]);
      await wire.waitFor((f) => f.type === "HEADERS" && f.streamId === 3, "stream 3's HEADERS");
      const before = wire.received.length;
      wire.send({ type: "WINDOW_UPDATE", streamId: 0, increment: 16_384 });
      const next = await wire.waitFor(
        (f) => f.type === "DATA" && wire.received.indexOf(f) >= before,
        "DATA after the WINDOW_UPDATE",
      );
      expect(next.streamId).toBe(3);
    },
  );
});
