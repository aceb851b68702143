/**
 * Property: with any set of routes, the router picks the same route as a
 * brute-force reference that tries every pattern and keeps the most
 * specific match (static < param < wildcard, compared segment by segment).
 * This checks the trie walk, its backtracking and the exact-path shortcut
 * against the rule the chapter states, on tables no one wrote by hand.
 */
import fc from "fast-check";
import { describe, test } from "vitest";
import { json } from "#ch05/response.ts";
import { Router } from "#ch05/router.ts";
import { expectBytes } from "#testing/wire.ts";
import { bodyText, request } from "./synthetic.ts";

type Kind = "a" | "b" | ":" | "*";
const RANK: Record<Kind, number> = { a: 0, b: 0, ":": 1, "*": 2 };

/** A pattern as kinds; `*` only last. */
const shape = fc
  .array(fc.constantFrom<Kind>("a", "b", ":"), { minLength: 1, maxLength: 3 })
  .chain((head) => fc.constantFrom(head, [...head.slice(0, -1), "*" as Kind]));

function toPattern(kinds: readonly Kind[]): string {
  return `/${kinds.map((k, i) => (k === ":" ? `:p${i}` : k)).join("/")}`;
}

/** Does `kinds` match `segments` by the chapter's rules? */
function matches(kinds: readonly Kind[], segments: readonly string[]): boolean {
  for (const [i, k] of kinds.entries()) {
    if (k === "*") return segments.length > i;
    const segment = segments[i];
    if (segment === undefined) return false;
    if (k === ":" ? segment === "" : segment !== k) return false;
  }
  return segments.length === kinds.length;
}

/** Lexicographic by rank: the most specific pattern sorts first. */
function moreSpecific(x: readonly Kind[], y: readonly Kind[]): number {
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = RANK[x[i] as Kind] - RANK[y[i] as Kind];
    if (d !== 0) return d;
  }
  return 0;
}

describe("precedence (property)", () => {
  test("the router agrees with a brute-force most-specific match", async () => {
    const segment = fc.constantFrom("a", "b", "c", "");
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(shape, { minLength: 1, maxLength: 8, selector: (k) => k.join("/") }),
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        async (shapes, segments) => {
          const router = new Router();
          for (const kinds of shapes) {
            const pattern = toPattern(kinds);
            router.get(pattern, () => json(pattern));
          }
          const candidates = shapes.filter((k) => matches(k, segments)).sort(moreSpecific);
          const best = candidates[0];
          const expected = best === undefined ? "404" : JSON.stringify(toPattern(best));
          const response = await router.handle(request({ target: `/${segments.join("/")}` }));
          const got = response.status === 404 ? "404" : await bodyText(response);
          expectBytes(got, expected, {
            rule: `routes ${shapes.map(toPattern).join(" ")}: static > param > wildcard`,
            book: "chapters/05-routing.md#precedence",
          });
        },
      ),
      { numRuns: 400, interruptAfterTimeLimit: 5000 },
    );
  });
});
