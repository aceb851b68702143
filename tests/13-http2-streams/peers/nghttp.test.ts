/**
 * nghttp -nv: nghttp2's client, printing every frame it sends and
 * receives. The log shows the SETTINGS exchange (each side's SETTINGS and
 * the other's ACK) and a response in HEADERS and DATA ending the stream.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type H2Server, startH2Server } from "../server.ts";
import { NGHTTP, NGHTTP_MISSING, run } from "./tools.ts";

let server: H2Server;
beforeAll(async () => {
  server = await startH2Server();
});
afterAll(() => server?.close());

/** The frame log, one "send"/"recv" line per frame. */
function frames(log: string): string[] {
  return log.split("\n").filter((l) => /\] (send|recv) \w+ frame/.test(l));
}

describe.skipIf(NGHTTP_MISSING)("nghttp", () => {
  for (const [what, url] of [
    ["h2c with prior knowledge", () => `${server.url}/hello`],
    ["h2 over TLS", () => `${server.tlsUrl}/hello`],
  ] as const) {
    test(`${what}: SETTINGS both ways with ACKs, HEADERS and DATA with END_STREAM`, async () => {
      const r = await run(NGHTTP, ["-nv", url()]);
      expect(r.code).toBe(0);
      const log = frames(r.stdout);
      expect(
        log.some((l) => /recv SETTINGS frame <length=\d+, flags=0x00, stream_id=0>/.test(l)),
      ).toBe(true);
      expect(
        log.some((l) => /recv SETTINGS frame <length=0, flags=0x01, stream_id=0>/.test(l)),
      ).toBe(true);
      // nghttp opens stream 13 after five PRIORITY frames of its own (an RFC 7540 tree).
      expect(r.stdout).toContain("recv (stream_id=13) :status: 200");
      expect(r.stdout).toMatch(/recv HEADERS frame <[^>]*stream_id=13>/);
      expect(r.stdout).toMatch(
        /recv (DATA|HEADERS) frame <[^>]*flags=0x0[15], stream_id=13>\s*; END_STREAM/,
      );
      expect(r.stdout).not.toMatch(/recv (GOAWAY|RST_STREAM) frame/);
    });
  }
});
