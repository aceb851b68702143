/**
 * Finds a named symbol in a TypeScript file with the compiler API.
 *
 * The book shows real code by name (`takeLines`, `LineFramer.push`), never
 * by markers in the source, so the code stays clean and a renamed symbol
 * breaks the build instead of silently showing stale text. This module is
 * the one place that turns "file + name" into a source range.
 */
import ts from "typescript";

/** What kind of declaration a symbol is, as the location header says it. */
export type SymbolKind =
  | "function"
  | "class"
  | "interface"
  | "type"
  | "enum"
  | "const"
  | "method"
  | "property"
  | "constructor"
  | "accessor";

export interface FoundSymbol {
  /** As referenced: `name` or `Owner.member`. */
  readonly name: string;
  readonly kind: SymbolKind;
  /** The enclosing class or interface for members. */
  readonly owner?: { readonly name: string; readonly kind: SymbolKind };
  /** 1-based lines, including the leading doc comment. */
  readonly startLine: number;
  readonly endLine: number;
  /** 1-based line where the declaration proper starts (after the doc). */
  readonly declarationLine: number;
  /** Source text from the doc comment to the end, dedented. */
  readonly text: string;
  /** The doc comment's prose (tags removed), or "" when there is none. */
  readonly doc: string;
  /** Tags of the doc comment in order, e.g. ["hint", "nudge: ..."]. */
  readonly tags: readonly (readonly [tag: string, text: string])[];
  /** True when a reader can import it (for the API link). */
  readonly exported: boolean;
}

type Named = ts.Node & { readonly name?: ts.Node };

function jsDocOf(node: ts.Node): ts.JSDoc | undefined {
  return (node as { jsDoc?: ts.JSDoc[] }).jsDoc?.at(-1);
}

function commentText(c: ts.JSDoc["comment"] | ts.JSDocTag["comment"]): string {
  if (c === undefined) return "";
  return typeof c === "string" ? c : c.map((p) => p.getText()).join("");
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

function topLevelKind(node: ts.Node): SymbolKind | undefined {
  if (ts.isFunctionDeclaration(node)) return "function";
  if (ts.isClassDeclaration(node)) return "class";
  if (ts.isInterfaceDeclaration(node)) return "interface";
  if (ts.isTypeAliasDeclaration(node)) return "type";
  if (ts.isEnumDeclaration(node)) return "enum";
  if (ts.isVariableStatement(node)) return "const";
  return undefined;
}

function memberKind(node: ts.Node): SymbolKind | undefined {
  if (ts.isMethodDeclaration(node) || ts.isMethodSignature(node)) return "method";
  if (ts.isPropertyDeclaration(node) || ts.isPropertySignature(node)) return "property";
  if (ts.isConstructorDeclaration(node)) return "constructor";
  if (ts.isGetAccessor(node) || ts.isSetAccessor(node)) return "accessor";
  return undefined;
}

function nameOf(node: ts.Node): string | undefined {
  if (ts.isConstructorDeclaration(node)) return "constructor";
  if (ts.isVariableStatement(node)) {
    const decl = node.declarationList.declarations[0];
    return decl && ts.isIdentifier(decl.name) ? decl.name.text : undefined;
  }
  const name = (node as Named).name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name)) return name.text;
  return undefined;
}

/** Names exported with `export { a, b as c }` (local names). */
function exportClauseNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const stmt of source.statements) {
    if (!ts.isExportDeclaration(stmt) || stmt.moduleSpecifier) continue;
    const clause = stmt.exportClause;
    if (!clause || !ts.isNamedExports(clause)) continue;
    for (const el of clause.elements) names.add((el.propertyName ?? el.name).text);
  }
  return names;
}

/** Remove the common indentation so a method reads flush left. */
export function dedent(text: string): string {
  const lines = text.split("\n");
  const indents = lines
    .slice(1)
    .filter((l) => l.trim() !== "")
    .map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l, i) => (i === 0 ? l.trimStart() : l.slice(cut))).join("\n");
}

function describe(
  source: ts.SourceFile,
  node: ts.Node,
  name: string,
  kind: SymbolKind,
  exported: boolean,
  owner?: FoundSymbol["owner"],
): FoundSymbol {
  const doc = jsDocOf(node);
  const start = doc ? doc.getStart(source) : node.getStart(source);
  const declStart = node.getStart(source, false);
  const lineOf = (pos: number): number => source.getLineAndCharacterOfPosition(pos).line + 1;
  const lineStart = source.getPositionOfLineAndCharacter(lineOf(start) - 1, 0);
  const tags = (doc?.tags ?? []).map(
    (t) => [t.tagName.text, commentText(t.comment).replace(/\s+/g, " ").trim()] as const,
  );
  return {
    name,
    kind,
    ...(owner ? { owner } : {}),
    startLine: lineOf(start),
    endLine: lineOf(node.getEnd()),
    declarationLine: lineOf(declStart),
    text: dedent(source.text.slice(lineStart, node.getEnd())),
    doc: commentText(doc?.comment).trim(),
    tags,
    exported,
  };
}

/** Parse once; callers that look up several symbols reuse the result. */
export function parseSource(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
}

/**
 * Find `name` (top-level) or `Owner.member` in a parsed file. Returns
 * undefined when there is no such symbol.
 */
export function findSymbol(source: ts.SourceFile, ref: string): FoundSymbol | undefined {
  const [head, member, ...rest] = ref.split(".");
  if (!head || rest.length > 0) return undefined;
  const clause = exportClauseNames(source);
  for (const stmt of source.statements) {
    const kind = topLevelKind(stmt);
    if (!kind || nameOf(stmt) !== head) continue;
    const exported = hasModifier(stmt, ts.SyntaxKind.ExportKeyword) || clause.has(head);
    if (member === undefined) return describe(source, stmt, head, kind, exported);
    if (!ts.isClassDeclaration(stmt) && !ts.isInterfaceDeclaration(stmt)) return undefined;
    for (const m of stmt.members) {
      const mk = memberKind(m);
      if (!mk || nameOf(m) !== member) continue;
      const hidden = hasModifier(m, ts.SyntaxKind.PrivateKeyword) || member.startsWith("#");
      return describe(source, m, ref, mk, exported && !hidden, { name: head, kind });
    }
    return undefined;
  }
  return undefined;
}

/** Every top-level declaration name in a file (for "did you mean"). */
export function listSymbols(source: ts.SourceFile): string[] {
  return source.statements.flatMap((s) => {
    const n = topLevelKind(s) ? nameOf(s) : undefined;
    return n ? [n] : [];
  });
}
