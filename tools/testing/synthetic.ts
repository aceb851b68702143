/**
 * In-process requests and responses for handler tests: no socket, no
 * transport. Handlers are transport-independent, so most of what chapters
 * 05–08 build is tested this way, and end-to-end tests add the wire.
 */
import { classifyTarget, splitTarget } from "#ch02/request-target.ts";
import type { HeaderList, HttpRequest, HttpResponse } from "#ch03/message.ts";

/** The fields a connection derives from the head, derived the same way. */
export type DerivedFields = Pick<HttpRequest, "scheme" | "authority" | "path" | "query" | "signal">;

/**
 * What chapter 03's connection would add to this head: the target taken
 * apart by chapter 02's splitTarget (an invalid target is read as
 * origin-form, so handler tests can still send odd targets), the
 * authority from the target or Host, a signal that never fires.
 */
export function derivedFields(method: string, target: string, headers: HeaderList): DerivedFields {
  const form = classifyTarget(method, target);
  const parts = splitTarget(form.ok ? form.value : "origin", target);
  const host = headers.find(([name]) => name === "host")?.[1] ?? "";
  return {
    scheme: "http",
    authority: parts.authority || host,
    path: parts.path,
    query: parts.query,
    signal: new AbortController().signal,
  };
}

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
    ...derivedFields(method, target, list),
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
