/**
 * What a scenario is, and what it gets to work with.
 *
 * A scenario family is one file in scenarios/ exporting Scenario values;
 * scenarios/index.ts lists them. Later chapters add theirs (static files,
 * compression, TLS, HTTP/2) the same way: a name, a description, and a
 * `run` that returns measurements.
 */
import type { LoadTool } from "../load-tools/load-tool.ts";
import type { Measurement } from "../measurement.ts";
import type { BenchOptions } from "../options.ts";
import type { PinPlan } from "../pinning.ts";
import type { OursCommand } from "../servers.ts";
import type { Target } from "../summary.ts";

export interface BenchContext {
  readonly options: BenchOptions;
  readonly pin: PinPlan;
  readonly ours: OursCommand;
  /** Load tools selected and installed. */
  readonly tools: readonly LoadTool[];
  /** Progress for a human, on stderr; silent with --json. */
  log(message: string): void;
}

export interface Scenario {
  /** For `--only`: "keepalive", "pipeline", "parser", "memory". */
  readonly name: string;
  readonly description: string;
  /** The ratios ours / node:http (or / chapter 03) this scenario aims for. */
  readonly targets?: readonly Target[];
  run(context: BenchContext): Promise<readonly Measurement[]>;
}
