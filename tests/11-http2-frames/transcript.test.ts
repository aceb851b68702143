/**
 * The chapter's transcript, replayed through the decoder: the bytes of
 * each '>' run are pushed, and the frames decoded from them must read as
 * the '<' lines that follow.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test } from "vitest";
import { FrameDecoder } from "#ch11/frame-decoder.ts";
import { parseTranscript } from "#testing/transcript.ts";
import { expectBytes } from "#testing/wire.ts";
import { describeError, describeFrame } from "./describe-frame.ts";

const FILE = fileURLToPath(new URL("./transcript.txt", import.meta.url));

test("transcript: a client's first frames decoded, then a PING on stream 1 refused", () => {
  const decoder = new FrameDecoder({ preface: "client" });
  let said = "";
  let sent: Uint8Array = Buffer.alloc(0);
  for (const step of parseTranscript(readFileSync(FILE, "utf8"))) {
    if (step.kind === "send") {
      sent = step.bytes;
      decoder.push(step.bytes);
      for (let r = decoder.next(); r.kind !== "incomplete"; r = decoder.next()) {
        said += `${r.kind === "frame" ? describeFrame(r.frame) : describeError(r.error)}\n`;
        if (r.kind === "error") break;
      }
    } else if (step.kind === "expect") {
      expectBytes(said, step.pattern, {
        sent,
        book: "chapters/11-http2-frames.md#samples-bytes-in-frames-out",
      });
      said = "";
    }
  }
});
