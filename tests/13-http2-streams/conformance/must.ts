/**
 * One conformance test per MUST: named by its RFC section and a short
 * quote, so a failure says which rule broke. Tests listed in
 * known-gaps.ts are registered as todo instead.
 */
import { test } from "vitest";
import { KNOWN_GAPS } from "./known-gaps.ts";

/** RFC 9113 (HTTP/2), RFC 7541 (HPACK) or RFC 9218 (priorities). */
export type Rfc = "9113" | "7541" | "9218";

export function must(rfc: Rfc, section: string, rule: string, body: () => Promise<void>): void {
  const name = `RFC ${rfc} §${section}: ${rule}`;
  if (KNOWN_GAPS.has(name)) test.todo(`${name} (known gap: ${KNOWN_GAPS.get(name)})`);
  else test(name, body);
}
