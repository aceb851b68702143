/**
 * Transcripts: a chapter's sample exchange, replayed as a test.
 *
 * A transcript is a text file the chapter shows and a test replays, so the
 * sample in the book can never drift from what the server does:
 *
 *     # comment lines start with '#'
 *     > GET /hello HTTP/1.1\r\n
 *     > Host: example\r\n
 *     > \r\n
 *     < HTTP/1.1 200 OK\r\n
 *     < Date: {*}\r\n
 *     = close
 *
 * `>` lines are bytes the client sends, `<` lines bytes the server must
 * answer. Only escapes make bytes: `\r`, `\n`, `\t`, `\\`, `\xNN`; the file's
 * own line breaks are not part of the exchange. `{*}` matches any run of
 * bytes up to the next CR or LF (for Date and other varying values). A run of
 * `>` lines is sent as one write; the next run of `<` lines must arrive before
 * more is sent. `= close` says the server closes the connection next;
 * `= end` half-closes the client side.
 */
import net from "node:net";
import { readFileSync } from "node:fs";
import { AssertionError } from "node:assert";
import { type NotImplemented, onStubThrown } from "./stub-tripwire.ts";
import { describeMismatch, type Lesson } from "./wire.ts";

export type TranscriptStep =
  | { readonly kind: "send"; readonly bytes: Buffer }
  | { readonly kind: "expect"; readonly pattern: string }
  | { readonly kind: "close" }
  | { readonly kind: "end" };

/** Turn escapes into bytes (latin1: one char per byte). */
export function unescapeLine(text: string): string {
  return text.replace(/\\(r|n|t|\\|x[0-9a-fA-F]{2})/g, (_, e: string) => {
    if (e === "r") return "\r";
    if (e === "n") return "\n";
    if (e === "t") return "\t";
    if (e === "\\") return "\\";
    return String.fromCharCode(Number.parseInt(e.slice(1), 16));
  });
}

/** Parse a transcript file's text into steps, merging runs of one kind. */
export function parseTranscript(text: string): TranscriptStep[] {
  const steps: TranscriptStep[] = [];
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.replace(/\r$/, "");
    if (line === "" || line.startsWith("#")) continue;
    const body = unescapeLine(line.slice(2));
    const last = steps.at(-1);
    if (line.startsWith("> ") || line === ">") {
      if (last?.kind === "send")
        steps[steps.length - 1] = {
          kind: "send",
          bytes: Buffer.concat([last.bytes, Buffer.from(body, "latin1")]),
        };
      else steps.push({ kind: "send", bytes: Buffer.from(body, "latin1") });
    } else if (line.startsWith("< ") || line === "<") {
      if (last?.kind === "expect")
        steps[steps.length - 1] = { kind: "expect", pattern: last.pattern + body };
      else steps.push({ kind: "expect", pattern: body });
    } else if (line === "= close") steps.push({ kind: "close" });
    else if (line === "= end") steps.push({ kind: "end" });
    else throw new Error(`transcript line ${i + 1}: expected '>', '<', '#' or '=': ${line}`);
  }
  return steps;
}

/**
 * Match `received` against a pattern with `{*}` wildcards. Returns the
 * number of bytes the pattern covers, `"short"` when more bytes could still
 * complete it, or the offset of the first byte that cannot match.
 */
export function matchPattern(
  received: string,
  pattern: string,
): number | "short" | { mismatchAt: number } {
  const parts = pattern.split("{*}");
  let pos = 0;
  for (const [i, part] of parts.entries()) {
    if (i > 0) {
      // Wildcard: skip bytes up to CR/LF or the start of the next literal.
      while (pos < received.length && !received.startsWith(part, pos)) {
        const c = received[pos];
        if (c === "\r" || c === "\n") return { mismatchAt: pos };
        pos++;
      }
      if (pos >= received.length && part !== "") return "short";
    }
    for (let k = 0; k < part.length; k++, pos++) {
      if (pos >= received.length) return "short";
      if (received[pos] !== part[k]) return { mismatchAt: pos };
    }
  }
  return pos;
}

/** Replay a transcript against a server; throws a teaching AssertionError. */
export async function replayTranscript(
  file: string,
  port: number,
  lesson: Lesson = {},
  host = "127.0.0.1",
): Promise<void> {
  const steps = parseTranscript(readFileSync(file, "utf8"));
  const socket = net.connect({ port, host });
  let buffer = "";
  let closed = false;
  let wake: (() => void) | undefined;
  socket.on("data", (d: Buffer) => {
    buffer += d.toString("latin1");
    wake?.();
  });
  socket.on("close", () => {
    closed = true;
    wake?.();
  });
  socket.on("error", () => {
    closed = true;
    wake?.();
  });
  // An unwritten exercise on the server side ends the replay at once.
  let stub: NotImplemented | undefined;
  const unsubscribe = onStubThrown((s) => {
    stub = s;
    wake?.();
  });
  const waitForChange = (ms: number): Promise<boolean> =>
    new Promise((resolve, reject) => {
      if (stub) return reject(stub);
      const t = setTimeout(() => resolve(false), ms);
      wake = () => {
        clearTimeout(t);
        if (stub) reject(stub);
        else resolve(true);
      };
    });
  const fail = (message: string): never => {
    socket.destroy();
    throw new AssertionError({ message: `${file}: ${message}` });
  };
  let sent = "";
  try {
    for (const step of steps) {
      if (step.kind === "send") {
        sent += step.bytes.toString("latin1");
        socket.write(step.bytes);
      } else if (step.kind === "end") {
        socket.end();
      } else if (step.kind === "expect") {
        for (;;) {
          const m = matchPattern(buffer, step.pattern);
          if (typeof m === "number") {
            buffer = buffer.slice(m);
            break;
          }
          if (m !== "short" || closed) {
            fail(describeMismatch("Transcript", buffer, step.pattern, { ...lesson, sent }));
          }
          if (!(await waitForChange(2000))) {
            fail(
              describeMismatch("Transcript (timed out waiting)", buffer, step.pattern, {
                ...lesson,
                sent,
              }),
            );
          }
        }
      } else {
        while (!closed) {
          if (!(await waitForChange(2000)))
            fail("expected the server to close the connection; it stayed open");
        }
        if (buffer.length > 0)
          fail(describeMismatch("Transcript (unexpected bytes before close)", buffer, "", lesson));
      }
    }
  } finally {
    unsubscribe();
    socket.destroy();
  }
}
