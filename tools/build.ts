/**
 * `npm run build`: bundle the assembled server into dist/handshake.js.
 *
 * esbuild resolves the `#chNN/*` imports with the default conditions, so
 * the bundle is the reference server. npm packages are bundled too (mime
 * types, nothing else), so the file needs nothing installed beside it:
 * `node dist/handshake.js` starts without tsx, from any folder, and the
 * package `npm pack` makes has no dependencies. Pass `--learner` to bundle
 * the learner's exercises instead.
 *
 * Whitespace and comments are left out (`minifyWhitespace`; names stay):
 * V8 keeps a module's whole source in the heap for as long as the process
 * runs, and our doc comments, with their § and arrows, would make it a
 * two-byte string of about 3 MiB instead of a one-byte one of 1 MiB. The
 * heap's growth limit is a multiple of what stays live, so under load
 * that costs several times its size in RSS (chapter 13, How fast). Stack
 * traces point into the source map beside the bundle:
 * `node --enable-source-maps dist/handshake.js` shows the TypeScript lines.
 */
import { build } from "esbuild";
import { chmodSync } from "node:fs";
import path from "node:path";
import { listChapters, ROOT } from "./course/chapters.ts";

const learner = process.argv.includes("--learner");
const outfile = path.join(ROOT, "dist", "handshake.js");

await build({
  entryPoints: [path.join(ROOT, "src", "cli.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  minifyWhitespace: true,
  conditions: learner ? listChapters().map((c) => `learner-${c.number}`) : [],
  // CommonJS packages in an ES module bundle still call require() for
  // Node's built-ins; give them one.
  banner: {
    js: [
      "#!/usr/bin/env node",
      'import { createRequire as __createRequire } from "node:module";',
      "const require = __createRequire(import.meta.url);",
    ].join("\n"),
  },
  logLevel: "warning",
});
chmodSync(outfile, 0o755);
console.log(`build: ${path.relative(ROOT, outfile)}${learner ? " (learner's code)" : ""}`);
