import { describe, expect, test } from "vitest";
import { expectTrue } from "#testing/wire.ts";
import { decodeRequestPath, type PathRejection } from "#ch06/request-path.ts";
import { BOOK } from "./fixtures.ts";

const lesson = (target: string) => ({
  rule: "Decode each segment once, then refuse anything that changes the directory",
  book: `${BOOK}#from-url-to-file`,
  curl: `curl --path-as-is 'http://127.0.0.1:8080${target}'`,
  sent: `GET ${target} HTTP/1.1\r\n`,
});

describe("decodeRequestPath: well-formed targets", () => {
  const cases: [string, string, readonly string[], boolean, string][] = [
    ["the root", "/", [], true, ""],
    ["a file", "/docs/guide.txt", ["docs", "guide.txt"], false, ""],
    ["a directory", "/docs/", ["docs"], true, ""],
    ["a query is kept for redirects", "/a.txt?v=1&x=/..", ["a.txt"], false, "?v=1&x=/.."],
    ["%20 decodes to a space", "/a%20b.txt", ["a b.txt"], false, ""],
    ["UTF-8 escapes decode", "/caf%C3%A9.txt", ["café.txt"], false, ""],
    ["double encoding decodes once (%252e stays %2e)", "/%252e%252e/x", ["%2e%2e", "x"], false, ""],
    ["a dot inside a name is fine", "/..hidden/a..b", ["..hidden", "a..b"], false, ""],
  ];
  test.each(cases)("%s: %s", (_name, target, segments, directory, query) => {
    const [path = "", search = ""] = target.split(/\?(.*)/s);
    const d = decodeRequestPath(path, search);
    expectTrue(
      d.kind === "path",
      `expected ${target} to be accepted, got ${JSON.stringify(d)}`,
      lesson(target),
    );
    expect(d.segments).toEqual(segments);
    expect(d.directory).toBe(directory);
    expect(d.query).toBe(query);
  });
});

describe("decodeRequestPath: traversal attacks are refused", () => {
  const attacks: [string, string, PathRejection][] = [
    ["dot-dot segment", "/../secret.txt", "dot-segment"],
    ["dot-dot in the middle", "/docs/../../secret.txt", "dot-segment"],
    ["single dot segment", "/./index.html", "dot-segment"],
    ["percent-encoded dots %2e%2e", "/%2e%2e/secret.txt", "dot-segment"],
    ["mixed-case encoded dots %2E.", "/%2E./secret.txt", "dot-segment"],
    ["encoded slash %2f hides a dot-dot", "/..%2fsecret.txt", "encoded-separator"],
    ["encoded slash %2F inside a name", "/docs%2Fguide.txt", "encoded-separator"],
    ["encoded backslash %5c", "/..%5csecret.txt", "encoded-separator"],
    ["raw backslash (Windows separator)", "/..\\secret.txt", "backslash"],
    ["NUL byte %00 truncates C strings", "/index.html%00.txt", "nul-byte"],
    ["overlong UTF-8 dot %c0%ae", "/%c0%ae%c0%ae/secret.txt", "bad-percent-encoding"],
    ["truncated escape", "/a%2", "bad-percent-encoding"],
    ["non-hex escape", "/a%zz", "bad-percent-encoding"],
    ["absolute path //etc/passwd (empty segment)", "//etc/passwd", "empty-segment"],
    ["empty segment in the middle", "/docs//guide.txt", "empty-segment"],
    ["not a path at all", "secret.txt", "not-origin-form"],
    ["asterisk-form", "*", "not-origin-form"],
  ];
  test.each(attacks)("%s: %s", (_name, target, code) => {
    const d = decodeRequestPath(target);
    expectTrue(
      d.kind === "reject" && d.code === code,
      `expected ${JSON.stringify(target)} to be rejected as ${code}, got ${JSON.stringify(d)}`,
      lesson(target),
    );
  });
});
