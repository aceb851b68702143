/**
 * Everything chapter 04 plugs into chapter 03's connection, in one
 * object: the decoders (which also answer `Expect`), the chunked framer
 * and the unread-body policy. The stage spreads it into the http1 options;
 * tests pass it to serveHttp1 directly.
 *
 *     http1ConnectionHandler(handler, bodyOptions({ maxBodyBytes: 8 << 20 }))
 */
import type { ConnectionOptions } from "#ch03/connection-options.ts";
import { bodyDecoders } from "./body-decoders.ts";
import { type BodyLimits, resolveBodyLimits } from "./body-limits.ts";
import { chunkedFramer } from "./chunk-encoder.ts";
import { drainOrClose } from "./unread-body.ts";

/** The chapter 04 slice of ConnectionOptions. */
export type BodyOptions = Pick<
  ConnectionOptions,
  "bodyDecoders" | "framer" | "unreadBody"
>;

export function bodyOptions(limits: Partial<BodyLimits> = {}): BodyOptions {
  const resolved = resolveBodyLimits(limits);
  return {
    bodyDecoders: bodyDecoders(resolved),
    framer: chunkedFramer,
    unreadBody: drainOrClose(resolved.maxDrainBytes),
  };
}
