/**
 * Feeding helpers: run one input through the parser whole, split at every
 * boundary and one byte at a time, and demand the same outcome each way.
 */
import {
  type ParserLimits,
  type RequestHead,
  RequestHeadParser,
} from "#ch02/request-head-parser.ts";
import { expectTrue, type Lesson } from "#testing/wire.ts";
import { everyByte, everySplit } from "#testing/raw-client.ts";

/** What a whole feed produced; `end` is the offset where the head ended. */
export type Outcome =
  | { readonly kind: "incomplete" }
  | { readonly kind: "done"; readonly head: RequestHead; readonly end: number }
  | { readonly kind: "error"; readonly code: string; readonly status: number };

/** The most pushes one feed may take: every wait and loop is bounded. */
const MAX_PUSHES = 100_000;

/** Push `chunks` in order until the parser answers. */
export function feed(chunks: readonly Uint8Array[], limits: Partial<ParserLimits> = {}): Outcome {
  const parser = new RequestHeadParser(limits);
  let offset = 0;
  for (const [i, chunk] of chunks.entries()) {
    if (i >= MAX_PUSHES) throw new Error("feed: too many pushes");
    const result = parser.push(chunk);
    if (result.kind === "done") {
      return { kind: "done", head: result.head, end: offset + result.consumed };
    }
    if (result.kind === "error") {
      const { code, status } = result.error;
      return { kind: "error", code, status };
    }
    offset += chunk.length;
  }
  return { kind: "incomplete" };
}

/** A canonical rendering: fixed key order, so equal outcomes print equal. */
export function show(o: Outcome): string {
  if (o.kind !== "done") return JSON.stringify(o);
  const { method, target, targetForm, version, headers } = o.head;
  return JSON.stringify({ kind: o.kind, end: o.end, method, target, targetForm, version, headers });
}

/**
 * Feeds `bytes` whole, at every split and byte by byte; fails with a lesson
 * if any way differs from the whole feed. Returns the whole feed's outcome.
 */
export function feedEveryWay(
  bytes: string | Uint8Array,
  lesson: Lesson,
  options: { readonly limits?: Partial<ParserLimits>; readonly splits?: boolean } = {},
): Outcome {
  const buf = typeof bytes === "string" ? Buffer.from(bytes, "latin1") : Buffer.from(bytes);
  const whole = feed([buf], options.limits);
  const ways: [string, Buffer[]][] = [["one byte at a time", everyByte(buf)]];
  if (options.splits !== false) {
    for (const [a, b] of everySplit(buf)) ways.push([`split at byte ${a.length}`, [a, b]]);
  }
  for (const [how, chunks] of ways) {
    const got = feed(chunks, options.limits);
    expectTrue(
      show(got) === show(whole),
      `Fed ${how}, the parser answered ${show(got)}\n  but fed whole it answered ${show(whole)}.`,
      {
        ...lesson,
        rule: "an incremental parser's answer may not depend on how TCP chunked the bytes",
        book: "chapters/02-request-parser.md#incremental-parsing",
        sent: buf,
      },
    );
  }
  return whole;
}

/** Assert an outcome, with the bytes and the rule in the failure. */
export function expectOutcome(actual: Outcome, expected: Outcome, lesson: Lesson): void {
  expectTrue(
    show(actual) === show(expected),
    `Expected ${show(expected)}\n  received ${show(actual)}`,
    lesson,
  );
}
