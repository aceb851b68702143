/**
 * HTTP/2's own limits from the command line and the environment
 * (src/cli-h2-options.ts), as chapter 10's limits come: the flag wins over
 * the variable, a value out of range is a usage error, and what is given
 * reaches the connection: node:http2's client reads it in our SETTINGS.
 */
import http2 from "node:http2";
import { afterAll, describe, expect, test } from "vitest";
import { readOptions, UsageError } from "../../src/cli-options.ts";
import { type H2Server, startH2Server } from "./server.ts";

describe("--h2-* flags and HANDSHAKE_H2_* variables", () => {
  test("each flag sets its limit; unset ones are left to the defaults", () => {
    const o = readOptions(
      ["--h2-max-streams", "7", "--h2-stream-window", "32768", "--h2-max-resets", "50"],
      {},
    );
    expect(o.h2).toEqual({ maxConcurrentStreams: 7, streamWindow: 32_768, maxResetsPerWindow: 50 });
    expect(readOptions([], {}).h2).toEqual({});
  });

  test("a variable sets it too, and the flag wins over the variable", () => {
    const env = { HANDSHAKE_H2_MAX_STREAMS: "20", HANDSHAKE_H2_MAX_HEADER_LIST: "8192" };
    expect(readOptions([], env).h2).toEqual({ maxConcurrentStreams: 20, maxHeaderListSize: 8192 });
    expect(readOptions(["--h2-max-streams", "30"], env).h2.maxConcurrentStreams).toBe(30);
  });

  test.each([
    [["--h2-max-streams", "0"], /invalid h2-max-streams "0" \(from --h2-max-streams\)/],
    [["--h2-stream-window", "2147483648"], /use 1–2147483647/],
    [["--h2-connection-window", "1000"], /use 65535–2147483647/],
    [["--h2-max-resets", "ten"], /invalid h2-max-resets "ten"/],
  ])("%j is refused", (argv, message) => {
    expect(() => readOptions(argv, {})).toThrow(UsageError);
    expect(() => readOptions(argv, {})).toThrow(message);
  });

  test("a variable out of range names the variable", () => {
    expect(() => readOptions([], { HANDSHAKE_H2_MAX_STREAMS: "-1" })).toThrow(
      /from HANDSHAKE_H2_MAX_STREAMS/,
    );
  });
});

describe("the limits reach the wire", () => {
  let server: H2Server | undefined;
  afterAll(async () => {
    await server?.close();
  });

  test("our SETTINGS announce what the operator asked for", async () => {
    const { h2 } = readOptions(
      ["--h2-max-streams", "7", "--h2-stream-window", "32768", "--h2-max-header-list", "8192"],
      {},
    );
    server = await startH2Server({ h2 });
    const session = http2.connect(server.url);
    try {
      const settings = await new Promise<http2.Settings>((resolve, reject) => {
        session.once("remoteSettings", resolve);
        session.once("error", reject);
      });
      expect(settings).toMatchObject({
        maxConcurrentStreams: 7,
        initialWindowSize: 32_768,
        maxHeaderListSize: 8192,
      });
    } finally {
      session.destroy();
    }
  });
});
