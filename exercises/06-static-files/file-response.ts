// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
function rangeOutcome(
  request: HttpRequest,
  identity: FileIdentity,
  options: ResolvedStaticOptions,
): RangeOutcome {
  throw new NotImplemented({
    chapter: "06",
    name: "rangeOutcome",
    file: "exercises/06-static-files/file-response.ts",
    hint: "ranges apply only to GET, and If-Range can turn a range request back into a whole one.",
  });
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
 */
export function fileResponse(
  request: HttpRequest,
  snapshot: FileSnapshot,
  options: ResolvedStaticOptions,
): HttpResponse {
  throw new NotImplemented({
    chapter: "06",
    name: "fileResponse",
    file: "exercises/06-static-files/file-response.ts",
    hint: "three statuses come out of here: 416, 206 and 200, and every one carries the validators.",
  });
}
