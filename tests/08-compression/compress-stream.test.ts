import { randomBytes } from "node:crypto";
import type { Transform } from "node:stream";
import zlib from "node:zlib";
import { describe, test } from "vitest";
import { type Coding, createEncoder, DYNAMIC_LEVELS, syncFlushKind } from "#ch08/codings.ts";
import { bodyChunks, compressStream } from "#ch08/compress-stream.ts";
import { expectBytes, expectTrue } from "#testing/wire.ts";
import { STREAMING } from "./lessons.ts";

/** A page of text, about `kib` KiB, different on every line. */
function text(kib: number): Buffer {
  const lines: string[] = [];
  for (let i = 0; lines.length * 40 < kib * 1024; i++)
    lines.push(`<li>item ${i} of the list</li>\n`);
  return Buffer.from(lines.join(""));
}

/**
 * Seeded pseudo-prose: 200 distinct sentences, drawn at random. Repeats
 * lie kilobytes apart, as in real pages, so they are found only through
 * the dictionary that earlier chunks built up.
 */
function prose(bytes: number): Buffer {
  let seed = 42;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed >>> 16) % n;
  };
  const word = () =>
    Array.from({ length: 3 + next(6) }, () => String.fromCharCode(97 + next(26))).join("");
  const sentences = Array.from(
    { length: 200 },
    () => `${Array.from({ length: 8 }, word).join(" ")}.\n`,
  );
  let out = "";
  while (out.length < bytes) out += sentences[next(sentences.length)];
  return Buffer.from(out.slice(0, bytes));
}

function decode(coding: Coding, bytes: Buffer): Buffer {
  if (coding === "br") return zlib.brotliDecompressSync(bytes);
  if (coding === "gzip") return zlib.gunzipSync(bytes);
  return zlib.inflateSync(bytes);
}

async function* chunksOf(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of body) parts.push(part);
  return Buffer.concat(parts);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An encoder factory that remembers what it made. */
function tracked(coding: Coding) {
  const made: Transform[] = [];
  const make = () => {
    const encoder = createEncoder(coding, DYNAMIC_LEVELS);
    made.push(encoder);
    return encoder;
  };
  return { made, make };
}

describe("round trip: decompressing our output gives the input back", () => {
  const codings: readonly Coding[] = ["br", "gzip", "deflate"];
  test.each(codings)("%s, 20 KiB in 7-byte chunks, 200 KiB in 1 KiB and 64 KiB", async (coding) => {
    for (const [size, kib] of [
      [7, 20],
      [1024, 200],
      [65536, 200],
    ] as const) {
      const input = text(kib);
      const out = await collect(
        compressStream(
          chunksOf(input, size),
          () => createEncoder(coding, DYNAMIC_LEVELS),
          syncFlushKind(coding),
        ),
      );
      expectTrue(
        out.length < input.length / 3,
        `${coding} made ${out.length} bytes of ${input.length}`,
        STREAMING,
      );
      expectBytes(
        decode(coding, out),
        input,
        STREAMING,
        `${coding} round trip (${size}-byte chunks)`,
      );
    }
  });

  test("string and byte-array bodies are one chunk each", async () => {
    for (const body of ["héllo wörld", new Uint8Array([1, 2, 3])]) {
      const out = await collect(compressStream(bodyChunks(body), () => zlib.createGzip()));
      const want = typeof body === "string" ? Buffer.from(body) : Buffer.from(body);
      expectBytes(zlib.gunzipSync(out), want, STREAMING, "gzip of a whole body");
    }
  });

  test("an empty body still makes a valid, empty gzip member", async () => {
    const out = await collect(compressStream(bodyChunks(""), () => zlib.createGzip()));
    expectTrue(
      zlib.gunzipSync(out).length === 0 && out.length > 0,
      `got ${out.length} bytes`,
      STREAMING,
    );
  });
});

