/**
 * Turning a response body into bytes a cache can keep, without breaking
 * bodies too big to keep. A streamed body is read up to a limit; past it,
 * the cache gives up and hands the client a stream that replays what was
 * read and continues from where it stopped. Nothing is lost or repeated.
 */
import { Buffer } from "node:buffer";
import type { ResponseBody } from "#ch03/message.ts";

export type BufferedBody =
  | { readonly kind: "complete"; readonly bytes: Uint8Array }
  | { readonly kind: "too-large"; readonly body: ResponseBody };

/** Replays `head`, then the rest of `it`; closes `it` if abandoned. */
async function* replay(
  head: readonly Uint8Array[],
  it: AsyncIterator<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  let finished = false;
  try {
    yield* head;
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      yield next.value;
    }
    finished = true;
  } finally {
    if (!finished) await it.return?.();
  }
}

/** Reads `body` whole if it fits in `limit` bytes. */
export async function bufferBody(
  body: ResponseBody | undefined,
  limit: number,
): Promise<BufferedBody> {
  if (body === undefined) return { kind: "complete", bytes: new Uint8Array(0) };
  if (typeof body === "string") body = Buffer.from(body, "utf8");
  if (body instanceof Uint8Array)
    return body.byteLength <= limit
      ? { kind: "complete", bytes: body }
      : { kind: "too-large", body };
  const it = body[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const next = await it.next();
    if (next.done) {
      return { kind: "complete", bytes: Buffer.concat(chunks, total) };
    }
    chunks.push(next.value);
    total += next.value.byteLength;
    if (total > limit) return { kind: "too-large", body: replay(chunks, it) };
  }
}
