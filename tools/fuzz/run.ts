/**
 * `npm run fuzz`: every target for a bounded time, from the committed
 * seed corpus (tests/10-hardening/fuzz/<target>/). A crash is written
 * there as crash-<hash>.bin, so the regression test replays it from then
 * on; fix the code, keep the file. `--save` also keeps inputs that found
 * new coverage as corpus entries.
 *
 *   npm run fuzz                          every target, 20 s each
 *   npm run fuzz -- --seconds 120 chunked one target, longer
 *   npm run fuzz -- --runs 2000 --seed 7  bounded by runs: reproducible
 */
import { parseArgs } from "node:util";
import { corpusOf, save } from "./corpus.ts";
import { fuzz } from "./engine.ts";
import { TARGETS } from "./targets.ts";

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      seconds: { type: "string", default: "20" },
      runs: { type: "string", default: String(Number.MAX_SAFE_INTEGER) },
      seed: { type: "string", default: String(Date.now() % 2 ** 31) },
      "max-length": { type: "string", default: "4096" },
      save: { type: "boolean", default: false },
    },
  });
  const chosen =
    positionals.length === 0 ? TARGETS : TARGETS.filter((t) => positionals.includes(t.name));
  if (chosen.length === 0)
    throw new Error(`no such target; have ${TARGETS.map((t) => t.name).join(", ")}`);
  const options = {
    seconds: Number(values.seconds),
    maxRuns: Number(values.runs),
    seed: Number(values.seed),
    maxLength: Number(values["max-length"]),
  };
  let crashed = false;
  for (const target of chosen) {
    const result = await fuzz(target, corpusOf(target.name), options);
    const line = `${target.name}: ${result.runs} runs, ${result.features} coverage features, ${result.discovered.length} new inputs (seed ${options.seed})`;
    console.log(line);
    if (values.save) for (const input of result.discovered) save(target.name, "find", input);
    if (result.crash) {
      crashed = true;
      const file = save(target.name, "crash", result.crash.input);
      console.error(
        `  CRASH ${result.crash.error}\n  input saved to ${file}; the regression test now replays it`,
      );
    }
  }
  process.exitCode = crashed ? 1 : 0;
}

await main();
