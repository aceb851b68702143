/**
 * The response for one located file: 200, 206 or 416 (RFC 9110 §14, §15).
 *
 *     Range absent, ignored, or If-Range fails → 200, the whole file
 *     one satisfiable range                    → 206, Content-Range
 *     several                                  → 206, multipart/byteranges
 *     none satisfiable                         → 416, Content-Range: bytes * /size
 *
 * Range applies to GET only (§14.2: "GET is the only method for which
 * range handling is defined"), so HEAD always describes the whole file.
 */
import { getCombined, getHeader } from "#ch02/header-list.ts";
import type {
  HeaderList,
  HttpRequest,
  HttpResponse,
  ResponseBody,
} from "#ch03/message.ts";
import { contentTypeFor } from "./content-type.ts";
import { fileBody, memoryBody } from "./file-body.ts";
import { ifRangeHolds } from "./if-range.ts";
import {
  type BodySegment,
  contentRange,
  makeBoundary,
  multipartSegments,
  segmentsLength,
} from "./multipart-byteranges.ts";
import { parseRangeHeader } from "./range-header.ts";
import { type RangeOutcome, resolveRanges } from "./satisfiable-ranges.ts";
import type { ResolvedStaticOptions } from "./static-options.ts";
import {
  type FileIdentity,
  lastModifiedValue,
  validatorsFor,
} from "./validators.ts";

/** What we know about the file: its identity, and its bytes if cached. */
export interface FileSnapshot {
  readonly file: string;
  readonly identity: FileIdentity;
  readonly bytes: Uint8Array | undefined;
  /** Overrides the type from the file name (a variant keeps the original's). */
  readonly contentType?: string;
  /** More fields for the response (a variant's Content-Encoding, Vary). */
  readonly headers?: HeaderList;
}

/**
 * The ranges to send, after Range and If-Range (RFC 9110 §13.2.2 step 5).
 *
 * @exercise
 * @hint nudge: ranges apply only to GET, and If-Range can turn a range request
 *   back into a whole one.
 * @hint concept: RFC 9110 §13.2.2 step 5 and §14.2: no Range or not a GET is
 *   the whole file; an If-Range that does not hold (ifRangeHolds with the
 *   file's validators) is the whole file; a Range we cannot parse is ignored
 *   (whole, with the reason); otherwise resolve the specs against the size.
 * @hint solution: the combined Range field; no field or no GET: whole with
 *   an empty reason. An If-Range that fails ifRangeHolds (the validatorsFor
 *   the identity, and now): whole, "If-Range does not match". Parse; an
 *   ignore is whole with its reason; else resolveRanges with the options.
 */
function rangeOutcome(
  request: HttpRequest,
  identity: FileIdentity,
  options: ResolvedStaticOptions,
): RangeOutcome {
  const range = getCombined(request.headers, "range");
  if (request.method !== "GET" || range === undefined)
    return { kind: "whole", reason: "" };
  const ifRange = getHeader(request.headers, "if-range");
  const validators = validatorsFor(identity, options.etagInode);
  if (
    ifRange !== undefined &&
    !ifRangeHolds(ifRange, validators, options.now())
  ) {
    return { kind: "whole", reason: "If-Range does not match" };
  }
  const parsed = parseRangeHeader(range);
  if (parsed.kind === "ignore") return { kind: "whole", reason: parsed.reason };
  return resolveRanges(parsed.specs, identity.size, options);
}

function body(
  snapshot: FileSnapshot,
  segments: readonly BodySegment[],
  options: ResolvedStaticOptions,
): ResponseBody {
  if (snapshot.bytes) return memoryBody(snapshot.bytes, segments);
  return fileBody(snapshot.file, segments, options.readChunkSize);
}

/**
 * The response for a located file: 200, 206 or 416, with validators.
 *
 * @exercise
 * @hint nudge: three statuses come out of here: 416, 206 and 200, and every one
 *   carries the validators.
 * @hint concept: common fields: Accept-Ranges, validators, nosniff, extra
 *   headers. Unsatisfiable: 416, its Content-Range an asterisk and the size
 *   (RFC 9110 §15.5.17). One range or the whole file is one segment; several,
 *   multipart/byteranges (§14.6). Content-Length is their sum; HEAD, no body.
 * @hint solution: common fields first, then rangeOutcome: 416 goes out at
 *   once. One range (the whole file if not partial; no segment for an empty
 *   file) or several (makeBoundary, multipartSegments); 206 or 200; type,
 *   segmentsLength, common. HEAD stops there; GET adds the body.
 */
export function fileResponse(
  request: HttpRequest,
  snapshot: FileSnapshot,
  options: ResolvedStaticOptions,
): HttpResponse {
  const { identity } = snapshot;
  const size = identity.size;
  const type = snapshot.contentType ?? contentTypeFor(snapshot.file);
  const validators = validatorsFor(identity, options.etagInode);
  const common: HeaderList = [
    ["accept-ranges", "bytes"],
    ["etag", validators.etag],
    ["last-modified", lastModifiedValue(validators.modifiedMs, options.now())],
    ["x-content-type-options", "nosniff"],
    ...(snapshot.headers ?? []),
  ];
  const outcome = rangeOutcome(request, identity, options);
  if (outcome.kind === "unsatisfiable") {
    return {
      status: 416,
      headers: [
        ["content-type", "text/plain; charset=utf-8"],
        ["content-range", `bytes */${size}`],
        ...common,
      ],
      body: `416 Range Not Satisfiable: the file has ${size} bytes\n`,
    };
  }
  const whole = { first: 0, last: size - 1 };
  const ranges = outcome.kind === "partial" ? outcome.ranges : [whole];
  const only = ranges.length === 1 ? ranges[0] : undefined;
  let headers: HeaderList;
  let segments: readonly BodySegment[];
  if (only) {
    segments = size === 0 ? [] : [{ kind: "file", range: only }];
    headers = [["content-type", type]];
    if (outcome.kind === "partial")
      headers = [...headers, ["content-range", contentRange(only, size)]];
  } else {
    const boundary = makeBoundary();
    segments = multipartSegments(ranges, size, type, boundary);
    headers = [["content-type", `multipart/byteranges; boundary=${boundary}`]];
  }
  const response: HttpResponse = {
    status: outcome.kind === "partial" ? 206 : 200,
    headers: [
      ...headers,
      ["content-length", String(segmentsLength(segments))],
      ...common,
    ],
  };
  // HEAD: the same fields, no body, and nothing opened (RFC 9110 §9.3.2).
  if (request.method === "HEAD") return response;
  return { ...response, body: body(snapshot, segments, options) };
}
