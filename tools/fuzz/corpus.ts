/**
 * The committed corpus: tests/10-hardening/fuzz/<target>/, one file per
 * input. seed-* are written by hand, find-* were kept by `--save` for
 * reaching new coverage, crash-* once broke a target and stay as
 * regressions.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const CORPUS_ROOT = path.resolve(import.meta.dirname, "../../tests/10-hardening/fuzz");

/** Every committed input of a target: seeds, saved finds and crashes. */
export function corpusOf(target: string): Buffer[] {
  const dir = path.join(CORPUS_ROOT, target);
  let names: string[] = [];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.map((name) => readFileSync(path.join(dir, name)));
}

export function save(target: string, prefix: string, input: Buffer): string {
  const dir = path.join(CORPUS_ROOT, target);
  mkdirSync(dir, { recursive: true });
  const hash = createHash("sha1").update(input).digest("hex").slice(0, 12);
  const file = path.join(dir, `${prefix}-${hash}.bin`);
  writeFileSync(file, input);
  return path.relative(process.cwd(), file);
}