describe("streaming behaviour", () => {
  test("lazy: nothing is created until the first chunk is asked for", async () => {
    const { made, make } = tracked("gzip");
    const body = compressStream(chunksOf(text(4), 512), make);
    await sleep(10);
    expectTrue(made.length === 0, "the encoder was created before anyone read the body", STREAMING);
    await collect(body);
    const count: number = made.length;
    expectTrue(count === 1, `expected one encoder, made ${count}`, STREAMING);
  });

  test("back-pressure: a paused consumer stops the source being read", async () => {
    let pulled = 0;
    async function* random(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 200; i++) {
        pulled++;
        yield randomBytes(16 * 1024); // incompressible: output as big as input
      }
    }
    const body = compressStream(random(), () => createEncoder("gzip", DYNAMIC_LEVELS));
    const it = body[Symbol.asyncIterator]();
    await it.next();
    await sleep(100);
    const whilePaused = pulled;
    await it.return?.();
    expectTrue(
      whilePaused < 20,
      `the source was read ${whilePaused} times (of 200) while the consumer paused; zlib should have pushed back`,
      STREAMING,
    );
  });

  test("early stop: the encoder is destroyed and the source is closed (no leak)", async () => {
    const { made, make } = tracked("br");
    let sourceClosed = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        for (let i = 0; i < 10_000; i++) yield text(16);
      } finally {
        sourceClosed = true;
      }
    }
    for await (const _chunk of compressStream(endless(), make, syncFlushKind("br"))) break;
    for (let i = 0; i < 50 && !sourceClosed; i++) await sleep(10);
    expectTrue(
      made[0]?.destroyed === true,
      "the zlib stream is still alive after the consumer stopped",
      STREAMING,
    );
    expectTrue(sourceClosed, "the source's finally never ran: its file would stay open", STREAMING);
  });

  test("an error in the source reaches the consumer, and zlib is freed", async () => {
    const { made, make } = tracked("gzip");
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield text(8);
      throw new Error("disk on fire");
    }
    const outcome = await collect(compressStream(failing(), make)).then(
      () => "completed",
      (e: Error) => e.message,
    );
    expectTrue(outcome === "disk on fire", `the consumer saw: ${outcome}`, STREAMING);
    expectTrue(made[0]?.destroyed === true, "the zlib stream was not destroyed", STREAMING);
  });

  test("a source that pauses is flushed: the client sees the first part before the end", async () => {
    let release = (): void => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    async function* slow(): AsyncGenerator<Uint8Array> {
      yield Buffer.from("data: first event\n\n");
      await gate; // the next event is not ready yet
      yield Buffer.from("data: second event\n\n");
    }
    const it = compressStream(slow(), () => zlib.createGzip())[Symbol.asyncIterator]();
    const received: Uint8Array[] = [];
    let first = "";
    for (let i = 0; i < 10 && !first.includes("first event"); i++) {
      const step = await Promise.race([it.next(), sleep(500).then(() => undefined)]);
      if (step === undefined || step.done === true) break;
      received.push(step.value);
      const partial = zlib.gunzipSync(Buffer.concat(received), {
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
      });
      first = partial.toString();
    }
    release();
    await it.return?.();
    expectTrue(
      first.includes("first event"),
      `before the source ended the client had decoded ${JSON.stringify(first)}`,
      STREAMING,
    );
  });

  test.each(["gzip", "br"] as const)(
    "%s: flushing at every pause keeps the dictionary (a sync flush, not a full one)",
    async (coding) => {
      const input = prose(24 * 1024);
      async function* pausing(pause: boolean): AsyncGenerator<Uint8Array> {
        for (let i = 0; i < input.length; i += 4096) {
          if (pause) await sleep(1);
          yield input.subarray(i, i + 4096);
        }
      }
      const size = async (pause: boolean) =>
        (
          await collect(
            compressStream(
              pausing(pause),
              () => createEncoder(coding, DYNAMIC_LEVELS),
              syncFlushKind(coding),
            ),
          )
        ).length;
      const [ready, paused] = [await size(false), await size(true)];
      const flushes = input.length / 4096;
      expectTrue(
        paused - ready < 40 * flushes,
        `${coding}: ${ready} bytes from a ready source, ${paused} from a pausing one: each flush reset the dictionary`,
        STREAMING,
      );
    },
  );
});
