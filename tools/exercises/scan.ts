/**
 * Finds exercises in a TypeScript source: functions, methods and
 * arrow-function constants whose doc comment carries `@exercise`.
 *
 * The generator, the stub plugin (CI's "every exercise is caught" check),
 * `npm run learn` and the book all read exercises through this one scanner,
 * so they agree on what an exercise is. It uses the TypeScript compiler API:
 * the code carries no markers beyond its doc comments.
 */
import ts from "typescript";

export interface ExerciseInfo {
  /** `name` for functions and constants, `Class.method` for methods. */
  readonly name: string;
  /** 1-based line of the declaration's name. */
  readonly line: number;
  /** Offsets of the body to replace: a block `{...}` or an expression. */
  readonly bodyStart: number;
  readonly bodyEnd: number;
  /** True when the body is an expression (arrow function `=> expr`). */
  readonly expressionBody: boolean;
  /** Hint tiers in order: nudge, concept, near-solution. */
  readonly hints: readonly string[];
  /** Offsets of the whole doc comment, to strip hints from it. */
  readonly docStart: number;
  readonly docEnd: number;
  /** False when the return type is inferred: the stub would change it. */
  readonly hasReturnType: boolean;
  /** The declaration's signature, as written (for the book and hints). */
  readonly signature: string;
}

type FunctionLike =
  | ts.FunctionDeclaration
  | ts.MethodDeclaration
  | ts.ArrowFunction
  | ts.FunctionExpression;

function tagText(tag: ts.JSDocTag): string {
  const c = tag.comment;
  const text = typeof c === "string" ? c : (c ?? []).map((p) => p.text).join("");
  return text.replace(/\s+/g, " ").trim();
}

/** Pull `@exercise` and `@hint` from the doc comment attached to `node`. */
function readTags(node: ts.Node): { exercise: boolean; hints: string[]; doc?: ts.JSDoc } {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
  const doc = docs.at(-1);
  const tags = doc?.tags ?? [];
  const exercise = tags.some((t) => t.tagName.text === "exercise");
  const hints = tags
    .filter((t) => t.tagName.text === "hint")
    .map((t) => tagText(t).replace(/^(nudge|concept|solution):\s*/i, ""));
  return doc ? { exercise, hints, doc } : { exercise, hints };
}

function site(
  source: ts.SourceFile,
  name: string,
  nameNode: ts.Node,
  tagged: ts.Node,
  fn: FunctionLike,
): ExerciseInfo | undefined {
  const { exercise, hints, doc } = readTags(tagged);
  if (!exercise || !fn.body || !doc) return undefined;
  const body = fn.body;
  const sigEnd = body.getStart(source);
  const signature = source.text
    .slice(tagged.getStart(source), sigEnd)
    .replace(/\s*(=>)?\s*$/, "")
    .trim();
  return {
    name,
    line: source.getLineAndCharacterOfPosition(nameNode.getStart(source)).line + 1,
    bodyStart: body.getStart(source),
    bodyEnd: body.getEnd(),
    expressionBody: !ts.isBlock(body),
    hints,
    docStart: doc.getStart(source),
    docEnd: doc.getEnd(),
    hasReturnType: fn.type !== undefined,
    signature,
  };
}

/** Every exercise in `text`, in source order. */
export function scanExercises(fileName: string, text: string): ExerciseInfo[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: ExerciseInfo[] = [];
  const visit = (node: ts.Node, owner?: string): void => {
    if (ts.isFunctionDeclaration(node) && node.name) {
      const s = site(source, node.name.text, node.name, node, node);
      if (s) found.push(s);
    } else if (
      ts.isMethodDeclaration(node) &&
      owner &&
      (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name))
    ) {
      // `Class.method`, or `Class.#method` for a private one: a connection's
      // event handlers are private, and they are often the chapter's heart.
      const s = site(source, `${owner}.${node.name.text}`, node.name, node, node);
      if (s) found.push(s);
    } else if (ts.isVariableStatement(node)) {
      for (const decl of node.declarationList.declarations) {
        const init = decl.initializer;
        if (!ts.isIdentifier(decl.name) || !init) continue;
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) {
          const s = site(source, decl.name.text, decl.name, node, init);
          if (s) found.push(s);
        }
      }
    }
    if (ts.isClassDeclaration(node) && node.name) {
      const cls = node.name.text;
      for (const m of node.members) visit(m, cls);
      return;
    }
    ts.forEachChild(node, (child) => visit(child, owner));
  };
  visit(source);
  return found;
}
