/**
 * A small coverage-guided fuzzer on V8's own block coverage.
 *
 * Why not Jazzer.js: @jazzer.js/core 4.0.0 installs from npm, but the
 * libFuzzer addon it ships for linux-x64 needs glibc 2.38, newer than
 * Debian 12's 2.36, and the releases before it download their binaries
 * at install time. So the loop is ours, in the spirit of libFuzzer: keep
 * a corpus, mutate an entry, run the target, and keep the mutant if it
 * reached a block (or a hit-count bucket) no input reached before. V8's
 * precise coverage (node:inspector, Profiler.takePreciseCoverage) gives
 * block counts for exactly the source files we name; it is slower per
 * run than compiled instrumentation, which the time bound absorbs.
 */
import { Session } from "node:inspector/promises";
import type { FuzzTarget } from "./targets.ts";

/** Tokens the mutator splices in: the grammar's punctuation. */
const DICTIONARY = [
  "\r\n",
  "\r\n\r\n",
  "\n",
  " ",
  ":",
  ";",
  ",",
  "=",
  "-",
  "0",
  "ffffffff",
  "GET ",
  "POST ",
  " HTTP/1.1",
  "HTTP/1.0",
  "Host: a\r\n",
  "Transfer-Encoding: chunked\r\n",
  "Content-Length: 5\r\n",
  "bytes=",
  "0\r\n\r\n",
  ";ext=1",
  '"',
  "\t",
  "\u0000",
  "\u00ff",
].map((t) => Buffer.from(t, "latin1"));

/** xorshift32: a seeded generator, so a run can be replayed. */
export class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0 || 1;
  }
  next(): number {
    let x = this.#state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#state = x >>> 0;
    return this.#state;
  }
  below(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }
}

/** One random edit of `input`, sometimes spliced with `other`. */
export function mutate(input: Buffer, other: Buffer, rng: Random, maxLength: number): Buffer {
  const at = rng.below(input.length + 1);
  let out: Buffer;
  switch (rng.below(7)) {
    case 0: // flip a bit
      out = Buffer.from(input);
      if (out.length > 0) out[at % out.length] = (out[at % out.length] ?? 0) ^ (1 << rng.below(8));
      break;
    case 1: // set a byte
      out = Buffer.from(input);
      if (out.length > 0) out[at % out.length] = rng.below(256);
      break;
    case 2: // delete a run
      out = Buffer.concat([input.subarray(0, at), input.subarray(at + 1 + rng.below(8))]);
      break;
    case 3: // insert a token
      out = Buffer.concat([
        input.subarray(0, at),
        DICTIONARY[rng.below(DICTIONARY.length)] ?? Buffer.alloc(0),
        input.subarray(at),
      ]);
      break;
    case 4: {
      // duplicate a run
      const len = 1 + rng.below(16);
      out = Buffer.concat([
        input.subarray(0, at + len),
        input.subarray(at, at + len + 0),
        input.subarray(at + len),
      ]);
      break;
    }
    case 5: // splice with another entry
      out = Buffer.concat([input.subarray(0, at), other.subarray(rng.below(other.length + 1))]);
      break;
    default: // a digit run, for sizes and positions
      out = Buffer.concat([
        input.subarray(0, at),
        Buffer.from(String(rng.next())),
        input.subarray(at),
      ]);
  }
  return out.length > maxLength ? out.subarray(0, maxLength) : out;
}

/** Hit counts fall in buckets (1, 2, 3, 4-7, 8-15, ...), as in AFL. */
function bucket(count: number): number {
  return count < 4 ? count : 31 - Math.clz32(count) + 2;
}

export interface FuzzOptions {
  readonly seconds: number;
  /** Stop after this many runs even if time is left. */
  readonly maxRuns: number;
  readonly seed: number;
  readonly maxLength: number;
}

export interface FuzzResult {
  readonly runs: number;
  readonly corpus: readonly Buffer[];
  /** Inputs added because they reached new coverage. */
  readonly discovered: readonly Buffer[];
  readonly features: number;
  readonly crash?: { readonly input: Buffer; readonly error: string };
}

export async function fuzz(
  target: FuzzTarget,
  seeds: readonly Buffer[],
  options: FuzzOptions,
): Promise<FuzzResult> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.startPreciseCoverage", { callCount: true, detailed: true });
  const seen = new Set<string>();
  const covered = async (): Promise<number> => {
    const { result } = await session.post("Profiler.takePreciseCoverage");
    let fresh = 0;
    for (const script of result) {
      if (!target.covers.some((dir) => script.url.includes(dir))) continue;
      for (const fn of script.functions) {
        // V8 reports the function's range, then the nested ranges whose
        // count differs from their parent's: often the blocks NOT reached
        // (count 0). Reaching one more block moves those boundaries, so a
        // feature is a range with its hit-count bucket, reached or not.
        for (const range of fn.ranges) {
          const key = `${script.url}:${range.startOffset}:${range.endOffset}:${bucket(range.count)}`;
          if (!seen.has(key)) {
            seen.add(key);
            fresh++;
          }
        }
      }
    }
    return fresh;
  };
  const runOne = (input: Buffer): string | undefined => {
    try {
      target.run(input);
      return undefined;
    } catch (error) {
      return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
  };
  const corpus: Buffer[] = [];
  const discovered: Buffer[] = [];
  let runs = 0;
  try {
    await covered(); // drop what loading the modules counted
    for (const seed of seeds.length > 0 ? seeds : [Buffer.alloc(0)]) {
      runs++;
      const error = runOne(seed);
      if (error !== undefined)
        return { runs, corpus, discovered, features: seen.size, crash: { input: seed, error } };
      await covered();
      corpus.push(seed);
    }
    const rng = new Random(options.seed);
    const deadline = Date.now() + options.seconds * 1000;
    while (runs < options.maxRuns && Date.now() < deadline) {
      const parent = corpus[rng.below(corpus.length)] ?? Buffer.alloc(0);
      const other = corpus[rng.below(corpus.length)] ?? Buffer.alloc(0);
      let input = mutate(parent, other, rng, options.maxLength);
      for (let stack = rng.below(4); stack > 0; stack--)
        input = mutate(input, other, rng, options.maxLength);
      runs++;
      const error = runOne(input);
      if (error !== undefined)
        return { runs, corpus, discovered, features: seen.size, crash: { input, error } };
      if ((await covered()) > 0) {
        corpus.push(input);
        discovered.push(input);
      }
    }
    return { runs, corpus, discovered, features: seen.size };
  } finally {
    await session.post("Profiler.stopPreciseCoverage");
    session.disconnect();
  }
}
