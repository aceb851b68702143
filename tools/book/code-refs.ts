/**
 * Code references in chapter Markdown, found and resolved.
 *
 * A chapter shows real code with one directive per line:
 *
 *     <!-- code: solutions/01-sockets/line-framer.ts#takeLines -->
 *     <!-- exercise: solutions/01-sockets/line-framer.ts#takeLines -->
 *     <!-- transcript: tests/01-sockets/transcript.txt -->
 *
 * The build, `npm run book:check` and `npm run book:coverage` all read
 * directives through this module, so they agree on what a reference means
 * and fail the same way (with the chapter's file:line) when one breaks.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type ts from "typescript";
import { scanExercises, type ExerciseInfo } from "../exercises/scan.ts";
import { findSymbol, listSymbols, parseSource, type FoundSymbol } from "./symbols.ts";

export type DirectiveKind = "code" | "exercise" | "transcript";

export interface Directive {
  readonly kind: DirectiveKind;
  /** Repository-relative file, e.g. "solutions/01-sockets/x.ts". */
  readonly file: string;
  /** Symbol after `#`; "" for transcripts. */
  readonly symbol: string;
  /** Where the directive is: "chapters/01-sockets.md:42". */
  readonly at: string;
  /** 1-based line in the Markdown file. */
  readonly line: number;
}

export type Resolved =
  | { readonly kind: "code"; readonly directive: Directive; readonly symbol: FoundSymbol }
  | {
      readonly kind: "exercise";
      readonly directive: Directive;
      readonly symbol: FoundSymbol;
      readonly exercise: ExerciseInfo;
      /** The body (block or expression), dedented. */
      readonly body: string;
    }
  | { readonly kind: "transcript"; readonly directive: Directive; readonly text: string };

/** A reference that does not resolve, with the place to fix it. */
export class CodeRefError extends Error {
  override readonly name = "CodeRefError";
}

/** One directive per line, alone on it; nothing else is a directive. */
const DIRECTIVE = /^\s*<!--\s*(code|exercise|transcript):\s*(\S+?)\s*-->\s*$/;

/** Every directive in a Markdown text, skipping fenced code blocks. */
export function findDirectives(markdown: string, mdFile: string): Directive[] {
  const found: Directive[] = [];
  let fence: string | undefined;
  for (const [i, line] of markdown.split("\n").entries()) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (f && (fence === undefined || f.startsWith(fence))) {
      fence = fence === undefined ? f : undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const m = DIRECTIVE.exec(line);
    if (!m) continue;
    // Split at the first '#' only: `Class.#method` names a private member.
    const target = m[2] ?? "";
    const hash = target.indexOf("#");
    const file = hash < 0 ? target : target.slice(0, hash);
    const symbol = hash < 0 ? "" : target.slice(hash + 1);
    found.push({
      kind: m[1] as DirectiveKind,
      file,
      symbol,
      at: `${mdFile}:${i + 1}`,
      line: i + 1,
    });
  }
  return found;
}

/**
 * Resolves directives against a repository root. Parsed files are cached,
 * so one resolver serves a whole book build.
 */
export class CodeResolver {
  readonly root: string;
  readonly #sources = new Map<string, ts.SourceFile>();
  readonly #exercises = new Map<string, ExerciseInfo[]>();

  constructor(root: string) {
    this.root = root;
  }

  resolve(d: Directive): Resolved {
    const abs = this.#absolute(d);
    if (d.kind === "transcript") {
      if (d.symbol !== "") throw this.#error(d, "a transcript takes no #symbol");
      return { kind: "transcript", directive: d, text: readFileSync(abs, "utf8") };
    }
    if (!d.symbol) throw this.#error(d, "missing #symbol after the file name");
    const source = this.source(d.file);
    const symbol = findSymbol(source, d.symbol);
    if (!symbol) {
      const known = listSymbols(source).join(", ") || "none";
      throw this.#error(d, `no symbol '${d.symbol}' in ${d.file} (top level: ${known})`);
    }
    if (d.kind === "code") return { kind: "code", directive: d, symbol };
    const exercise = this.#exercisesOf(d.file).find((e) => e.name === d.symbol);
    if (!exercise) throw this.#error(d, `'${d.symbol}' is not tagged @exercise`);
    const body = source.text.slice(exercise.bodyStart, exercise.bodyEnd);
    return { kind: "exercise", directive: d, symbol, exercise, body };
  }

  /** The parsed source of a repository-relative file (cached). */
  source(file: string): ts.SourceFile {
    let s = this.#sources.get(file);
    if (!s) {
      s = parseSource(file, readFileSync(path.join(this.root, file), "utf8"));
      this.#sources.set(file, s);
    }
    return s;
  }

  #exercisesOf(file: string): ExerciseInfo[] {
    let list = this.#exercises.get(file);
    if (!list) {
      list = scanExercises(file, this.source(file).text);
      this.#exercises.set(file, list);
    }
    return list;
  }

  #absolute(d: Directive): string {
    const normal = path.posix.normalize(d.file);
    if (normal.startsWith("..") || path.isAbsolute(normal))
      throw this.#error(d, `path must stay inside the repository: ${d.file}`);
    const abs = path.join(this.root, normal);
    if (!existsSync(abs)) throw this.#error(d, `no such file: ${d.file}`);
    if (d.kind !== "transcript" && !/\.(ts|mts|tsx)$/.test(normal))
      throw this.#error(d, `not a TypeScript file: ${d.file}`);
    return abs;
  }

  #error(d: Directive, message: string): CodeRefError {
    return new CodeRefError(`${d.at}: ${d.kind} reference: ${message}`);
  }
}

/** Resolve every directive of a Markdown file; collect all errors. */
export function resolveAll(
  resolver: CodeResolver,
  markdown: string,
  mdFile: string,
): { resolved: Resolved[]; errors: string[] } {
  const resolved: Resolved[] = [];
  const errors: string[] = [];
  for (const d of findDirectives(markdown, mdFile)) {
    try {
      resolved.push(resolver.resolve(d));
    } catch (e) {
      if (!(e instanceof CodeRefError)) throw e;
      errors.push(e.message);
    }
  }
  return { resolved, errors };
}
