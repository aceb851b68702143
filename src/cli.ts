import {
  type CliOptions,
  describeStartError,
  HELP,
  readOptions,
  UsageError,
} from "./cli-options.ts";
import { type RunningServer, startServer } from "./server.ts";
import { findRepoRoot } from "../tools/course/repo-root.ts";

const ROOT = findRepoRoot(import.meta.url);

async function main(): Promise<number> {
  let options: CliOptions;
  try {
    options = readOptions(process.argv.slice(2), process.env);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`handshake: ${err.message}`);
      return 2;
    }
    throw err;
  }
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  let server: RunningServer;
  try {
    server = await startServer({ ...options, root: ROOT });
  } catch (err) {
    console.error(`handshake: ${describeStartError(err, options)}`);
    return 1;
  }
  const host = server.host.includes(":") ? `[${server.host}]` : server.host;
  console.log(`Handshake (as of chapter ${server.chapter}) listening on ${host}:${server.port}`);
  for (const line of server.banner)
    console.log(`  ${line.replaceAll("{origin}", `${host}:${server.port}`)}`);
  console.log("  Ctrl-C to stop");
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) {
        console.error(`handshake: ${signal} again, exiting now`);
        process.exit(130);
      }
      stopping = true;
      console.log(`handshake: ${signal}: closing (again to force)`);
      server.close().then(
        () => resolve(),
        () => resolve(),
      );
    };
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
  });
  console.log("handshake: stopped");
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`handshake: ${(err as Error).message ?? String(err)}`);
    process.exitCode = 1;
  },
);
