/**
 * Every scenario, in the order they run. A later chapter adds its family
 * as one file in this folder and one line here.
 */
import { keepAlive, pipeline } from "./http1-load.ts";
import { idleMemory } from "./idle-memory.ts";
import { parserScenario } from "./parser.ts";
import type { Scenario } from "./scenario.ts";

export const SCENARIOS: readonly Scenario[] = [keepAlive, pipeline, parserScenario, idleMemory];
