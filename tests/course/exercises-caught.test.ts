/**
 * The exercises-caught check's search order (tools/check/caught-runner.ts)
 * and the import graph it reads (tools/check/import-graph.ts). The order
 * only decides how soon a probe ends; these tests pin what it rests on:
 * imports are followed through `#chNN/*` and relative paths, with depth.
 */
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ROOT } from "../../tools/course/chapters.ts";
import { orderFiles, slowFiles } from "../../tools/check/caught-runner.ts";
import { ImportGraph } from "../../tools/check/import-graph.ts";
import { parseStubSpec } from "../../tools/exercises/stub-plugin.ts";

const at = (rel: string): string => path.join(ROOT, rel);
const pieces = at("tests/02-request-parser/pieces.test.ts");
const headParser = at("tests/02-request-parser/request-head-parser.test.ts");
const lineEcho = at("tests/01-sockets/line-echo.test.ts");
const splitter = at("solutions/02-request-parser/line-splitter.ts");
const parser = at("solutions/02-request-parser/request-head-parser.ts");

describe("ImportGraph", () => {
  const graph = new ImportGraph();

  test("follows #chNN/* to solutions/ and relative imports, with their depth", () => {
    const deps = graph.closure(headParser);
    expect(deps.get(headParser)).toBe(0);
    expect(deps.get(parser)).toBe(1); // #ch02/request-head-parser.ts
    expect(deps.get(at("tests/02-request-parser/cases.ts"))).toBe(1); // ./cases.ts
    expect(deps.get(splitter)).toBe(2); // through the parser
  });

  test("a test file that does not load a source does not reach it", () => {
    expect(graph.closure(lineEcho).has(splitter)).toBe(false);
    expect(graph.imports(pieces)).toContain(splitter);
  });
});

describe("orderFiles", () => {
  const files = [lineEcho, pieces, headParser];

  test("importers first; among them the file that names the exercise", () => {
    expect(orderFiles(files, splitter, "LineSplitter.take", undefined, new Map())).toEqual([
      pieces,
      headParser,
      lineEcho,
    ]);
    // request-head-parser.test.ts names reset(); pieces.test.ts does not.
    expect(orderFiles(files, splitter, "LineSplitter.reset", undefined, new Map())[0]).toBe(
      headParser,
    );
  });

  test("the file that caught the source's previous exercise goes first among importers", () => {
    const order = orderFiles(files, parser, "RequestHeadParser.consume", pieces, new Map());
    expect(order).toEqual([pieces, headParser, lineEcho]);
    // A file that does not load the source stays behind those that do.
    expect(orderFiles(files, parser, "RequestHeadParser.consume", lineEcho, new Map())[2]).toBe(
      lineEcho,
    );
  });

  test("a slow file goes after the quick importers; every file stays", () => {
    const slow = new Set([headParser]);
    const order = orderFiles(files, splitter, "LineSplitter.reset", headParser, new Map(), slow);
    expect(order).toEqual([pieces, headParser, lineEcho]);
  });
});

test("a test file that launches Chromium comes after the other importers", () => {
  const browser = at("tests/05-routing/browser-targets.test.ts");
  const methods = at("tests/05-routing/methods.test.ts");
  const trie = at("solutions/05-routing/route-trie.ts");
  const order = orderFiles([browser, methods], trie, "RouteTrie.match", browser, new Map());
  expect(order).toEqual([methods, browser]);
});

test("slowFiles: more than four times the median run, once three files have run", () => {
  expect(
    slowFiles(
      new Map([
        ["a", 1_000],
        ["b", 30_000],
      ]),
    ),
  ).toEqual(new Set());
  const costs = new Map([
    ["a", 1_000],
    ["b", 1_200],
    ["c", 900],
    ["browser", 20_000],
  ]);
  expect(slowFiles(costs)).toEqual(new Set(["browser"]));
});

test("a stub spec splits at the first #, so a private method keeps its own", () => {
  expect(parseStubSpec("solutions/01-sockets/line-echo.ts#LineEcho.#onData")).toEqual({
    target: at("solutions/01-sockets/line-echo.ts"),
    name: "LineEcho.#onData",
  });
  expect(parseStubSpec(undefined)).toEqual({});
});
