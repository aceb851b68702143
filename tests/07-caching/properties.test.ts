/**
 * Property tests for the chapter's parsers: they never throw on arbitrary
 * input, and what we format, we parse back. Runs are bounded.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { formatCacheControl, parseCacheControl } from "#ch07/cache-control.ts";
import { entityTagsMatch, formatEntityTag, parseEntityTag } from "#ch07/entity-tag.ts";
import { parseEntityTagList } from "#ch07/entity-tag-list.ts";
import { formatHttpDate, parseHttpDate } from "#ch06/http-date.ts";
import { matchesPattern, ruleScreen } from "#ch07/cache-policy.ts";
import { varyKey } from "#ch07/vary.ts";

const RUNS = { numRuns: 300 };
const NOW = Date.UTC(2026, 10, 26);
const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
const etagText = fc.stringMatching(/^[!#-~]{0,12}$/);

describe("parsers never throw, whatever the bytes", () => {
  test("parseEntityTagList, parseCacheControl, parseHttpDate", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (s) => {
        parseEntityTagList(s);
        parseCacheControl(s);
        parseHttpDate(s, NOW);
      }),
      RUNS,
    );
  });
});

describe("round trips", () => {
  test("an entity-tag formats and parses back to itself", () => {
    fc.assert(
      fc.property(fc.boolean(), etagText, (weak, opaque) => {
        expect(parseEntityTag(formatEntityTag({ weak, opaque }))).toEqual({ weak, opaque });
      }),
      RUNS,
    );
  });

  test("strong match implies weak match (RFC 9110 §8.8.3.2)", () => {
    const tag = fc.record({ weak: fc.boolean(), opaque: fc.constantFrom("a", "b") });
    fc.assert(
      fc.property(tag, tag, (a, b) => {
        if (entityTagsMatch(a, b, "strong")) expect(entityTagsMatch(a, b, "weak")).toBe(true);
        expect(entityTagsMatch(a, b, "weak")).toBe(entityTagsMatch(b, a, "weak"));
      }),
      RUNS,
    );
  });

  test("Cache-Control directives format and parse back", () => {
    const arg = fc.option(
      fc.string({ maxLength: 10 }).filter((s) => !/[\x00-\x08\x0a-\x1f\x7f]/.test(s)),
      { nil: undefined },
    );
    const directive = fc.tuple(token, arg);
    fc.assert(
      fc.property(fc.array(directive, { maxLength: 5 }), (ds) => {
        expect(parseCacheControl(formatCacheControl(ds))).toEqual({ ok: true, directives: ds });
      }),
      RUNS,
    );
  });

  test("HTTP-date: format then parse is the identity to the second", () => {
    const ms = fc.integer({ min: 0, max: 253402300799000 });
    fc.assert(
      fc.property(ms, (t) => {
        expect(parseHttpDate(formatHttpDate(t), NOW)).toBe(Math.floor(t / 1000) * 1000);
      }),
      RUNS,
    );
  });

  test("Vary keys: equal keys exactly when the nominated values are equal", () => {
    const value = fc.option(fc.constantFrom("gzip", "br", "gzip, br", ""), { nil: undefined });
    const headers = (v: string | undefined): [string, string][] =>
      v === undefined ? [] : [["accept-encoding", v]];
    fc.assert(
      fc.property(value, value, (a, b) => {
        const same =
          varyKey(["accept-encoding"], headers(a)) === varyKey(["accept-encoding"], headers(b));
        expect(same).toBe(a === b);
      }),
      RUNS,
    );
  });
});

describe("the Cache-Control policy's screen", () => {
  test("a path the screen turns away matches no rule (it only skips work)", () => {
    const piece = fc.constantFrom("a", "b", "x.html", "assets", "é", "", ".js");
    const path = fc.array(piece, { maxLength: 4 }).map((p) => `/${p.join("/")}`);
    const pattern = fc.oneof(
      path.map((p) => `${p}/*`),
      path.map((p) => `*${p.slice(1)}`),
      path,
      fc.constantFrom("*", "", "*.html", "*/"),
    );
    fc.assert(
      fc.property(
        fc.array(pattern, { maxLength: 4 }),
        fc.oneof(path, fc.constant("")),
        (patterns, p) => {
          const rules = patterns.map((pattern) => [pattern, "no-cache"] as const);
          const matched = rules.some(([pattern]) => matchesPattern(pattern, p));
          if (matched) expect(ruleScreen(rules)(p)).toBe(true);
        },
      ),
      RUNS,
    );
  });
});
