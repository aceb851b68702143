/**
 * Properties that must hold for every input, not just the table's rows
 * (fast-check, bounded runs).
 */
import path from "node:path";
import fc from "fast-check";
import { describe, test } from "vitest";
import { expectTrue } from "#testing/wire.ts";
import { isInsideRoot } from "#ch06/confine-to-root.ts";
import { parseRangeHeader } from "#ch06/range-header.ts";
import { decodeRequestPath } from "#ch06/request-path.ts";
import { resolveRanges } from "#ch06/satisfiable-ranges.ts";
import { BOOK } from "./fixtures.ts";

const RUNS = { numRuns: 300, seed: 6 };
const LIMITS = { maxRanges: 16, coalesceGap: 80 };

/** Targets built from the pieces traversal attacks are made of. */
const hostilePiece = fc.constantFrom(
  "..",
  ".",
  "%2e",
  "%2E",
  "%2f",
  "%2F",
  "%5c",
  "\\",
  "%00",
  "%25",
  "%c0%ae",
  "/",
  "//",
  "a",
  "b.txt",
  ".env",
  "%20",
  "?",
  "#",
  "é",
  "%",
);
const hostileTarget = fc
  .array(hostilePiece, { minLength: 0, maxLength: 12 })
  .map((parts) => `/${parts.join("")}`);

describe("decodeRequestPath, for any target", () => {
  test("accepted segments, joined onto a root, never leave it", () => {
    const root = path.resolve("/srv/www");
    fc.assert(
      fc.property(fc.oneof(hostileTarget, fc.string()), (target) => {
        const d = decodeRequestPath(target);
        if (d.kind === "reject") return;
        const joined = path.join(root, ...d.segments);
        expectTrue(isInsideRoot(root, joined), `${JSON.stringify(target)} escaped to ${joined}`, {
          book: `${BOOK}#from-url-to-file`,
          curl: `curl --path-as-is 'http://127.0.0.1:8080${target}'`,
        });
        for (const s of d.segments) {
          expectTrue(
            s !== "" && s !== "." && s !== ".." && !/[/\\\0]/.test(s),
            `${JSON.stringify(target)} produced the unsafe segment ${JSON.stringify(s)}`,
            { book: `${BOOK}#from-url-to-file` },
          );
        }
      }),
      RUNS,
    );
  });
});

describe("Range resolution, for any header and size", () => {
  const position = fc.oneof(fc.nat(6000), fc.constant(Number.MAX_SAFE_INTEGER));
  const spec = fc.oneof(
    fc.tuple(position, fc.option(position)).map(([a, b]) => `${a}-${b ?? ""}`),
    position.map((n) => `-${n}`),
  );
  const header = fc.array(spec, { minLength: 1, maxLength: 24 }).map((s) => `bytes=${s.join(",")}`);

  test("ranges are inside the file, disjoint, and cover every requested byte", () => {
    fc.assert(
      fc.property(header, fc.nat(5000), (value, size) => {
        const parsed = parseRangeHeader(value);
        if (parsed.kind !== "ranges") return;
        const outcome = resolveRanges(parsed.specs, size, LIMITS);
        if (outcome.kind !== "partial") return;
        const lesson = { sent: `Range: ${value}\r\n`, book: `${BOOK}#which-bytes` };
        const sorted = [...outcome.ranges].sort((a, b) => a.first - b.first);
        sorted.forEach((r, i) => {
          expectTrue(
            r.first >= 0 && r.first <= r.last && r.last < size,
            `range ${r.first}-${r.last} outside ${size} bytes`,
            lesson,
          );
          const next = sorted[i + 1];
          expectTrue(
            !next || next.first > r.last,
            "ranges overlap: a byte would be sent twice",
            lesson,
          );
        });
        const covered = (byte: number) => sorted.some((r) => r.first <= byte && byte <= r.last);
        for (const s of parsed.specs) {
          const first = s.kind === "suffix" ? Math.max(0, size - s.length) : s.first;
          const last = s.kind === "suffix" ? size - 1 : Math.min(s.last ?? size - 1, size - 1);
          if (s.kind === "suffix" && s.length === 0) continue;
          if (first >= size) continue;
          expectTrue(
            covered(first) && covered(last),
            `requested ${first}-${last} not covered`,
            lesson,
          );
        }
      }),
      RUNS,
    );
  });
});
