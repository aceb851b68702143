/**
 * Synthetic requests for chapter 05's tests.
 *
 * The handler API does not depend on a transport, so most of its tests
 * need none: they build an HttpRequest by hand, call the router, and read
 * the HttpResponse back as text shaped like an HTTP/1.1 response, which
 * the teaching assertions can compare byte for byte.
 */
import type { HeaderList, HttpRequest, HttpResponse, RequestBody } from "#ch03/message.ts";
import { derivedFields } from "#testing/synthetic.ts";

export interface SyntheticRequest {
  readonly method?: string;
  readonly target: string;
  readonly headers?: Readonly<Record<string, string>> | HeaderList;
  /** Body chunks; a string is one UTF-8 chunk. */
  readonly body?: string | readonly Uint8Array[];
  /** Declared length; default: the sum of the chunks (undefined = chunked). */
  readonly length?: number | undefined;
}

/** A body that counts how many chunks were pulled from it. */
export interface CountingBody extends RequestBody {
  readonly pulled: () => number;
}

export function bodyOf(chunks: readonly Uint8Array[], length: number | undefined): CountingBody {
  let pulled = 0;
  return {
    length,
    trailers: [],
    pulled: () => pulled,
    async *[Symbol.asyncIterator]() {
      for (const chunk of chunks) {
        pulled++;
        yield chunk;
      }
    },
  };
}

export function request(spec: SyntheticRequest): HttpRequest & { body: CountingBody } {
  const chunks =
    typeof spec.body === "string" ? [Buffer.from(spec.body, "utf8")] : (spec.body ?? []);
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const headers: HeaderList = Array.isArray(spec.headers)
    ? (spec.headers as HeaderList)
    : Object.entries(spec.headers ?? {}).map(([n, v]) => [n.toLowerCase(), v] as const);
  const method = spec.method ?? "GET";
  return {
    method,
    target: spec.target,
    ...derivedFields(method, spec.target, headers),
    version: "HTTP/1.1",
    headers,
    body: bodyOf(chunks, "length" in spec ? spec.length : total),
    connection: { remoteAddress: "127.0.0.1", remotePort: 50000, secure: false },
  };
}

/** The response's body as a string (UTF-8), however it was given. */
export async function bodyText(response: HttpResponse): Promise<string> {
  const body = response.body;
  if (body === undefined) return "";
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString("utf8");
  const parts: Uint8Array[] = [];
  for await (const chunk of body) parts.push(chunk);
  return Buffer.concat(parts).toString("utf8");
}

/**
 * The response as HTTP/1.1-like text: status line, fields, blank line,
 * body. Enough to compare with `expectBytes` and see what differs.
 */
export async function render(response: HttpResponse): Promise<string> {
  const lines = [`${response.status}`];
  for (const [name, value] of response.headers ?? []) lines.push(`${name}: ${value}`);
  return `${lines.join("\r\n")}\r\n\r\n${await bodyText(response)}`;
}
