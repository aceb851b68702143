/**
 * Chapter 02's RequestHeadParser, timed on its own.
 *
 * Throughput (MB/s) on a browser head and on a 100-field head, fed whole;
 * then linearity: an 8 KiB head fed one byte per chunk should take about
 * twice as long as a 4 KiB head fed the same way. The parser is compiled
 * as the bundle compiles it (importCompiled), not run through tsx. A parser that rescans
 * its buffer on every chunk takes four times as long, and a slow client
 * sending a byte at a time turns that into a CPU attack.
 */
import { cpuLoop, cpuMsSince } from "../cpu-clock.ts";
import type { Measurement } from "../measurement.ts";
import { CHROME_HEAD, HUNDRED_FIELD_HEAD, paddedHead } from "../sample-heads.ts";
import { importCompiled } from "../servers.ts";
import { llhttpThroughput } from "./llhttp-reference.ts";
import type { BenchContext, Scenario } from "./scenario.ts";

/** Room for the padded and 100-field heads with the default limits' spirit. */
const BENCH_LIMITS = { maxHeaderBytes: 64 * 1024, maxHeaderCount: 1_000 } as const;
/** CPU time per throughput case. */
const CASE_MS = { normal: 1_000, quick: 150 } as const;
/** Timed samples of each one-byte-per-chunk size; the fastest is kept. */
const LINEARITY_REPEATS = { normal: 15, quick: 5 } as const;
/** Parses per sample: about 10 ms of CPU, well above the clock's grain. */
const LINEARITY_BATCH = 8;
/** Untimed byte-at-a-time parses of each size first, for the JIT. */
const WARMUP_PARSES = 20;
const SMALL = 4 * 1024;
const LARGE = 8 * 1024;

type ParserModule = typeof import("#ch02/request-head-parser.ts");
type Parser = InstanceType<ParserModule["RequestHeadParser"]>;

/** Parse one head (as chunks) to "done", or throw saying what happened. */
function parseOnce(parser: Parser, chunks: readonly Uint8Array[]): void {
  parser.reset();
  let kind = "incomplete";
  for (const chunk of chunks) kind = parser.push(chunk).kind;
  if (kind !== "done") throw new Error(`parser ended "${kind}" on a valid head`);
}

function throughput(parser: Parser, subject: string, bytes: Buffer, budgetMs: number) {
  const chunks = [bytes];
  for (let i = 0; i < 1_000; i++) parseOnce(parser, chunks); // warm-up
  const t = cpuLoop(() => parseOnce(parser, chunks), budgetMs);
  const sec = t.cpuMs / 1000;
  return {
    kind: "parser" as const,
    scenario: "parser",
    subject,
    headBytes: bytes.length,
    bytesPerSec: (t.iterations * bytes.length) / sec,
    headsPerSec: t.iterations / sec,
  };
}

const bytewise = (head: Buffer): Uint8Array[] =>
  Array.from({ length: head.length }, (_, i) => head.subarray(i, i + 1));

/**
 * Fastest CPU ms to parse each head fed one byte per chunk. Both are
 * warmed up first and then timed alternately, so JIT warm-up falls on both
 * sizes alike. The minimum, not the median: noise only ever adds time.
 */
function bytewiseMs(parser: Parser, heads: readonly Buffer[], repeats: number): number[] {
  const inputs = heads.map(bytewise);
  for (let i = 0; i < WARMUP_PARSES; i++) for (const c of inputs) parseOnce(parser, c);
  const best = inputs.map(() => Number.POSITIVE_INFINITY);
  for (let r = 0; r < repeats; r++) {
    for (const [i, chunks] of inputs.entries()) {
      const start = process.cpuUsage();
      for (let k = 0; k < LINEARITY_BATCH; k++) parseOnce(parser, chunks);
      best[i] = Math.min(best[i]!, cpuMsSince(start) / LINEARITY_BATCH);
    }
  }
  return best;
}

/**
 * Bytes the parser examined for a head fed one byte per chunk, when it
 * reports it (chapter 02's `bytesScanned`): a count, so free of noise.
 */
function scannedBytes(parser: Parser, head: Buffer): number | undefined {
  parseOnce(parser, bytewise(head));
  const scanned: unknown = (parser as { bytesScanned?: unknown }).bytesScanned;
  return typeof scanned === "number" ? scanned : undefined;
}

async function run(context: BenchContext): Promise<Measurement[]> {
  let mod: ParserModule;
  try {
    mod = await importCompiled<ParserModule>("#ch02/request-head-parser.ts");
  } catch (err) {
    return [{ kind: "skipped", scenario: "parser", reason: `cannot load #ch02: ${err}` }];
  }
  const parser = new mod.RequestHeadParser(BENCH_LIMITS);
  const speed = context.options.quick ? "quick" : "normal";
  context.log("parser: throughput and linearity");
  const heads = [paddedHead(SMALL), paddedHead(LARGE)];
  const [small, large] = bytewiseMs(parser, heads, LINEARITY_REPEATS[speed]) as [number, number];
  const [smallScan, largeScan] = heads.map((h) => scannedBytes(parser, h));
  const cases = [
    ["browser head (Chrome)", CHROME_HEAD],
    ["100 header fields", HUNDRED_FIELD_HEAD],
  ] as const;
  const rows = cases.flatMap(([subject, head]) => {
    const reference = llhttpThroughput(subject, head, CASE_MS[speed]);
    const ours = throughput(parser, subject, head, CASE_MS[speed]);
    return reference ? [ours, reference] : [ours];
  });
  return [
    ...rows,
    {
      kind: "linearity",
      scenario: "parser",
      smallBytes: SMALL,
      largeBytes: LARGE,
      smallMs: small,
      largeMs: large,
      ratio: large / small,
      scannedRatio: smallScan && largeScan !== undefined ? largeScan / smallScan : undefined,
    },
  ];
}

export const parserScenario: Scenario = {
  name: "parser",
  description: "chapter 02 RequestHeadParser: MB/s and byte-at-a-time linearity",
  run: (context) =>
    run(context).catch((err: unknown) => [
      { kind: "skipped", scenario: "parser", reason: String(err) },
    ]),
};
