/**
 * What the fuzzer feeds, and how it decides that something broke.
 *
 * A target takes raw bytes and throws when an invariant fails. "Does not
 * throw" alone catches crashes; the stronger oracle is differential: an
 * incremental decoder must give the same answer whether the bytes come
 * in one piece or split anywhere, because TCP splits them anywhere.
 */
import { RequestHeadParser } from "#ch02/request-head-parser.ts";
import { ChunkedDecoder } from "#ch04/chunked-decoder.ts";
import { parseRangeHeader } from "#ch06/range-header.ts";

export interface FuzzTarget {
  readonly name: string;
  /** Source folders whose coverage guides the search. */
  readonly covers: readonly string[];
  run(input: Buffer): void;
}

class InvariantError extends Error {}

function check(ok: boolean, message: string): void {
  if (!ok) throw new InvariantError(message);
}

/** Where to split the input, chosen by the input itself (reproducible). */
function splitPoint(input: Buffer): number {
  return input.length === 0 ? 0 : (input[0] ?? 0) % (input.length + 1);
}

function parseHead(pieces: readonly Buffer[]): string {
  const parser = new RequestHeadParser();
  let offset = 0;
  for (const piece of pieces) {
    const result = parser.push(piece);
    if (result.kind === "incomplete") {
      offset += piece.length;
      continue;
    }
    if (result.kind === "error") return `error ${result.error.code}`;
    check(result.consumed <= piece.length, "consumed more than was pushed");
    return `done ${offset + result.consumed} ${JSON.stringify(result.head)}`;
  }
  return "incomplete";
}

export const requestHead: FuzzTarget = {
  name: "request-head",
  covers: ["solutions/02-request-parser/"],
  run(input) {
    const whole = parseHead([input]);
    const at = splitPoint(input);
    const split = parseHead([input.subarray(0, at), input.subarray(at)]);
    check(whole === split, `split at ${at} changes the result:\n${whole}\n${split}`);
  },
};

function decodeChunked(pieces: readonly Buffer[]): string {
  const decoder = new ChunkedDecoder({ maxBodyBytes: 1 << 20 });
  const out: Buffer[] = [];
  let consumed = 0;
  for (const piece of pieces) {
    let rest = piece;
    while (rest.length > 0) {
      const step = decoder.decode(rest);
      if (step.kind === "error") return `error ${step.error.code}`;
      check(step.consumed <= rest.length, "consumed more than was given");
      if (step.data !== undefined) out.push(Buffer.from(step.data));
      consumed += step.consumed;
      if (step.done) return `done ${consumed} ${Buffer.concat(out).toString("hex")}`;
      if (step.consumed === 0 && step.data === undefined) return "stalled";
      rest = rest.subarray(step.consumed);
    }
  }
  const data = Buffer.concat(out);
  check(data.length <= consumed, "decoded more bytes than it read");
  return `more ${consumed} ${data.toString("hex")}`;
}

export const chunked: FuzzTarget = {
  name: "chunked",
  covers: ["solutions/04-bodies-and-chunking/"],
  run(input) {
    const whole = decodeChunked([input]);
    check(whole !== "stalled", "the decoder stalled on whole input");
    const at = splitPoint(input);
    const split = decodeChunked([input.subarray(0, at), input.subarray(at)]);
    check(whole === split, `split at ${at} changes the result:\n${whole}\n${split}`);
  },
};

export const range: FuzzTarget = {
  name: "range",
  covers: ["solutions/06-static-files/"],
  run(input) {
    const header = parseRangeHeader(input.toString("latin1"));
    if (header.kind === "ignore") return;
    check(header.specs.length > 0, "ranges with no spec");
    for (const spec of header.specs) {
      if (spec.kind === "suffix") {
        check(Number.isSafeInteger(spec.length) && spec.length >= 0, "bad suffix length");
        continue;
      }
      check(Number.isSafeInteger(spec.first) && spec.first >= 0, "bad first-pos");
      const last = spec.last;
      check(last === undefined || (Number.isSafeInteger(last) && last >= spec.first), "bad last");
    }
  },
};

export const TARGETS: readonly FuzzTarget[] = [requestHead, chunked, range];
