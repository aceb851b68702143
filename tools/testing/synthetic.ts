/**
 * In-process requests and responses for handler tests: no socket, no
 * transport. Handlers are transport-independent, so most of what chapters
 * 05–08 build is tested this way, and end-to-end tests add the wire.
 */
import type { HeaderList, HttpRequest, HttpResponse } from "#ch03/message.ts";

const EMPTY_BODY = {
  length: 0,
  trailers: [],
  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {},
};

/** `request("GET /a", ["If-None-Match", '"v1"'])`: names are lowercased. */
export function request(line: string, ...headers: [string, string][]): HttpRequest {
  const [method = "GET", target = "/"] = line.split(" ");
  const list: HeaderList = headers.map(([n, v]) => [n.toLowerCase(), v]);
  return {
    method,
    target,
    version: "HTTP/1.1",
    headers: list,
    body: EMPTY_BODY,
    connection: { remoteAddress: "127.0.0.1", remotePort: 1, secure: false },
  };
}

/** A response's body as bytes, however it was given. */
export async function bytesOf(response: HttpResponse): Promise<Buffer> {
  const body = response.body;
  if (body === undefined) return Buffer.alloc(0);
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body);
  const parts: Uint8Array[] = [];
  for await (const chunk of body) parts.push(chunk);
  return Buffer.concat(parts);
}
