/**
 * The `handshake` command: `npm start`, `node dist/handshake.js`, or
 * `npx handshake` after installing the package. It runs from any folder:
 * relative paths are the current directory's, and the only file it looks
 * for is the built book beside the program (src/ or dist/ next to book/,
 * as in a checkout), served when it is there and no --root is given.
 */
import process from "node:process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  type CliOptions,
  describeStartError,
  HELP,
  readOptions,
  UsageError,
} from "./cli-options.ts";
import { type RunningServer, startServer } from "./server.ts";

/** Where a checkout's built book is, seen from this file (src/ or dist/). */
export const BUILT_BOOK = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "book",
  ".vitepress",
  "dist",
);

/** --root, else the built book when it is there, else no static files. */
function staticRootFor(options: CliOptions): string | undefined {
  if (options.staticRoot !== undefined) return path.resolve(options.staticRoot);
  return existsSync(path.join(BUILT_BOOK, "index.html")) ? BUILT_BOOK : undefined;
}

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
  const staticRoot = staticRootFor(options);
  try {
    server = await startServer({
      ...options,
      root: process.cwd(),
      ...(staticRoot === undefined ? {} : { staticRoot }),
    });
  } catch (err) {
    console.error(`handshake: ${describeStartError(err, options)}`);
    return 1;
  }
  const host = server.host.includes(":") ? `[${server.host}]` : server.host;
  console.log(`Handshake (as of chapter ${server.chapter}) listening on ${host}:${server.port}`);
  for (const line of server.banner)
    console.log(`  ${line.replaceAll("{origin}", `${host}:${server.port}`)}`);
  console.log("  Ctrl-C to stop");
  const report = await new Promise<string>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) {
        console.error(`handshake: ${signal} again, exiting now`);
        process.exit(130);
      }
      stopping = true;
      const busy = server.connections().busy;
      console.log(`handshake: ${signal}: closing, ${busy} busy (again to force)`);
      server.close().then(
        ({ destroyed }) => resolve(destroyed === 0 ? "" : `, ${destroyed} cut at the deadline`),
        (err: Error) => resolve(`, ${err.message}`),
      );
    };
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
  });
  console.log(`handshake: stopped${report}`);
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
