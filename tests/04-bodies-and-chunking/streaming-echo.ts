/**
 * The handler the transcript and the interop tests talk to: POST /echo
 * streams the request body back as it arrives, so a chunked upload comes
 * back as a chunked response, chunk for chunk, with the byte count as a
 * trailer field (RFC 9110 §6.5). Anything else gets a short text answer
 * without its body being read.
 */
import type { Handler, HttpRequest, HttpResponse } from "#ch03/message.ts";

async function* counted(
  request: HttpRequest,
  count: { bytes: number },
): AsyncGenerator<Uint8Array> {
  for await (const chunk of request.body) {
    count.bytes += chunk.byteLength;
    yield chunk;
  }
}

export const streamingEcho: Handler = (request): HttpResponse => {
  if (request.method !== "POST" || request.target !== "/echo") {
    return { status: 404, headers: [["content-type", "text/plain"]], body: "not found\n" };
  }
  const count = { bytes: 0 };
  return {
    status: 200,
    headers: [
      ["content-type", "application/octet-stream"],
      ["trailer", "x-body-bytes"],
    ],
    body: counted(request, count),
    trailers: () => [["x-body-bytes", String(count.bytes)]],
  };
};
