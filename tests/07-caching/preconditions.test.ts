import { describe, test } from "vitest";
import { evaluatePreconditions, type Validators } from "#ch07/preconditions.ts";
import { expectTrue } from "#testing/wire.ts";
import { request } from "./requests.ts";

const NOW = Date.UTC(2026, 10, 26, 12);
const CURRENT: Validators = {
  exists: true,
  etag: { weak: false, opaque: "v2" },
  lastModified: Date.UTC(2026, 10, 20, 8, 0, 0),
};
const WEAK_CURRENT: Validators = { ...CURRENT, etag: { weak: true, opaque: "v2" } };
const BEFORE = "Thu, 19 Nov 2026 08:00:00 GMT"; // older than Last-Modified
const AT = "Fri, 20 Nov 2026 08:00:00 GMT"; // equal to Last-Modified
const AFTER = "Sat, 21 Nov 2026 08:00:00 GMT"; // newer than Last-Modified

type Row = readonly [
  name: string,
  method: string,
  headers: [string, string][],
  want: string,
  validators?: Validators,
];

// RFC 9110 §13.2.2: If-Match → If-Unmodified-Since → If-None-Match → If-Modified-Since.
const rows: readonly Row[] = [
  ["no preconditions", "GET", [], "proceed"],
  ["If-None-Match matches → 304", "GET", [["If-None-Match", '"v2"']], "not-modified if-none-match"],
  [
    "If-None-Match uses weak comparison",
    "GET",
    [["If-None-Match", 'W/"v2"']],
    "not-modified if-none-match",
  ],
  ["If-None-Match no match → proceed", "GET", [["If-None-Match", '"v1", "v3"']], "proceed"],
  [
    "If-None-Match: * on an existing resource → 304",
    "HEAD",
    [["If-None-Match", "*"]],
    "not-modified if-none-match",
  ],
  [
    "If-None-Match: * on a missing resource → proceed",
    "PUT",
    [["If-None-Match", "*"]],
    "proceed",
    { exists: false },
  ],
  [
    "If-None-Match on PUT fails with 412, not 304",
    "PUT",
    [["If-None-Match", '"v2"']],
    "failed if-none-match",
  ],
  [
    "If-Modified-Since not modified → 304",
    "GET",
    [["If-Modified-Since", AT]],
    "not-modified if-modified-since",
  ],
  ["If-Modified-Since modified since → proceed", "GET", [["If-Modified-Since", BEFORE]], "proceed"],
  ["If-Modified-Since ignored for POST", "POST", [["If-Modified-Since", AFTER]], "proceed"],
  [
    "If-Modified-Since ignored when invalid",
    "GET",
    [["If-Modified-Since", "yesterday"]],
    "proceed",
  ],
  [
    "If-Modified-Since ignored with two members",
    "GET",
    [
      ["If-Modified-Since", AFTER],
      ["If-Modified-Since", AFTER],
    ],
    "proceed",
  ],
  [
    "If-None-Match wins over If-Modified-Since (no match, not modified)",
    "GET",
    [
      ["If-None-Match", '"v1"'],
      ["If-Modified-Since", AFTER],
    ],
    "proceed",
  ],
  [
    "If-None-Match wins over If-Modified-Since (match, modified)",
    "GET",
    [
      ["If-None-Match", '"v2"'],
      ["If-Modified-Since", BEFORE],
    ],
    "not-modified if-none-match",
  ],
  ["If-Match matches → proceed", "PUT", [["If-Match", '"v2"']], "proceed"],
  ["If-Match no match → 412", "PUT", [["If-Match", '"v1"']], "failed if-match"],
  [
    "If-Match uses strong comparison (weak tag never matches)",
    "PUT",
    [["If-Match", 'W/"v2"']],
    "failed if-match",
  ],
  [
    "If-Match against a weak current tag fails",
    "PUT",
    [["If-Match", '"v2"']],
    "failed if-match",
    WEAK_CURRENT,
  ],
  ["If-Match: * on an existing resource → proceed", "DELETE", [["If-Match", "*"]], "proceed"],
  [
    "If-Match: * on a missing resource → 412",
    "PUT",
    [["If-Match", "*"]],
    "failed if-match",
    { exists: false },
  ],
  [
    "If-Match wins over If-Unmodified-Since",
    "PUT",
    [
      ["If-Match", '"v2"'],
      ["If-Unmodified-Since", BEFORE],
    ],
    "proceed",
  ],
  [
    "If-Unmodified-Since modified since → 412",
    "PUT",
    [["If-Unmodified-Since", BEFORE]],
    "failed if-unmodified-since",
  ],
  ["If-Unmodified-Since unchanged → proceed", "PUT", [["If-Unmodified-Since", AT]], "proceed"],
  [
    "If-Unmodified-Since ignored without Last-Modified",
    "PUT",
    [["If-Unmodified-Since", BEFORE]],
    "proceed",
    { exists: true },
  ],
  [
    "If-Match is checked before If-None-Match",
    "GET",
    [
      ["If-Match", '"v1"'],
      ["If-None-Match", '"v2"'],
    ],
    "failed if-match",
  ],
  [
    "If-Unmodified-Since is checked before If-None-Match",
    "GET",
    [
      ["If-Unmodified-Since", BEFORE],
      ["If-None-Match", '"v2"'],
    ],
    "failed if-unmodified-since",
  ],
  [
    "passing If-Match then If-None-Match → 304",
    "GET",
    [
      ["If-Match", '"v2"'],
      ["If-None-Match", '"v2"'],
    ],
    "not-modified if-none-match",
  ],
  [
    "malformed If-None-Match (unquoted tag)",
    "GET",
    [["If-None-Match", "v2"]],
    "malformed if-none-match",
  ],
  ["malformed If-Match", "PUT", [["If-Match", '"v2" junk']], "malformed if-match"],
];

describe("precondition precedence (RFC 9110 §13.2.2)", () => {
  for (const [name, method, headers, want, validators = CURRENT] of rows) {
    test(name, () => {
      const r = request(`${method} /doc`, ...headers);
      const got = evaluatePreconditions(r, validators, NOW);
      const summary = got.kind === "proceed" ? "proceed" : `${got.kind} ${got.field}`;
      expectTrue(
        summary === want,
        `${method} with ${JSON.stringify(headers)}: got ${summary}, expected ${want}`,
        {
          rule: "RFC 9110 §13.2.2: If-Match, else If-Unmodified-Since; then If-None-Match, else If-Modified-Since",
          book: "chapters/07-caching.md#the-order-of-preconditions",
          curl: "curl -i -H 'If-None-Match: \"v2\"' http://127.0.0.1:8080/doc",
        },
      );
    });
  }
});
