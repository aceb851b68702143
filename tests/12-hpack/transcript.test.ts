/**
 * The chapter's transcript, replayed through one HpackDecoder: each run
 * of '>' lines is a field block, and what the decoder returns (fields,
 * then its dynamic table) must read as the '<' lines that follow.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test } from "vitest";
import { HpackDecoder, type HpackResult } from "#ch12/hpack-decoder.ts";
import { parseTranscript } from "#testing/transcript.ts";
import { expectBytes } from "#testing/wire.ts";

const FILE = fileURLToPath(new URL("./transcript.txt", import.meta.url));

function describe(result: HpackResult, decoder: HpackDecoder): string {
  if (result.kind === "error") return `${result.error.code}: ${result.error.reason}\n`;
  if (result.kind === "too-large") return `too large: ${result.size}\n`;
  const fields = result.fields.map(([n, v]) => `${n}: ${v}\n`);
  const table = decoder.tableEntries.map(
    ([n, v], i) => `table [${62 + i}] ${n}: ${v} (${n.length + v.length + 32})\n`,
  );
  return [...fields, ...table].join("");
}

test("transcript: RFC 7541 C.4's three requests, then an index past the table", () => {
  const decoder = new HpackDecoder();
  let said = "";
  let sent: Uint8Array = Buffer.alloc(0);
  for (const step of parseTranscript(readFileSync(FILE, "utf8"))) {
    if (step.kind === "send") {
      sent = step.bytes;
      said = describe(decoder.decode(step.bytes), decoder);
    } else if (step.kind === "expect") {
      expectBytes(said, step.pattern, {
        sent,
        book: "chapters/12-hpack.md#samples-blocks-in-fields-out",
      });
    }
  }
});
