// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The connection's own frames, the ones on stream 0 (RFC 9113 §6.5,
 * §6.7, §6.9): our SETTINGS and the client's, PING, the connection's
 * send window, and the unknown types, of which one is RFC 9218's
 * PRIORITY_UPDATE.
 *
 *   SETTINGS ─▶ applied in order ─▶ ACK     (our SETTINGS ─▶ ACK in time)
 *   PING ─▶ PING ACK (or the end of shutdown's round trip)
 *   WINDOW_UPDATE on 0 ─▶ the connection's send window ─▶ the DATA pump
 *   PRIORITY_UPDATE ─▶ a stream's urgency
 *
 * SETTINGS and PING make us answer, so they are counted: a client
 * sending them faster than maxControlFramesPerSecond, or while not
 * reading our answers, is let go (§10.5).
 */
import { Buffer } from "node:buffer";
import { connectionError } from "#ch11/frame-error.ts";
import type { SettingsFrame } from "#ch11/frames.ts";
import { SETTING, type Setting } from "#ch11/settings.ts";
import { RateBudget } from "./flood-guard.ts";
import { grow } from "./flow-window.ts";
import type { H2Connection } from "./h2-connection.ts";
import { decodePriorityUpdate, PRIORITY_UPDATE_TYPE } from "./priority.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/** The opaque bytes of the PING that measures shutdown's round trip. */
export const SHUTDOWN_PING = Buffer.from("shutdown", "latin1");

export class ControlFrames {
  readonly #control: RateBudget;
  #settingsTimer: NodeJS.Timeout | undefined;
  #sawSettings = false;

  constructor(private readonly connection: H2Connection) {
    this.#control = new RateBudget(
      connection.options.maxControlFramesPerSecond,
      1_000,
    );
  }

  /** The client's first SETTINGS has arrived (its preface is complete). */
  get sawSettings(): boolean {
    return this.#sawSettings;
  }

  /** No SETTINGS ACK is awaited any more: the connection is ending. */
  stop(): void {
    clearTimeout(this.#settingsTimer);
  }

  /**
   * Our SETTINGS (§3.4: the server preface), and a connection
   * WINDOW_UPDATE: the connection window has no setting of its own, so a
   * larger one is granted this way (§6.9.2).
   */
  preface(): void {
    const o = this.connection.options;
    const settings: Setting[] = [
      { id: SETTING.MAX_CONCURRENT_STREAMS, value: o.maxConcurrentStreams },
      { id: SETTING.INITIAL_WINDOW_SIZE, value: o.streamWindow },
      { id: SETTING.MAX_HEADER_LIST_SIZE, value: o.maxHeaderListSize },
      // §6.5.2: a server may send ENABLE_PUSH only as 0; it never pushes.
      { id: SETTING.ENABLE_PUSH, value: 0 },
      // RFC 9218 §2.1: we schedule by the Priority field, not RFC 7540's tree.
      { id: SETTING.NO_RFC7540_PRIORITIES, value: 1 },
    ];
    if (o.headerTableSize !== 4_096) {
      settings.push({
        id: SETTING.HEADER_TABLE_SIZE,
        value: o.headerTableSize,
      });
    }
    this.connection.out.settings(settings);
    if (o.connectionWindow > 65_535)
      this.connection.out.windowUpdate(0, o.connectionWindow - 65_535);
    this.#settingsTimer = setTimeout(() => {
      this.connection.fail(
        connectionError("SETTINGS_TIMEOUT", "SETTINGS not acknowledged"),
      );
    }, o.settingsTimeoutMs);
    this.#settingsTimer.unref();
  }

  /** A control frame the client makes us answer: within budget? (§10.5) */
  #allowed(): boolean {
    const queued =
      this.connection.out.writer.queued + this.connection.socket.writableLength;
    if (
      this.#control.spend(this.connection.options.clock()) &&
      queued <= this.connection.options.maxQueuedBytes
    ) {
      return true;
    }
    this.connection.fail(
      connectionError("ENHANCE_YOUR_CALM", "too many SETTINGS or PING frames"),
    );
    return false;
  }

  /**
   * The client's SETTINGS, applied in order and acknowledged (§6.5.3), or
   * its ACK of ours.
   *
   * @exercise
   */
  settings(frame: SettingsFrame): void {
    throw new NotImplemented({
      chapter: "13",
      name: "ControlFrames.settings",
      file: "exercises/13-http2-streams/control-frames.ts",
      hint: "an ACK stops the timer; anything else is applied setting by setting, then acknowledged.",
    });
  }

  /**
   * PING (§6.7): answered with ACK and the same eight bytes, within the
   * control budget. An ACK matters only when it answers shutdown's PING:
   * then a round trip has passed, and the final GOAWAY can go.
   */
  ping(ack: boolean, opaque: Uint8Array): void {
    if (!ack) {
      if (this.#allowed()) this.connection.out.ping(opaque, true);
      return;
    }
    if (
      this.connection.phase === "draining" &&
      Buffer.from(opaque).equals(SHUTDOWN_PING)
    ) {
      this.connection.finalGoaway();
    }
  }

  /**
   * WINDOW_UPDATE on stream 0 (§6.9): more room to send; past 2^31-1 is an
   * error.
   */
  connectionWindow(increment: number): void {
    const grown = grow(this.connection.out.connectionWindow, increment);
    if (!grown.ok) {
      this.connection.fail(
        connectionError("FLOW_CONTROL_ERROR", "connection window past 2^31-1"),
      );
      return;
    }
    this.connection.out.connectionWindow = grown.window;
    this.connection.out.wake();
  }

  /**
   * An unknown frame type: ignored (§4.1), except RFC 9218's
   * PRIORITY_UPDATE.
   */
  unknown(type: number, streamId: number, payload: Uint8Array): void {
    if (type !== PRIORITY_UPDATE_TYPE) return; // §4.1: ignored and discarded
    const update = decodePriorityUpdate(streamId, payload);
    if (!update.ok) {
      this.connection.fail(update.error);
      return;
    }
    this.connection.streams.reprioritize(
      update.value.streamId,
      update.value.value,
    );
  }
}
