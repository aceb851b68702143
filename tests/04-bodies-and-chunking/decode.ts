/**
 * Drives a BodyDecoder the way chapter 03's connection does: feed each
 * piece, pass on the data, keep what the decoder did not consume. Bounded:
 * a decoder that stalls (consumes nothing, not done) fails the drive.
 */
import type { BodyDecoder } from "#ch03/body-decoder.ts";
import type { HeaderList } from "#ch03/message.ts";

export type Decoded =
  | {
      readonly kind: "done";
      readonly body: string;
      /** Bytes after the body: the next request's, untouched. */
      readonly rest: string;
      readonly trailers: HeaderList | undefined;
    }
  | { readonly kind: "incomplete"; readonly body: string }
  | { readonly kind: "error"; readonly code: string; readonly status: number }
  | { readonly kind: "stalled" };

export function drive(decoder: BodyDecoder, pieces: readonly Uint8Array[]): Decoded {
  const out: Buffer[] = [];
  for (const [index, piece] of pieces.entries()) {
    let rest = piece;
    for (let guard = 0; rest.byteLength > 0; guard++) {
      if (guard > 100_000) return { kind: "stalled" };
      const step = decoder.decode(rest);
      if (step.kind === "error") {
        return { kind: "error", code: step.error.code, status: step.error.status };
      }
      if (step.data !== undefined) out.push(Buffer.from(step.data));
      rest = rest.subarray(step.consumed);
      if (step.done) {
        const after = Buffer.concat([rest, ...pieces.slice(index + 1)]);
        return {
          kind: "done",
          body: Buffer.concat(out).toString("latin1"),
          rest: after.toString("latin1"),
          trailers: step.trailers,
        };
      }
      if (step.consumed === 0) return { kind: "stalled" };
    }
  }
  return { kind: "incomplete", body: Buffer.concat(out).toString("latin1") };
}
