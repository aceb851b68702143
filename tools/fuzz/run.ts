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
import { toolArgs, usageError } from "../cli-args.ts";
import { corpusOf, save } from "./corpus.ts";
import { fuzz } from "./engine.ts";
import { TARGETS } from "./targets.ts";

const USAGE = `Usage: npm run fuzz -- [options] [target ...]

  targets: ${TARGETS.map((t) => t.name).join(", ")} (default: all)
  --seconds <s>      time per target (default 20)
  --runs <n>         inputs per target, for a reproducible run
  --seed <n>         the generator's seed (default: from the clock)
  --max-length <n>   longest input in bytes (default 4096)
  --save             keep inputs that found new coverage in the corpus
  -h, --help         this text`;

function parse() {
  const { values, positionals } = toolArgs("npm run fuzz", USAGE, {
    allowPositionals: true,
    options: {
      seconds: { type: "string", default: "20" },
      runs: { type: "string", default: String(Number.MAX_SAFE_INTEGER) },
      seed: { type: "string", default: String(Date.now() % 2 ** 31) },
      "max-length": { type: "string", default: "4096" },
      save: { type: "boolean", default: false },
    },
  });
  const fail = (message: string) => usageError("npm run fuzz", message);
  const unknown = positionals.filter((name) => !TARGETS.some((t) => t.name === name));
  if (unknown.length > 0) fail(`no such target: ${unknown.join(", ")}`);
  const number = (name: "seconds" | "runs" | "seed" | "max-length", least: number): number => {
    const value = Number(values[name]);
    if (!Number.isSafeInteger(value) || value < least)
      fail(`--${name} wants a whole number, at least ${least}`);
    return value;
  };
  const options = {
    seconds: number("seconds", 1),
    maxRuns: number("runs", 1),
    seed: number("seed", 0),
    maxLength: number("max-length", 1),
  };
  const chosen =
    positionals.length === 0 ? TARGETS : TARGETS.filter((t) => positionals.includes(t.name));
  return { save: values.save, chosen, options };
}

async function main(): Promise<void> {
  const { save: keep, chosen, options } = parse();
  let crashed = false;
  for (const target of chosen) {
    const result = await fuzz(target, corpusOf(target.name), options);
    const line = `${target.name}: ${result.runs} runs, ${result.features} coverage features, ${result.discovered.length} new inputs (seed ${options.seed})`;
    console.log(line);
    if (keep) for (const input of result.discovered) save(target.name, "find", input);
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
