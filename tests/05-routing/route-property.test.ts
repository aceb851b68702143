/**
 * Property: for any route made of static and param segments, any path
 * built from it by filling the params with arbitrary text (percent-encoded
 * as a client would) matches that route and gives back the same text.
 */
import fc from "fast-check";
import { describe, test } from "vitest";
import { json } from "#ch05/response.ts";
import { Router } from "#ch05/router.ts";
import { expectBytes } from "#testing/wire.ts";
import { bodyText, request } from "./synthetic.ts";

type Piece = { kind: "static"; value: string } | { kind: "param"; value: string };

const staticPiece = fc
  .stringMatching(/^[a-z0-9_-]{1,8}$/)
  .map((value): Piece => ({ kind: "static", value }));
/** Any non-empty text except the dot-segments, which are refused by design. */
const paramValue = fc
  .string({ minLength: 1, maxLength: 12, unit: "binary" })
  .filter((v) => v !== "." && v !== ".." && !v.includes("\0") && !/\p{Cs}/u.test(v));
const paramPiece = paramValue.map((value): Piece => ({ kind: "param", value }));

describe("route params round-trip (property)", () => {
  test("a registered route matches every path built from it", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(staticPiece, paramPiece), { minLength: 1, maxLength: 6 }),
        async (pieces) => {
          const pattern = `/${pieces.map((p, i) => (p.kind === "static" ? p.value : `:p${i}`)).join("/")}`;
          const path = `/${pieces.map((p) => encodeURIComponent(p.value)).join("/")}`;
          const expected: Record<string, string> = {};
          pieces.forEach((p, i) => {
            if (p.kind === "param") expected[`p${i}`] = p.value;
          });
          const router = new Router().get(pattern, (req) => json({ ...req.params }));
          const response = await router.handle(request({ target: path }));
          expectBytes(await bodyText(response), JSON.stringify(expected), {
            rule: `${pattern} must match ${path} and capture each param decoded`,
            book: "chapters/05-routing.md#the-trie",
          });
        },
      ),
      { numRuns: 300, interruptAfterTimeLimit: 5000 },
    );
  });
});
