/**
 * SETTINGS parameters (RFC 9113 §6.5.2) and the ranges their values must
 * fall in.
 *
 * A SETTINGS payload is a list of six-byte entries: a 16-bit identifier
 * and a 32-bit value. The values configure the *receiver's* side of the
 * conversation: how big a header table it may use, how many streams it
 * may open, how large a frame it may send. A value outside its range is
 * a connection error, with the code §6.5.2 gives; an identifier we do not
 * know "MUST" be ignored, which lets new settings be added without breaking
 * old peers (RFC 8441 and RFC 9218 did exactly that).
 */
import {
  connectionError,
  type Decoded,
  failed,
  type FrameError,
  ok,
} from "./frame-error.ts";
import { MAX_MAX_FRAME_SIZE, MIN_MAX_FRAME_SIZE } from "./frame-types.ts";

export const SETTING = {
  HEADER_TABLE_SIZE: 0x1,
  ENABLE_PUSH: 0x2,
  MAX_CONCURRENT_STREAMS: 0x3,
  INITIAL_WINDOW_SIZE: 0x4,
  MAX_FRAME_SIZE: 0x5,
  MAX_HEADER_LIST_SIZE: 0x6,
  /** RFC 8441 §3: extended CONNECT (WebSockets over HTTP/2). */
  ENABLE_CONNECT_PROTOCOL: 0x8,
  /** RFC 9218 §2.1: the sender ignores RFC 7540 priorities. */
  NO_RFC7540_PRIORITIES: 0x9,
} as const;

export type SettingName = keyof typeof SETTING;

/** One entry of a SETTINGS frame, known or not. */
export interface Setting {
  readonly id: number;
  readonly value: number;
}

/** Every setting's value before any SETTINGS frame (§6.5.2). */
export const INITIAL_SETTINGS = {
  HEADER_TABLE_SIZE: 4_096,
  ENABLE_PUSH: 1,
  /** "Initially, there is no limit to this value." */
  MAX_CONCURRENT_STREAMS: Number.POSITIVE_INFINITY,
  INITIAL_WINDOW_SIZE: 65_535,
  MAX_FRAME_SIZE: MIN_MAX_FRAME_SIZE,
  /** "The initial value of this setting is unlimited." */
  MAX_HEADER_LIST_SIZE: Number.POSITIVE_INFINITY,
  ENABLE_CONNECT_PROTOCOL: 0,
  NO_RFC7540_PRIORITIES: 0,
} as const satisfies Record<SettingName, number>;

/** The largest flow-control window: 2^31 - 1 (§6.9.1). */
export const MAX_WINDOW_SIZE = 0x7fff_ffff;

/** Bytes per entry: 16-bit id, 32-bit value. */
export const SETTING_BYTES = 6;

/**
 * Checks one received setting against §6.5.2 (and RFC 8441 §3, RFC 9218
 * §2.1 for the two later ones); undefined when it is acceptable.
 *
 * @exercise
 * @hint nudge: three settings are booleans, one is a window size, one is a
 *   frame size; the rest take any 32-bit value.
 * @hint concept: RFC 9113 §6.5.2: ENABLE_PUSH other than 0 or 1 is
 *   PROTOCOL_ERROR; INITIAL_WINDOW_SIZE above 2^31-1 is FLOW_CONTROL_ERROR;
 *   MAX_FRAME_SIZE outside 16,384..16,777,215 is PROTOCOL_ERROR. All are
 *   connection errors; RFC 8441 §3 and RFC 9218 §2.1 add two more 0-or-1s.
 * @hint solution: a switch on the id. ENABLE_PUSH, ENABLE_CONNECT_PROTOCOL
 *   and NO_RFC7540_PRIORITIES refuse values above 1; INITIAL_WINDOW_SIZE
 *   above MAX_WINDOW_SIZE (FLOW_CONTROL_ERROR); MAX_FRAME_SIZE outside
 *   MIN_MAX_FRAME_SIZE..MAX_MAX_FRAME_SIZE. Any other id passes: undefined.
 */
export function checkSetting(setting: Setting): FrameError | undefined {
  const { id, value } = setting;
  switch (id) {
    case SETTING.ENABLE_PUSH:
    case SETTING.ENABLE_CONNECT_PROTOCOL:
    case SETTING.NO_RFC7540_PRIORITIES:
      if (value > 1)
        return connectionError(
          "PROTOCOL_ERROR",
          `setting ${id} must be 0 or 1`,
        );
      return undefined;
    case SETTING.INITIAL_WINDOW_SIZE:
      if (value > MAX_WINDOW_SIZE) {
        return connectionError(
          "FLOW_CONTROL_ERROR",
          "initial window size above 2^31-1",
        );
      }
      return undefined;
    case SETTING.MAX_FRAME_SIZE:
      if (value < MIN_MAX_FRAME_SIZE || value > MAX_MAX_FRAME_SIZE) {
        return connectionError("PROTOCOL_ERROR", "max frame size out of range");
      }
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Reads a SETTINGS payload into its entries, checking each. The frame
 * rules (stream 0, ACK with no payload, a multiple of six bytes) are
 * checked by the caller, before this runs.
 *
 * @exercise
 * @hint nudge: six bytes per entry: a 16-bit identifier, then a 32-bit value.
 * @hint concept: RFC 9113 §6.5.1: entries are processed in order and every
 *   value is checked (checkSetting); the first bad one is the frame's error.
 *   Unknown identifiers are kept: the connection ignores them (§6.5.2).
 * @hint solution: one DataView over the payload (mind its byteOffset); step
 *   SETTING_BYTES at a time while a whole entry fits, reading the id and then
 *   the value two bytes on; fail with the first error checkSetting finds,
 *   else keep the entry; the entries in order are the ok value.
 */
export function decodeSettingsPayload(payload: Uint8Array): Decoded<Setting[]> {
  const view = new DataView(
    payload.buffer,
    payload.byteOffset,
    payload.byteLength,
  );
  const settings: Setting[] = [];
  for (let at = 0; at + SETTING_BYTES <= payload.length; at += SETTING_BYTES) {
    const setting = { id: view.getUint16(at), value: view.getUint32(at + 2) };
    const error = checkSetting(setting);
    if (error) return failed(error);
    settings.push(setting);
  }
  return ok(settings);
}
