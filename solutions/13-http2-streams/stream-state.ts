/**
 * The life of one stream (RFC 9113 §5.1), as one function.
 *
 * A stream is a request and its response: the client opens it with
 * HEADERS, each side ends its half with END_STREAM, and either side can
 * end both halves at once with RST_STREAM. The RFC draws it as seven
 * states; this file is that drawing as a transition function, so that
 * every frame the connection receives or sends on a stream is first
 * asked: "is this allowed now?" The answer is the next state, or the
 * error the RFC names for breaking the rule, with its scope: a stream
 * error resets one stream, a connection error ends them all (§5.4).
 *
 * END_STREAM is a flag on HEADERS and DATA; here it is its own event,
 * applied right after the frame that carried it ("recv-headers" then
 * "recv-end"), so each arrow of the RFC's figure is one case below.
 * Server push is not used by this server (SETTINGS_ENABLE_PUSH is the
 * client's to allow, and browsers dropped it), so the reserved states
 * appear only for completeness: nothing here enters them.
 */
import type { ErrorCodeName } from "#ch11/error-codes.ts";

/** The states of RFC 9113 §5.1, named as the RFC names them. */
export type StreamState =
  | "idle"
  | "reserved-local"
  | "reserved-remote"
  | "open"
  | "half-closed-local"
  | "half-closed-remote"
  | "closed";

/**
 * What happens to a stream: a frame received ("recv-") or sent ("send-")
 * on it. "end" is END_STREAM; "rst" is RST_STREAM; "window" and
 * "priority" are WINDOW_UPDATE and PRIORITY (or PRIORITY_UPDATE).
 */
export type StreamEvent =
  | "recv-headers"
  | "recv-data"
  | "recv-end"
  | "recv-rst"
  | "recv-window"
  | "recv-priority"
  | "send-headers"
  | "send-data"
  | "send-end"
  | "send-rst";

/** The next state, or the rule broken and how widely it counts. */
export type Transition =
  | { readonly ok: true; readonly state: StreamState }
  | {
      readonly ok: false;
      readonly scope: "stream" | "connection";
      readonly code: ErrorCodeName;
      readonly reason: string;
    };

const to = (state: StreamState): Transition => ({ ok: true, state });

const streamFault = (code: ErrorCodeName, reason: string): Transition => ({
  ok: false,
  scope: "stream",
  code,
  reason,
});

const connectionFault = (code: ErrorCodeName, reason: string): Transition => ({
  ok: false,
  scope: "connection",
  code,
  reason,
});

/** A frame we are about to send breaks the rules: our bug, not the peer's. */
const ourBug = (state: StreamState, event: StreamEvent): Transition =>
  connectionFault("INTERNAL_ERROR", `cannot ${event} in ${state}`);

/**
 * The one place a stream changes state (RFC 9113 §5.1, Figure 2).
 *
 * Sending is checked too: a response written after the stream was reset
 * must be caught here, not reach the wire. PRIORITY may arrive in any
 * state (§6.3), WINDOW_UPDATE and RST_STREAM in any state but idle.
 *
 * @exercise
 * @hint nudge: handle the events allowed in every state first (PRIORITY,
 *   a reset), then one case per state for the rest.
 * @hint concept: RFC 9113 §5.1: idle takes only HEADERS (to open) and PRIORITY,
 *   else a connection PROTOCOL_ERROR; END_STREAM half-closes open, closes
 *   half-closed; DATA or HEADERS after the client's end is STREAM_CLOSED (a
 *   connection error for HEADERS on closed); a reset closes.
 * @hint solution: recv-priority keeps any state. Idle: HEADERS opens, other
 *   recv- is connectionFault, send- ourBug. Else a reset closes, recv-window
 *   stays, END_STREAM half-closes or closes; recv- past the client's end is
 *   streamFault (HEADERS when closed: connectionFault), send- past ours ourBug.
 */
export function transition(state: StreamState, event: StreamEvent): Transition {
  if (event === "recv-priority") return to(state);
  if (state === "idle") {
    if (event === "recv-headers" || event === "send-headers") return to("open");
    if (event.startsWith("recv-")) {
      return connectionFault("PROTOCOL_ERROR", `${event} on an idle stream`);
    }
    return ourBug(state, event);
  }
  if (event === "recv-rst" || event === "send-rst") return to("closed");
  if (event === "recv-window") return to(state);
  switch (state) {
    case "open":
      if (event === "recv-end") return to("half-closed-remote");
      if (event === "send-end") return to("half-closed-local");
      return to(state);
    case "half-closed-remote":
      if (event.startsWith("recv-")) {
        return streamFault(
          "STREAM_CLOSED",
          `${event} after the client's END_STREAM`,
        );
      }
      return to(event === "send-end" ? "closed" : state);
    case "half-closed-local":
      if (event.startsWith("send-")) return ourBug(state, event);
      return to(event === "recv-end" ? "closed" : state);
    case "closed":
      if (event === "recv-headers") {
        return connectionFault("STREAM_CLOSED", "HEADERS on a closed stream");
      }
      if (event.startsWith("recv-"))
        return streamFault("STREAM_CLOSED", `${event} when closed`);
      return ourBug(state, event);
    default:
      return streamFault("PROTOCOL_ERROR", `${event} on a reserved stream`);
  }
}

/**
 * True while the stream counts against SETTINGS_MAX_CONCURRENT_STREAMS
 * (§5.1.2).
 */
export function isActive(state: StreamState): boolean {
  return (
    state === "open" ||
    state === "half-closed-local" ||
    state === "half-closed-remote"
  );
}
