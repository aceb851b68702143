/**
 * Every scenario, in the order they run. A later chapter adds its family
 * as one file in this folder and one line here.
 */
import { COMPRESSION_SCENARIOS } from "./compression.ts";
import { keepAlive, pipeline } from "./http1-load.ts";
import { hpackScenario } from "./hpack.ts";
import { HTTP2_SCENARIOS } from "./http2.ts";
import { idleMemory } from "./idle-memory.ts";
import { parserScenario } from "./parser.ts";
import type { Scenario } from "./scenario.ts";
import { STATIC_FILE_SCENARIOS } from "./static-files.ts";
import { TLS_SCENARIOS } from "./tls.ts";

export const SCENARIOS: readonly Scenario[] = [
  keepAlive,
  pipeline,
  parserScenario,
  hpackScenario,
  idleMemory,
  ...STATIC_FILE_SCENARIOS,
  ...COMPRESSION_SCENARIOS,
  ...TLS_SCENARIOS,
  ...HTTP2_SCENARIOS,
];
