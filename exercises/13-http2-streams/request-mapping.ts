// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The request mapping: one field block in, the request's parts out, or
 * why the request is malformed (RFC 9113 §8.3.1, §8.1.1).
 *
 *     fields ──▶ pseudo-headers (readPseudo) ──▶ regular fields
 *            (checkRegularField, cookies joined) ──▶ the checks:
 *            required pseudo-headers, :path's form, one valid
 *            authority (Host vs :authority), Content-Length
 *
 * What comes out is what chapter 03's HTTP/1.1 parser gives a handler:
 * a method, an authority, a target to split with chapter 02's
 * splitTarget, and regular fields. The handler never learns which
 * protocol carried the request.
 */
import { getHeader, type HeaderList } from "#ch02/header-list.ts";
import { isValidHost } from "#ch02/host-field.ts";
import { classifyTarget } from "#ch02/request-target.ts";
import { isToken } from "#ch02/tokens.ts";
import {
  checkRegularField,
  type MappedRequest,
  type Pseudo,
  readPseudo,
  type RequestFields,
} from "./request-fields.ts";
import { NotImplemented } from "#course/not-implemented.ts";

const bad = (reason: string): MappedRequest => ({ ok: false, reason });

/**
 * Maps a decoded request field block (§8.3.1).
 *
 * @exercise
 */
export function mapRequest(fields: HeaderList): MappedRequest {
  throw new NotImplemented({
    chapter: "13",
    name: "mapRequest",
    file: "exercises/13-http2-streams/request-mapping.ts",
    hint: "one pass over the fields: pseudo-headers first, then the regular ones; then check what must be present.",
  });
}

/**
 * Content-Length: undefined when absent, null when it is not one number
 * (RFC 9110 §8.6: repeated identical values may be taken as one).
 */
export function contentLengthOf(
  headers: HeaderList,
): number | undefined | null {
  let found: string | undefined;
  for (const [name, value] of headers) {
    if (name !== "content-length") continue;
    if (found !== undefined && found !== value) return null;
    found = value;
  }
  if (found === undefined) return undefined;
  return /^\d{1,15}$/.test(found) ? Number(found) : null;
}
