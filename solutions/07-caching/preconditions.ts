/**
 * Evaluating conditional requests (RFC 9110 §13.2.2): the order in which
 * a server checks If-Match, If-Unmodified-Since, If-None-Match and
 * If-Modified-Since, and what each outcome means.
 *
 *     If-Match?            false -> 412
 *     else If-Unmod-Since? false -> 412
 *     If-None-Match?       false -> 304 (GET/HEAD) or 412
 *     else If-Mod-Since?   false -> 304 (GET/HEAD only)
 *     -> proceed (and Range, chapter 06, may still apply)
 *
 * Pure: the request's headers and the representation's validators in, an
 * outcome out. The middleware in conditional.ts builds the response.
 */
import { getCombined, getHeaders } from "#ch02/header-list.ts";
import type { HeaderList } from "#ch03/message.ts";
import { type EntityTag, entityTagsMatch } from "./entity-tag.ts";
import { parseEntityTagList } from "./entity-tag-list.ts";
import { parseHttpDate } from "#ch06/http-date.ts";

/** What the server knows about the selected representation. */
export interface Validators {
  /** False when the target has no current representation (e.g. a 404). */
  readonly exists: boolean;
  readonly etag?: EntityTag | undefined;
  /** Last-Modified, in milliseconds since the epoch. */
  readonly lastModified?: number | undefined;
}

/** The request fields the evaluation reads. */
export interface ConditionalRequest {
  readonly method: string;
  readonly headers: HeaderList;
}

/** Which precondition decided the outcome, for logs and test messages. */
export type PreconditionField =
  | "if-match"
  | "if-unmodified-since"
  | "if-none-match"
  | "if-modified-since";

export type PreconditionOutcome =
  | { readonly kind: "proceed" }
  | { readonly kind: "not-modified"; readonly field: PreconditionField }
  | { readonly kind: "failed"; readonly field: PreconditionField }
  | {
      readonly kind: "malformed";
      readonly field: PreconditionField;
      readonly reason: string;
    };

const PROCEED: PreconditionOutcome = { kind: "proceed" };

/** §13.1.1: `*` matches any current representation; tags compare strongly. */
function ifMatch(value: string, v: Validators): boolean | "malformed" {
  const list = parseEntityTagList(value);
  if (list.kind === "invalid") return "malformed";
  if (list.kind === "any") return v.exists;
  const etag = v.etag;
  return (
    etag !== undefined &&
    list.tags.some((t) => entityTagsMatch(t, etag, "strong"))
  );
}

/** §13.1.2: true when no tag matches weakly; `*` is false if it exists. */
function ifNoneMatch(value: string, v: Validators): boolean | "malformed" {
  const list = parseEntityTagList(value);
  if (list.kind === "invalid") return "malformed";
  if (list.kind === "any") return !v.exists;
  const etag = v.etag;
  return (
    etag === undefined ||
    !list.tags.some((t) => entityTagsMatch(t, etag, "weak"))
  );
}

/**
 * One HTTP-date, or undefined when the field must be ignored: §13.1.3 and
 * §13.1.4 say to ignore an invalid date or a value with several members.
 */
function singleDate(
  headers: HeaderList,
  name: string,
  now: number,
): number | undefined {
  const values = getHeaders(headers, name);
  if (values.length !== 1) return undefined;
  return parseHttpDate(values[0]!.trim(), now);
}

/** Both date conditions compare at one-second resolution, as HTTP-date. */
const seconds = (ms: number): number => Math.floor(ms / 1000);

/**
 * Evaluates a request's preconditions against the representation's
 * validators, in the order RFC 9110 §13.2.2 prescribes. If-Match takes
 * precedence over If-Unmodified-Since, and If-None-Match over
 * If-Modified-Since: the date fields are only consulted when the
 * entity-tag field of the same kind is absent, because tags are the more
 * precise validator.
 *
 * @exercise
 * @hint nudge: four of the five conditional fields, checked in a fixed order;
 *   the first false one decides.
 * @hint concept: RFC 9110 §13.2.2's order: If-Match (false: 412), or without it
 *   If-Unmodified-Since (false: 412); then If-None-Match (false: 304 for GET
 *   and HEAD, else 412), or without it If-Modified-Since on GET and HEAD
 *   (false: 304). Dates compare in whole seconds.
 * @hint solution: two if/else pairs in that order. If-Match through ifMatch
 *   (malformed is reported), else singleDate compared in whole seconds with
 *   lastModified; the same shape for If-None-Match and If-Modified-Since, the
 *   method choosing not-modified or failed; PROCEED last.
 */
export function evaluatePreconditions(
  request: ConditionalRequest,
  v: Validators,
  now: number = Date.now(),
): PreconditionOutcome {
  const { headers } = request;
  const safe = request.method === "GET" || request.method === "HEAD";
  const im = getCombined(headers, "if-match");
  if (im !== undefined) {
    const ok = ifMatch(im, v);
    if (ok === "malformed") return malformed("if-match");
    if (!ok) return { kind: "failed", field: "if-match" };
  } else {
    const date = singleDate(headers, "if-unmodified-since", now);
    if (date !== undefined && v.lastModified !== undefined) {
      if (seconds(v.lastModified) > seconds(date))
        return { kind: "failed", field: "if-unmodified-since" };
    }
  }
  const inm = getCombined(headers, "if-none-match");
  if (inm !== undefined) {
    const ok = ifNoneMatch(inm, v);
    if (ok === "malformed") return malformed("if-none-match");
    const kind = safe ? "not-modified" : "failed";
    if (!ok) return { kind, field: "if-none-match" };
  } else if (safe) {
    const date = singleDate(headers, "if-modified-since", now);
    if (date !== undefined && v.lastModified !== undefined) {
      if (seconds(v.lastModified) <= seconds(date))
        return { kind: "not-modified", field: "if-modified-since" };
    }
  }
  return PROCEED;
}

function malformed(field: PreconditionField): PreconditionOutcome {
  return {
    kind: "malformed",
    field,
    reason: `${field} is not "*" or a list of quoted entity-tags`,
  };
}
