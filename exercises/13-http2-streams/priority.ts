// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function parsePriority(
  value: string,
  base: Priority = DEFAULT_PRIORITY,
): Priority {
  throw new NotImplemented({
    chapter: "13",
    name: "parsePriority",
    file: "exercises/13-http2-streams/priority.ts",
    hint: "split the dictionary into members, then read the two keys this server knows.",
  });
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
