/**
 * Extensible priorities (RFC 9218): what a client says about the order
 * it wants its responses in.
 *
 * RFC 7540 had a dependency tree of weighted streams; almost no server
 * used it well, and RFC 9113 §5.3.2 deprecated it. RFC 9218 replaced it
 * with two numbers a client sends in the `Priority` request field, or
 * later in a PRIORITY_UPDATE frame: an urgency from 0 (most urgent) to 7,
 * default 3, and whether the response is useful piece by piece
 * (`i`, incremental: a progressive image) or only whole (a script).
 *
 *     priority: u=1, i
 *
 * The field is a Structured Field dictionary (RFC 8941 §3.2). Members
 * this server does not know are ignored, as are values out of range
 * (RFC 9218 §4); a field that is not a dictionary at all is ignored
 * whole (RFC 8941 §4.2), leaving the defaults.
 */
import { Buffer } from "node:buffer";
import {
  connectionError,
  type Decoded,
  failed,
  ok,
} from "#ch11/frame-error.ts";

export interface Priority {
  /** 0 (most urgent) to 7 (background). */
  readonly urgency: number;
  /** Useful in pieces: share bandwidth with its peers (RFC 9218 §4.2). */
  readonly incremental: boolean;
}

/** u=3, not incremental: what a request without the field gets (§4). */
export const DEFAULT_PRIORITY: Priority = Object.freeze({
  urgency: 3,
  incremental: false,
});

/**
 * A dictionary key (RFC 8941 §3.2: lcalpha or "*", then lcalpha digit _ - . *).
 */
const KEY = /^[a-z*][a-z0-9_\-.*]*$/;

/**
 * Reads a `Priority` field value (or a PRIORITY_UPDATE's) over `base`:
 * parameters it carries replace base's, the rest stay.
 *
 * @exercise
 * @hint nudge: split the dictionary into members, then read the two keys
 *   this server knows.
 * @hint concept: RFC 9218 §4 and RFC 9651 §3.2: comma-separated members, key or
 *   key=value (a bare key is true); u is an integer 0..7, i a boolean (?0, ?1),
 *   else that key is ignored; parameters after ';' too. A member that is
 *   neither invalidates the field: keep base.
 * @hint solution: start from base's two values. Per comma-separated member:
 *   cut any parameters, trim, skip empties, split at the first '='. A key
 *   KEY refuses returns base as it is; u with one digit 0..7 sets urgency; i
 *   bare or ?1 sets incremental, ?0 clears it. The two values at the end.
 */
export function parsePriority(
  value: string,
  base: Priority = DEFAULT_PRIORITY,
): Priority {
  let { urgency, incremental } = base;
  for (const raw of value.split(",")) {
    const member = (raw.split(";")[0] ?? "").trim();
    if (member === "") continue;
    const eq = member.indexOf("=");
    const key = eq === -1 ? member : member.slice(0, eq);
    const item = eq === -1 ? undefined : member.slice(eq + 1);
    if (!KEY.test(key)) return base;
    if (key === "u" && item !== undefined && /^[0-7]$/.test(item))
      urgency = Number(item);
    if (key === "i" && (item === undefined || item === "?1"))
      incremental = true;
    if (key === "i" && item === "?0") incremental = false;
  }
  return { urgency, incremental };
}

/** Frame type 0x10 (RFC 9218 §7.1), unknown to RFC 9113's codec. */
export const PRIORITY_UPDATE_TYPE = 0x10;

export interface PriorityUpdate {
  /** The request stream whose priority changes. */
  readonly streamId: number;
  readonly value: string;
}

/**
 * A PRIORITY_UPDATE frame's payload: a 31-bit stream id, then the field
 * value in ASCII (RFC 9218 §7.1). `frameStream` is the id of the frame
 * itself, which must be 0; §7.1 makes each mistake a connection error.
 */
export function decodePriorityUpdate(
  frameStream: number,
  payload: Uint8Array,
): Decoded<PriorityUpdate> {
  if (frameStream !== 0) {
    return failed(
      connectionError("PROTOCOL_ERROR", "PRIORITY_UPDATE off stream 0"),
    );
  }
  if (payload.length < 4) {
    return failed(
      connectionError(
        "FRAME_SIZE_ERROR",
        "PRIORITY_UPDATE shorter than 4 bytes",
      ),
    );
  }
  const view = new DataView(
    payload.buffer,
    payload.byteOffset,
    payload.byteLength,
  );
  const streamId = view.getUint32(0) & 0x7fff_ffff;
  if (streamId === 0 || streamId % 2 === 0) {
    return failed(
      connectionError(
        "PROTOCOL_ERROR",
        `PRIORITY_UPDATE for stream ${streamId}`,
      ),
    );
  }
  const value = Buffer.from(payload.subarray(4)).toString("latin1");
  return ok({ streamId, value });
}
