/**
 * `npm start` in a checkout: the server, serving this book.
 *
 * The server itself (src/cli.ts) knows nothing about building books; it
 * serves the folder it is given. This wrapper gives it the book's folder
 * and, on a fresh clone where the book is not built yet, builds it in the
 * background (a minute or two): the routes answer at once and `/` serves
 * the book as soon as it is there, without a restart. Meanwhile `/`
 * answers 503 with a page that says so: the wrapper creates a marker file
 * and names it in HANDSHAKE_STATIC_PENDING, the server answers 503 while
 * the file exists, and the wrapper deletes it when the build ends (either
 * way). The server learns about the build through that one variable and
 * imports nothing from tools/. With --root or HANDSHAKE_STATIC_ROOT the
 * wrapper stays out of the way.
 *
 * The server runs as the bundle, `node dist/handshake.js`, in a child
 * process, rebuilt first when stale (build-if-stale.ts): never through
 * tsx, whose loader costs the parser about a third of its speed and adds
 * about 50 MiB, so what a reader measures first is what an operator would
 * deploy (the benchmark's headline row starts it the same way). This
 * wrapper only forwards signals and the exit code.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BOOK_DIST, ensureBookBuilt } from "./book/ensure-built.ts";
import { ROOT } from "./course/chapters.ts";

const BUNDLE = path.join(ROOT, "dist", "handshake.js");

const args = process.argv.slice(2);
const ownRoot = args.some((a) => a === "--root" || a.startsWith("--root="));
const asksHelp = args.includes("--help") || args.includes("-h");
if (!ownRoot && !asksHelp && process.env.HANDSHAKE_STATIC_ROOT === undefined) {
  process.env.HANDSHAKE_STATIC_ROOT = BOOK_DIST;
  if (!existsSync(path.join(BOOK_DIST, "index.html"))) {
    console.log("book: not built yet; building it in the background (npm run book)");
    const dir = mkdtempSync(path.join(tmpdir(), "handshake-book-"));
    const marker = path.join(dir, "building");
    writeFileSync(marker, `${process.pid}\n`);
    process.env.HANDSHAKE_STATIC_PENDING = marker;
    const done = (): void => rmSync(dir, { recursive: true, force: true });
    process.on("exit", done);
    ensureBookBuilt({ log: () => {} })
      .then(
        () => console.log("book: built; / now serves it"),
        (err: Error) =>
          console.error(`book: could not build it (${err.message}); routes still work`),
      )
      .finally(done);
  }
}
await import("./build-if-stale.ts");
const server = spawn(process.execPath, [BUNDLE, ...args], { stdio: "inherit" });
// Ctrl-C reaches the server from the terminal; it decides when to exit.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => server.kill("SIGTERM"));
server.on("exit", (code, signal) => process.exit(code ?? (signal === null ? 1 : 130)));
