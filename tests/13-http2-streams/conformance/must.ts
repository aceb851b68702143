/**
 * One conformance test per MUST: named by its RFC section and a short
 * quote, so a failure says which rule broke. There is no list of known
 * gaps: a rule the server breaks is a failing test.
 */
import { test } from "vitest";

/** RFC 9113 (HTTP/2), RFC 7541 (HPACK) or RFC 9218 (priorities). */
export type Rfc = "9113" | "7541" | "9218";

export function must(rfc: Rfc, section: string, rule: string, body: () => Promise<void>): void {
  test(`RFC ${rfc} §${section}: ${rule}`, body);
}
