/**
 * A Vite plugin that stubs one exercise in solutions/ while vitest loads it.
 *
 * CI proves every exercise is caught by a test (DESIGN.md invariant 2): for
 * each `@exercise` it runs the chapter's tests with
 * HANDSHAKE_STUB="solutions/NN-slug/file.ts#name", and this plugin serves
 * that file with just that body replaced by the same stub the learner gets.
 * No files are copied or edited, so the check cannot leave debris behind.
 */
import path from "node:path";
import type { Plugin } from "vite";
import { ROOT } from "../course/chapters.ts";
import { stubSource } from "./transform.ts";

export function stubPlugin(spec: string | undefined): Plugin {
  // Split at the first "#": a private method's name has its own (`Class.#m`).
  const at = (spec ?? "").indexOf("#");
  const file = at < 0 ? spec : spec?.slice(0, at);
  const name = at < 0 ? undefined : spec?.slice(at + 1);
  const target = file ? path.resolve(ROOT, file) : undefined;
  return {
    name: "handshake-stub",
    enforce: "pre",
    transform(code, id) {
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
