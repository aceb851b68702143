/**
 * Imports point down (CONTRIBUTING.md): chapter N uses chapters below N,
 * src/ never uses tools/. The check runs on a made-up repository, where
 * each rule is broken once, and on this one, where none may be.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { check, findViolations, importsOf } from "../../tools/check/import-direction.ts";

const fixture = mkdtempSync(path.join(tmpdir(), "handshake-imports-"));
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  const file = path.join(fixture, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

write("solutions/02-parser/a.ts", 'import type { X } from "#ch03/message.ts";\n');
write("solutions/02-parser/b.ts", 'import { y } from "./a.ts";\nimport "#ch01/ok.ts";\n');
write("solutions/03-conn/message.ts", 'export { z } from "#ch02/a.ts";\n');
write("solutions/03-conn/c.ts", 'const m = await import("../05-route/r.ts");\n');
write("solutions/03-conn/d.ts", 'import { eventually } from "#testing/wait.ts";\n');
write("solutions/05-route/r.ts", 'import { x } from "../02-parser/a.ts";\n');
write("src/cli.ts", 'import { root } from "../tools/course/repo-root.ts";\n');
write("src/ok.ts", 'import { s } from "#ch05/r.ts";\n');

describe("tools/check/import-direction.ts", () => {
  test("reads static, type-only, re-export, side-effect and dynamic imports", () => {
    const source = [
      'import type { A } from "#ch02/a.ts";',
      'import {\n  b,\n  c,\n} from "./b.ts";',
      'export { d } from "#ch03/d.ts";',
      'import "./side.ts";',
      'const e = await import("#ch04/e.ts");',
      '// "from" in a comment: "#ch09/nothing.ts"',
    ].join("\n");
    expect(importsOf(source)).toEqual([
      "#ch02/a.ts",
      "./b.ts",
      "#ch03/d.ts",
      "./side.ts",
      "#ch04/e.ts",
    ]);
  });

  test("names each import that points up or out, and nothing else", () => {
    const found = findViolations(fixture).map((v) => `${v.file} ${v.specifier} (${v.why})`);
    expect(found.sort()).toEqual(
      [
        "solutions/02-parser/a.ts #ch03/message.ts (chapter 02 imports chapter 03)",
        "solutions/03-conn/c.ts ../05-route/r.ts (chapter 03 imports chapter 05)",
        "solutions/03-conn/d.ts #testing/wait.ts (solutions/ imports tools/)",
        "solutions/05-route/r.ts ../02-parser/a.ts (another chapter is reached through #chNN/*)",
        "src/cli.ts ../tools/course/repo-root.ts (src/ imports tools/)",
      ].sort(),
    );
  });

  test("this repository has no import pointing the wrong way", () => {
    expect(check()).toEqual([]);
  });
});
