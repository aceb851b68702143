/**
 * The attack table, end to end through the handler: every request is an
 * attempt to read a file outside the root (or a hidden one inside it), and
 * every answer must be a 4xx whose body holds none of the secrets.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectTrue } from "#testing/wire.ts";
import { serveStatic } from "#ch06/serve-static.ts";
import { BOOK, bodyBytes, describe as sent, makeSite, request, type Site } from "./fixtures.ts";

let site: Site;
beforeAll(async () => {
  site = await makeSite();
});
afterAll(() => site.remove());

const attacks: [string, string][] = [
  ["dot-dot", "/../secret.txt"],
  ["dot-dot deep", "/docs/../../secret.txt"],
  ["dot-dot to a sibling sharing the root's prefix", "/../www-secrets/key.txt"],
  ["percent-encoded dots", "/%2e%2e/secret.txt"],
  ["half-encoded dots", "/.%2e/secret.txt"],
  ["encoded slash", "/..%2fsecret.txt"],
  ["encoded slash, upper case", "/..%2Fsecret.txt"],
  ["encoded backslash", "/..%5csecret.txt"],
  ["raw backslash", "/..\\secret.txt"],
  ["double-encoded dots", "/%252e%252e/secret.txt"],
  ["double-encoded slash", "/..%252fsecret.txt"],
  ["NUL byte", "/secret.txt%00.html"],
  ["overlong UTF-8 dots", "/%c0%ae%c0%ae/secret.txt"],
  ["absolute path", "//etc/passwd"],
  ["absolute path of the secret", `/${"x"}/..${"/"}..${"/"}secret.txt`],
  ["absolute-form with dot-dot", "http://localhost/../secret.txt"],
  ["symlink out of the root", "/escape-link.txt"],
  ["directory symlink out of the root", "/escape-dir/secret.txt"],
  ["directory symlink to a sibling", "/escape-dir/www-secrets/key.txt"],
  ["dotfile .env", "/.env"],
  ["dot-directory .git", "/.git/config"],
  ["encoded dotfile %2eenv", "/%2eenv"],
];

describe("directory traversal attacks never leave the root", () => {
  test.each(attacks)("%s: GET %s", async (name, target) => {
    for (const symlinks of ["refuse", "inside-root"] as const) {
      const handler = serveStatic(site.root, { symlinks });
      const res = await handler(request(target));
      const body = (await bodyBytes(res)).toString("latin1");
      const lesson = {
        rule: `${name}: answer 400, 403 or 404 and never a byte from outside the root`,
        book: `${BOOK}#the-attacks`,
        curl: `curl --path-as-is 'http://127.0.0.1:8080${target}'`,
        sent: sent(target),
      };
      expectTrue(
        [400, 403, 404].includes(res.status),
        `status ${res.status} (symlinks: ${symlinks})`,
        lesson,
      );
      expectTrue(!body.includes("TOP SECRET"), `the body leaked a secret: ${body}`, lesson);
    }
  });

  test("dotfiles are served only when the operator allows them", async () => {
    const res = await serveStatic(site.root, { dotfiles: "allow" })(request("/.env"));
    expect(res.status).toBe(200);
  });

  test("a root that does not exist answers 404, not a crash", async () => {
    const res = await serveStatic(`${site.root}/missing`)(request("/index.html"));
    expect(res.status).toBe(404);
  });
});
