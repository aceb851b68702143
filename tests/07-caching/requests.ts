/**
 * Small builders for in-process tests: a request with no body, a handler
 * that counts its calls, and a clock the test moves by hand.
 */
import type { Handler, HttpRequest, HttpResponse } from "#ch03/message.ts";

export { request } from "#testing/synthetic.ts";

/** A handler that answers `make(request)` and counts how often it ran. */
export function counting(make: (r: HttpRequest) => HttpResponse): Handler & { calls: number } {
  const handler = Object.assign(
    (r: HttpRequest) => {
      handler.calls++;
      return make(r);
    },
    { calls: 0 },
  );
  return handler;
}

/** A clock that stands still until the test calls `advance`. */
export function manualClock(start = Date.UTC(2026, 0, 1)): {
  now: () => number;
  advance: (seconds: number) => void;
} {
  let t = start;
  return { now: () => t, advance: (s) => (t += s * 1000) };
}

/** The body of a response as text, however it was given. */
export async function text(response: HttpResponse): Promise<string> {
  const body = response.body;
  if (body === undefined) return "";
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString("utf8");
  const parts: Uint8Array[] = [];
  for await (const chunk of body) parts.push(chunk);
  return Buffer.concat(parts).toString("utf8");
}

/** A header's value in a response (lowercased name). */
export function field(response: HttpResponse, name: string): string | undefined {
  return response.headers?.find(([n]) => n === name)?.[1];
}
