/**
 * Nothing a peer sends makes the server crash or hang: bounded runs of
 * random frames (random types, flags, stream ids and payloads, after a
 * valid preface), each followed by a PING. The connection either answers
 * the PING or ends; afterwards a fresh connection is still served. A
 * seeded generator makes every run the same.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { CONNECTION_PREFACE } from "#ch11/frame-types.ts";
import { H2Wire, requestHead } from "./h2-wire.ts";
import { startH2, type TestServer } from "./server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startH2(async (request) => {
    let n = 0;
    for await (const chunk of request.body) n += chunk.length;
    return { status: 200, body: String(n) };
  });
});
afterAll(() => server.close());

/** xorshift32: small, seeded, good enough to pick bytes. */
function random(seed: number): () => number {
  let x = seed || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

const TYPES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0x10, 0x42];

function randomFrames(next: () => number, count: number): Buffer {
  const frames: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const length = Math.floor(next() * 40);
    const frame = Buffer.alloc(9 + length);
    frame.writeUIntBE(length, 0, 3);
    frame[3] = TYPES[Math.floor(next() * TYPES.length)] as number;
    frame[4] = Math.floor(next() * 256);
    frame.writeUInt32BE(Math.floor(next() * 8), 5);
    for (let k = 9; k < frame.length; k++) frame[k] = Math.floor(next() * 256);
    frames.push(frame);
  }
  return Buffer.concat(frames);
}

async function oneRun(seed: number): Promise<"answered" | "closed"> {
  const next = random(seed);
  const c = await H2Wire.connect(server.port, { autoWindow: false, ackSettings: false });
  try {
    c.sendRaw(CONNECTION_PREFACE);
    c.send({ type: "SETTINGS", streamId: 0, ack: false, settings: [] });
    c.sendRaw(randomFrames(next, 1 + Math.floor(next() * 12)));
    c.send({ type: "PING", streamId: 0, ack: false, opaque: Buffer.from("fuzzdone") });
    await c.waitFor(
      (f) => f.type === "PING" && f.ack && Buffer.from(f.opaque).toString() === "fuzzdone",
      "the PING ACK",
      5_000,
    );
    return "answered";
  } catch (error) {
    if (c.closed) return "closed";
    throw error;
  } finally {
    c.close();
  }
}

test("200 connections of random frames: each answers its PING or ends; none hangs", async () => {
  const outcomes: string[] = [];
  for (let batch = 0; batch < 20; batch++) {
    const seeds = Array.from({ length: 10 }, (_, i) => 1 + batch * 10 + i);
    outcomes.push(...(await Promise.all(seeds.map(oneRun))));
  }
  expect(outcomes).toHaveLength(200);
  // Most random frames break a rule; some runs must still have survived.
  expect(outcomes.filter((o) => o === "closed").length).toBeGreaterThan(0);
  expect(outcomes.filter((o) => o === "answered").length).toBeGreaterThan(0);
  // Nothing a client sent was our fault: no error-level event.
  expect(server.logs.filter((line) => line.startsWith("error"))).toEqual([]);
  const c = await H2Wire.connect(server.port, { autoWindow: false });
  await c.handshake();
  c.headers(1, requestHead("GET", "/"));
  expect((await c.response(1)).status).toBe(200);
  c.close();
}, 60_000);
