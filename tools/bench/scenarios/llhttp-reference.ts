/**
 * A yardstick for chapter 02's parser: llhttp, the C parser inside
 * node:http, reached through Node's internal `_http_common` module.
 *
 * Only a peer in a benchmark, never used by the server. It parses the same
 * heads so the parser table reads "ours vs what node:http pays". Internal
 * modules can vanish in a Node release; then the rows are simply absent.
 */
import { createRequire } from "node:module";
import { cpuLoop } from "../cpu-clock.ts";
import type { ParserMeasurement } from "../measurement.ts";

/** The slice of llhttp's binding the benchmark drives. */
interface LlhttpParser {
  initialize(type: number, resource: object): void;
  execute(data: Buffer): number | Error;
  [callback: number]: (() => void) | undefined;
}
interface LlhttpBinding {
  new (): LlhttpParser;
  readonly REQUEST: number;
  readonly kOnHeaders: number;
  readonly kOnHeadersComplete: number;
  readonly kOnMessageComplete: number;
  readonly kOnExecute: number;
}

function loadLlhttp(): LlhttpBinding | undefined {
  try {
    const internal = createRequire(import.meta.url)("_http_common") as {
      HTTPParser?: LlhttpBinding;
    };
    return internal.HTTPParser;
  } catch {
    return undefined;
  }
}

/** Heads per second llhttp parses `head`, fed whole, for `budgetMs`. */
export function llhttpThroughput(
  subject: string,
  head: Buffer,
  budgetMs: number,
): ParserMeasurement | undefined {
  const HTTPParser = loadLlhttp();
  if (HTTPParser === undefined) return undefined;
  const parser = new HTTPParser();
  parser.initialize(HTTPParser.REQUEST, {});
  let complete = 0;
  parser[HTTPParser.kOnHeaders] = () => {};
  parser[HTTPParser.kOnHeadersComplete] = () => {};
  parser[HTTPParser.kOnMessageComplete] = () => {
    complete++;
  };
  for (let i = 0; i < 1_000; i++) parser.execute(head); // warm-up
  complete = 0;
  const t = cpuLoop(() => parser.execute(head), budgetMs);
  if (complete !== t.iterations) return undefined; // it refused the head
  const sec = t.cpuMs / 1000;
  return {
    kind: "parser",
    scenario: "parser",
    subject: `${subject}, llhttp (node:http)`,
    headBytes: head.length,
    bytesPerSec: (t.iterations * head.length) / sec,
    headsPerSec: t.iterations / sec,
  };
}
