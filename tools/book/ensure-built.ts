/**
 * The built book, for the server to serve at `/` (`npm start`).
 *
 * A fresh clone has no built site; the first start builds it (about a
 * minute on a small machine), later starts reuse it. The build runs in a
 * child process so VitePress and typedoc never load into the server.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_DIST, REPO_ROOT } from "./paths.ts";

/** Absolute path of the built site (book/.vitepress/dist). */
export const BOOK_DIST: string = DEFAULT_DIST;

/** Longest a first build may take before we give up (10 minutes). */
export const BOOK_BUILD_TIMEOUT_MS = 10 * 60_000;

/** Build the book unless BOOK_DIST/index.html exists; returns BOOK_DIST. */
export async function ensureBookBuilt(options?: { log?: (line: string) => void }): Promise<string> {
  if (existsSync(path.join(BOOK_DIST, "index.html"))) return BOOK_DIST;
  const log = options?.log ?? ((line: string) => console.log(line));
  log("book: not built yet; building it once (npm run book)...");
  const child = spawn(process.execPath, ["--import", "tsx", "tools/book/build.ts"], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    timeout: BOOK_BUILD_TIMEOUT_MS,
  });
  let pending = "";
  const forward = (chunk: Buffer): void => {
    const lines = (pending + chunk.toString("utf8")).split("\n");
    pending = lines.pop() ?? "";
    for (const l of lines) if (l.trim() !== "") log(`book: ${l}`);
  };
  child.stdout.on("data", forward);
  child.stderr.on("data", forward);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (pending.trim() !== "") log(`book: ${pending}`);
  if (code !== 0 || !existsSync(path.join(BOOK_DIST, "index.html")))
    throw new Error(`book build failed (exit ${code}); run \`npm run book\` to see why`);
  return BOOK_DIST;
}
