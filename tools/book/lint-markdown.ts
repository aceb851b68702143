/**
 * markdownlint over every Markdown file we write, with the committed
 * .markdownlint.jsonc. Generated and vendored folders are not ours to lint.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

/** Globs markdownlint skips: dependencies, generated exercises, build output. */
export const MARKDOWNLINT_IGNORES = [
  "node_modules",
  "exercises",
  "book/.vitepress",
  "book/api",
  "dist",
  "coverage",
  ".handshake",
] as const;

/** Run markdownlint-cli; returns its complaints (empty when clean). */
export function lintMarkdown(root: string): string[] {
  const cli = path.join(root, "node_modules", "markdownlint-cli", "markdownlint.js");
  const args = [cli, "--config", path.join(root, ".markdownlint.jsonc")];
  for (const i of MARKDOWNLINT_IGNORES) args.push("--ignore", i);
  args.push("**/*.md");
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", timeout: 60_000 });
  if (r.error) return [`markdownlint could not run: ${r.error.message}`];
  if (r.status === 0) return [];
  const out = `${r.stdout}${r.stderr}`.trim();
  return out === "" ? [`markdownlint exited with ${r.status}`] : out.split("\n");
}
