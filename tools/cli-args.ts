/**
 * The command line of the repository's own tools (`npm run fuzz`,
 * `npm run book`, `npm test`, ...). Every one of them answers `--help`
 * with its usage, and bad input with one line naming the tool and the
 * mistake, exit code 2, never a stack trace, and never by silently
 * ignoring a misspelt flag (a `npm test -- --quik` that runs everything
 * for ten minutes is a mistake the tool could have named in a second).
 */
import { type ParseArgsConfig, parseArgs } from "node:util";

/** One line on stderr naming the tool, the mistake and `--help`; exit 2. */
export function usageError(tool: string, message: string): never {
  const help = tool.startsWith("npm ") ? `${tool} -- --help` : `${tool} --help`;
  console.error(`${tool}: ${message} (${help})`);
  process.exit(2);
}

/**
 * `parseArgs` (strict, its default), plus `-h`/`--help`: on `--help` it prints
 * `usage` and exits 0; on an unknown option or a missing value it calls
 * `usageError`.
 */
export function toolArgs<const C extends ParseArgsConfig>(
  tool: string,
  usage: string,
  config: C,
): ReturnType<typeof parseArgs<C>> {
  const args = config.args ?? process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs(config);
  } catch (err) {
    if (!(err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) throw err;
    // node's message goes on to explain `--`; its first sentence says it.
    usageError(tool, (err as Error).message.replace(/\. To specify a positional.*$/s, ""));
  }
}
