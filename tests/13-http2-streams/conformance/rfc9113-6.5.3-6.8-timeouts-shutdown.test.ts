/**
 * Rules that need a server of their own: the SETTINGS acknowledgement
 * timeout (§6.5.3, with chapter 13's settingsTimeoutMs lowered so the
 * test does not wait 10 s) and the graceful shutdown of §6.8, which stops
 * the server.
 */
import { afterEach, describe, expect } from "vitest";
import { MAX_STREAM_ID } from "#ch11/frame-types.ts";
import type { GoawayFrame } from "#ch11/frames.ts";
import { MAX_WINDOW_SIZE, SETTING } from "#ch11/settings.ts";
import { BIG_SIZE, type H2Server, startH2Server } from "../server.ts";
import { H2Wire } from "../h2-wire.ts";
import { must } from "./must.ts";

const SETTINGS_TIMEOUT_MS = 300;
let server: H2Server | undefined;
let wire: H2Wire | undefined;
afterEach(async () => {
  wire?.close();
  await server?.close();
  server = undefined;
});

describe("§6.5.3 settings synchronization", () => {
  must(
    "9113",
    "6.5.3",
    "SETTINGS never acknowledged: connection error SETTINGS_TIMEOUT",
    async () => {
      server = await startH2Server({ h2: { settingsTimeoutMs: SETTINGS_TIMEOUT_MS } });
      wire = await H2Wire.connect(server.port, { ackSettings: false });
      const started = Date.now();
      await wire.handshake();
      await wire.connectionError("SETTINGS_TIMEOUT");
      expect(Date.now() - started).toBeGreaterThanOrEqual(SETTINGS_TIMEOUT_MS - 50);
      expect(await wire.closedWithin()).toBe(true);
    },
  );
});

describe("§6.8 graceful shutdown", () => {
  must(
    "9113",
    "6.8",
    "the server stops with two GOAWAYs (2^31-1, then the last stream); streams in flight finish",
    async () => {
      server = await startH2Server({ limits: { shutdownGraceMs: 5_000 } });
      wire = await H2Wire.open(server.port, [{ id: SETTING.INITIAL_WINDOW_SIZE, value: 0 }]);
      wire.get(1, "/big.bin");
      await wire.waitFor((f) => f.type === "HEADERS" && f.streamId === 1, "the response HEADERS");
      const closing = server.close();
      // The server may time the second step by a PING round trip (§6.8): answer it.
      const ping = await wire.waitFor(
        (f) => f.type === "PING" || (f.type === "GOAWAY" && f.lastStreamId === 1),
        "a PING or the final GOAWAY",
      );
      if (ping.type === "PING")
        wire.send({ type: "PING", streamId: 0, ack: true, opaque: ping.opaque });
      const goaways = () =>
        wire?.received.filter((f): f is GoawayFrame => f.type === "GOAWAY") ?? [];
      await wire.waitFor((f) => f.type === "GOAWAY" && f.lastStreamId === 1, "the final GOAWAY");
      expect(goaways().map((g) => [g.lastStreamId, g.errorCode])).toEqual([
        [MAX_STREAM_ID, 0],
        [1, 0],
      ]);
      wire.send({ type: "WINDOW_UPDATE", streamId: 1, increment: MAX_WINDOW_SIZE });
      const res = await wire.response(1, 10_000);
      expect(res.body.length).toBe(BIG_SIZE);
      expect(await wire.closedWithin()).toBe(true);
      await closing;
    },
  );
});
