/**
 * One line per frame, for the transcript: the type, its stream, the flags
 * that are set and the fields a reader wants to see.
 */
import type { FrameError } from "#ch11/frame-error.ts";
import type { Frame } from "#ch11/frames.ts";
import { SETTING } from "#ch11/settings.ts";

const SETTING_NAMES = new Map<number, string>(Object.entries(SETTING).map(([k, v]) => [v, k]));

const flags = (pairs: Record<string, boolean>): string =>
  Object.entries(pairs)
    .filter(([, on]) => on)
    .map(([name]) => ` ${name}`)
    .join("");

export function describeFrame(f: Frame): string {
  const at = `stream=${f.streamId}`;
  switch (f.type) {
    case "DATA":
      return `DATA ${at}${flags({ END_STREAM: f.endStream })} data=${f.data.length} bytes`;
    case "HEADERS":
      return (
        `HEADERS ${at}${flags({ END_STREAM: f.endStream, END_HEADERS: f.endHeaders })}` +
        ` fragment=${Buffer.from(f.fragment).toString("hex")}`
      );
    case "PRIORITY":
      return `PRIORITY ${at} depends-on=${f.priority.dependsOn} weight=${f.priority.weight}`;
    case "RST_STREAM":
      return `RST_STREAM ${at} error-code=${f.errorCode}`;
    case "SETTINGS": {
      const list = f.settings.map((s) => ` ${SETTING_NAMES.get(s.id) ?? s.id}=${s.value}`);
      return `SETTINGS${f.ack ? " ACK" : ""}${list.join("")}`;
    }
    case "PUSH_PROMISE":
      return `PUSH_PROMISE ${at} promised=${f.promisedStreamId}`;
    case "PING":
      return `PING${f.ack ? " ACK" : ""} opaque=${Buffer.from(f.opaque).toString("hex")}`;
    case "GOAWAY":
      return `GOAWAY last-stream=${f.lastStreamId} error-code=${f.errorCode}`;
    case "WINDOW_UPDATE":
      return `WINDOW_UPDATE ${at} increment=${f.increment}`;
    case "CONTINUATION":
      return `CONTINUATION ${at}${flags({ END_HEADERS: f.endHeaders })}`;
    case "UNKNOWN":
      return `UNKNOWN type=0x${f.frameType.toString(16)} ${at} (ignored)`;
  }
}

export function describeError(e: FrameError): string {
  const target = e.scope === "connection" ? "connection error" : `stream error on ${e.streamId}`;
  return `${target} ${e.code}: ${e.reason}`;
}
