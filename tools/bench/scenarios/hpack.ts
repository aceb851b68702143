/**
 * Chapter 12's HPACK codec, timed on its own, on the same browser request
 * the parser scenario reads as HTTP/1.1 (sample-heads.ts), turned into an
 * HTTP/2 header list: the request-line becomes pseudo-header fields, Host
 * becomes :authority, and Connection (forbidden in HTTP/2) is dropped.
 *
 * Three cases, in CPU time: the first block on a connection (every value
 * a Huffman literal), the same request again (nearly all one-byte
 * indexes: what a browser sends from its second request on), and the
 * server-side cost of encoding it. The codec is compiled as the bundle
 * compiles it (importCompiled). Rows use the parser table: one HPACK
 * block is one request head.
 */
import { cpuLoop } from "../cpu-clock.ts";
import type { Measurement } from "../measurement.ts";
import { CHROME_HEAD } from "../sample-heads.ts";
import { importCompiled } from "../servers.ts";
import type { BenchContext, Scenario } from "./scenario.ts";

/** CPU time per case. */
const CASE_MS = { normal: 1_000, quick: 150 } as const;

type Decoder = typeof import("#ch12/hpack-decoder.ts");
type Encoder = typeof import("#ch12/hpack-encoder.ts");

/** An HTTP/1.1 head as the header list an HTTP/2 client would send. */
export function h2HeaderList(head: Buffer): [string, string][] {
  const [requestLine = "", ...lines] = head.toString("latin1").split("\r\n");
  const [method = "GET", path = "/"] = requestLine.split(" ");
  const fields: [string, string][] = [
    [":method", method],
    [":scheme", "https"],
    [":path", path],
  ];
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "host") fields.splice(1, 0, [":authority", value]);
    else if (name !== "connection") fields.push([name, value]);
  }
  return fields;
}

function row(subject: string, bytes: number, step: () => void, budgetMs: number): Measurement {
  for (let i = 0; i < 1_000; i++) step(); // warm-up
  const t = cpuLoop(step, budgetMs);
  const sec = t.cpuMs / 1000;
  return {
    kind: "parser",
    scenario: "hpack",
    subject,
    headBytes: bytes,
    bytesPerSec: (t.iterations * bytes) / sec,
    headsPerSec: t.iterations / sec,
  };
}

async function run(context: BenchContext): Promise<Measurement[]> {
  const { HpackDecoder } = await importCompiled<Decoder>("#ch12/hpack-decoder.ts");
  const { HpackEncoder } = await importCompiled<Encoder>("#ch12/hpack-encoder.ts");
  const ms = CASE_MS[context.options.quick ? "quick" : "normal"];
  context.log("hpack: decode and encode a browser request");
  const fields = h2HeaderList(CHROME_HEAD);
  const first = new HpackEncoder().encode(fields);
  const warm = new HpackEncoder();
  warm.encode(fields);
  const repeated = warm.encode(fields);
  const decoder = new HpackDecoder();
  decoder.decode(first);
  const encoder = new HpackEncoder();
  encoder.encode(fields);
  return [
    row(
      "HPACK decode: Chrome head, first block",
      first.length,
      () => {
        new HpackDecoder().decode(first);
      },
      ms,
    ),
    row(
      "HPACK decode: Chrome head, repeated",
      repeated.length,
      () => {
        decoder.decode(repeated);
      },
      ms,
    ),
    row(
      "HPACK encode: Chrome head, repeated",
      repeated.length,
      () => {
        encoder.encode(fields);
      },
      ms,
    ),
  ];
}

export const hpackScenario: Scenario = {
  name: "hpack",
  description: "chapter 12 HPACK: decode and encode a browser request, CPU time",
  run: (context) =>
    run(context).catch((err: unknown) => [
      { kind: "skipped", scenario: "hpack", reason: String(err) },
    ]),
};
