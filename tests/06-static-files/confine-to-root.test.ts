import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectTrue } from "#testing/wire.ts";
import { confineToRoot, isInsideRoot } from "#ch06/confine-to-root.ts";
import { BOOK, makeSite, type Site } from "./fixtures.ts";

const rule = {
  rule: "the real path (after symlinks) must be the root or below it",
  book: `${BOOK}#symbolic-links`,
};

describe("isInsideRoot", () => {
  const cases: [string, string, boolean][] = [
    ["/srv/www", true],
    ["/srv/www/index.html", true],
    ["/srv/www/a/b/c", true],
    ["/srv/www/..hidden", true],
    ["/srv", false],
    ["/srv/www-secrets/key.txt", false],
    ["/srv/wwwx", false],
    ["/etc/passwd", false],
    ["/", false],
  ].map(([c, ok]) => ["/srv/www", c as string, ok as boolean]);
  test.each(cases)("root %s, candidate %s → %s", (root, candidate, inside) => {
    expectTrue(
      isInsideRoot(root, candidate) === inside,
      `isInsideRoot(${root}, ${candidate}) should be ${inside}` +
        (candidate.startsWith(root) && !inside ? " (startsWith is not enough)" : ""),
      rule,
    );
  });
});

describe("confineToRoot over a real directory with symlinks", () => {
  let site: Site;
  beforeAll(async () => {
    site = await makeSite();
  });
  afterAll(() => site.remove());

  test("a plain file is inside", async () => {
    const r = await confineToRoot(site.root, ["digits.txt"], "refuse");
    expect(r).toEqual({ kind: "inside", file: path.join(site.root, "digits.txt") });
  });
  test("a missing file is missing", async () => {
    expect((await confineToRoot(site.root, ["nope.txt"], "refuse")).kind).toBe("missing");
  });
  test("a symlink leaving the root is outside, whatever the policy", async () => {
    for (const policy of ["refuse", "inside-root"] as const) {
      const r = await confineToRoot(site.root, ["escape-link.txt"], policy);
      expectTrue(r.kind === "outside", `escape-link.txt with ${policy}: ${r.kind}`, rule);
    }
  });
  test("a directory symlink leaving the root is outside", async () => {
    const r = await confineToRoot(site.root, ["escape-dir", "secret.txt"], "inside-root");
    expectTrue(r.kind === "outside", `escape-dir/secret.txt: ${r.kind}`, rule);
  });
  test("a symlink inside the root: refused by default, followed when allowed", async () => {
    expect((await confineToRoot(site.root, ["inside-link.txt"], "refuse")).kind).toBe(
      "symlink-refused",
    );
    expect(await confineToRoot(site.root, ["inside-link.txt"], "inside-root")).toEqual({
      kind: "inside",
      file: path.join(site.root, "digits.txt"),
    });
  });
});
