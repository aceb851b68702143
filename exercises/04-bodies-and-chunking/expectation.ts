// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Expect: 100-continue (RFC 9110 §10.1.1).
 *
 * A client about to upload a large body may ask first: it sends the head
 * with `Expect: 100-continue` and waits (curl: one second) for either
 * `HTTP/1.1 100 Continue` or a final answer. If the server would refuse
 * the upload anyway (401, 413, 404), the body never crosses the network.
 *
 * We say "continue" lazily: only when the handler starts reading the body
 * (chapter 03's connection calls back on the first read). A handler that
 * answers without reading has refused the body, and the client, having
 * seen no 100, does not send it; the connection then closes rather than
 * guess whether the bytes that follow are a body or the next request.
 */
import { Buffer } from "node:buffer";
import type { RequestHead } from "#ch02/request-head-parser.ts";
import type { ConnectionError } from "#ch03/body-decoder.ts";
import { getHeaders } from "#ch02/header-list.ts";
import { bodyError } from "./body-errors.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/** What the connection does about a request's Expect field. */
export type Expectation =
  | { readonly kind: "none" }
  /** Send `bytes` when the handler first reads the body. */
  | { readonly kind: "interim"; readonly bytes: Uint8Array }
  | { readonly kind: "refuse"; readonly error: ConnectionError };

/** The interim response, always HTTP/1.1 (an HTTP/1.0 Expect is ignored). */
export const CONTINUE_BYTES: Uint8Array = Buffer.from(
  "HTTP/1.1 100 Continue\r\n\r\n",
  "latin1",
);

const NONE: Expectation = Object.freeze({ kind: "none" });
const CONTINUE: Expectation = Object.freeze({
  kind: "interim",
  bytes: CONTINUE_BYTES,
});
const FAILED: Expectation = Object.freeze({
  kind: "refuse",
  error: bodyError("EXPECTATION_FAILED"),
});

/**
 * What to do about the request's Expect field: nothing when absent or in
 * HTTP/1.0 ("A server that receives a 100-continue expectation in an
 * HTTP/1.0 request MUST ignore that expectation"), an interim 100 for
 * exactly "100-continue" (case-insensitive), 417 for anything else.
 *
 * @exercise
 */
export function expectationFor(head: RequestHead): Expectation {
  throw new NotImplemented({
    chapter: "04",
    name: "expectationFor",
    file: "exercises/04-bodies-and-chunking/expectation.ts",
    hint: "\"100-Continue\" is the same expectation as \"100-continue\"; \"100-continue, x\" is not one we can meet.",
  });
}
