/**
 * Test helpers: hex to bytes, and a decoder fed a list of chunks until it
 * has nothing more to say.
 */
import { type DecodeResult, FrameDecoder, type FrameDecoderOptions } from "#ch11/frame-decoder.ts";
import type { FrameError } from "#ch11/frame-error.ts";
import type { Frame } from "#ch11/frames.ts";

/** "00 00 04 ..." (spaces and newlines ignored) to bytes. */
export function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ""), "hex");
}

/** What a decoder said, in order, for a whole input. */
export type Said = Frame | { readonly error: Pick<FrameError, "scope" | "code" | "streamId"> };

/**
 * Pushes each chunk and drains next(); stops at a connection error.
 * Returns frames and errors in order, plus the bytes left undecoded.
 */
export function feed(
  chunks: readonly Uint8Array[],
  options: Partial<FrameDecoderOptions> = {},
): { said: Said[]; decoder: FrameDecoder } {
  const decoder = new FrameDecoder(options);
  const said: Said[] = [];
  for (const chunk of chunks) {
    decoder.push(chunk);
    for (let r: DecodeResult = decoder.next(); r.kind !== "incomplete"; r = decoder.next()) {
      if (r.kind === "frame") said.push(normalize(r.frame));
      else {
        const { scope, code, streamId } = r.error;
        said.push({ error: { scope, code, streamId } });
        if (scope === "connection") return { said, decoder };
      }
    }
  }
  return { said, decoder };
}

/** Byte fields as plain Buffers, so toEqual compares contents only. */
export function normalize(frame: Frame): Frame {
  const out: Record<string, unknown> = { ...frame };
  for (const key of ["data", "fragment", "opaque", "debug", "payload"]) {
    const v = out[key];
    if (v instanceof Uint8Array) out[key] = Buffer.from(v);
  }
  return out as unknown as Frame;
}

/**
 * Byte fields as hex strings: vitest compares a 16 KB Buffer element by
 * element, slowly; a string compares at once and prints readably.
 */
export function asHex(said: readonly Said[]): unknown[] {
  return said.map((s) => {
    if ("error" in s) return s;
    const out: Record<string, unknown> = { ...s };
    for (const [key, v] of Object.entries(out)) {
      if (v instanceof Uint8Array) out[key] = Buffer.from(v).toString("hex");
    }
    return out;
  });
}
