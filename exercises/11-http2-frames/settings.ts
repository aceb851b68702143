// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function checkSetting(setting: Setting): FrameError | undefined {
  throw new NotImplemented({
    chapter: "11",
    name: "checkSetting",
    file: "exercises/11-http2-frames/settings.ts",
    hint: "three settings are booleans, one is a window size, one is a frame size; the rest take any 32-bit value.",
  });
}

/**
 * Reads a SETTINGS payload into its entries, checking each. The frame
 * rules (stream 0, ACK with no payload, a multiple of six bytes) are
 * checked by the caller, before this runs.
 *
 * @exercise
 */
export function decodeSettingsPayload(payload: Uint8Array): Decoded<Setting[]> {
  throw new NotImplemented({
    chapter: "11",
    name: "decodeSettingsPayload",
    file: "exercises/11-http2-frames/settings.ts",
    hint: "six bytes per entry: a 16-bit identifier, then a 32-bit value.",
  });
}
