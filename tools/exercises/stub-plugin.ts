/**
 * A Vite plugin that stubs one exercise in solutions/ while vitest loads it.
 *
 * CI proves every exercise is caught by a test (DESIGN.md invariant 2): for
 * each `@exercise` it runs the chapter's tests with
 * HANDSHAKE_STUB="solutions/NN-slug/file.ts#name", and this plugin serves
 * that file with just that body replaced by the same stub the learner gets.
 * No files are copied or edited, so the check cannot leave debris behind.
 *
 * The spec may be a function, read at each transform: a long-lived vitest
 * (tools/check/caught-runner.ts) changes the stubbed exercise between runs
 * and invalidates the file, instead of starting one vitest per exercise.
 */
import path from "node:path";
import type { Plugin } from "vite";
import { ROOT } from "../course/chapters.ts";
import { stubSource } from "./transform.ts";

/** "solutions/NN-slug/file.ts#name" as an absolute file and a name. */
export function parseStubSpec(spec: string | undefined): { target?: string; name?: string } {
  // Split at the first "#": a private method's name has its own (`Class.#m`).
  const at = (spec ?? "").indexOf("#");
  if (!spec || at < 0) return {};
  return { target: path.resolve(ROOT, spec.slice(0, at)), name: spec.slice(at + 1) };
}

export function stubPlugin(spec: string | undefined | (() => string | undefined)): Plugin {
  return {
    name: "handshake-stub",
    enforce: "pre",
    transform(code, id) {
      const { target, name } = parseStubSpec(typeof spec === "function" ? spec() : spec);
      if (!target || !name || id.split("?")[0] !== target) return null;
      const chapter = path.relative(path.join(ROOT, "solutions"), target).slice(0, 2);
      const { text } = stubSource(target, code, {
        chapter,
        learnerFile: path.relative(ROOT, target),
        only: name,
      });
      return { code: text, map: null };
    },
  };
}
