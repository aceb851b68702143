/**
 * `npm run build`: bundle the assembled server into dist/handshake.js.
 *
 * esbuild resolves the `#chNN/*` imports with the default conditions, so
 * the bundle is the reference server; npm packages stay external (they are
 * installed beside it). `node dist/handshake.js` then starts without tsx.
 * Pass `--learner` to bundle the learner's exercises instead.
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
  packages: "external",
  sourcemap: true,
  conditions: learner ? listChapters().map((c) => `learner-${c.number}`) : [],
  banner: { js: "#!/usr/bin/env node" },
  logLevel: "warning",
});
chmodSync(outfile, 0o755);
console.log(`build: ${path.relative(ROOT, outfile)}${learner ? " (learner's code)" : ""}`);
