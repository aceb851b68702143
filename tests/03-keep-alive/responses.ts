/**
 * A strict little reader for the responses our server sends, used to
 * split a pipelined stream of bytes back into responses. Only
 * Content-Length framing: chapter 03 sends nothing else on a kept-alive
 * connection.
 */
export interface ParsedResponse {
  readonly status: number;
  readonly statusLine: string;
  /** Names lowercased, in order. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
  /** The response's own bytes, latin1. */
  readonly raw: string;
}

export function header(r: ParsedResponse, name: string): string | undefined {
  return r.headers.find(([n]) => n === name)?.[1];
}

/**
 * Splits `bytes` into responses. `noBody` says, per response index,
 * whether it answers HEAD (headers but no body, RFC 9112 §6.3).
 */
export function splitResponses(
  bytes: Buffer | string,
  noBody: (index: number) => boolean = () => false,
): ParsedResponse[] {
  const text = typeof bytes === "string" ? bytes : bytes.toString("latin1");
  const out: ParsedResponse[] = [];
  let pos = 0;
  while (pos < text.length) {
    const end = text.indexOf("\r\n\r\n", pos);
    if (end === -1)
      throw new Error(`incomplete head at byte ${pos}: ${JSON.stringify(text.slice(pos))}`);
    const lines = text.slice(pos, end).split("\r\n");
    const statusLine = lines[0] ?? "";
    const status = Number(statusLine.split(" ")[1]);
    const headers = lines.slice(1).map((line): [string, string] => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    });
    const cl = headers.find(([n]) => n === "content-length")?.[1];
    const skip = noBody(out.length) || status === 204 || status === 304 || status < 200;
    const length = skip ? 0 : cl === undefined ? text.length - end - 4 : Number(cl);
    const body = text.slice(end + 4, end + 4 + length);
    if (body.length < length) throw new Error(`incomplete body at byte ${end + 4}`);
    out.push({ status, statusLine, headers, body, raw: text.slice(pos, end + 4 + length) });
    pos = end + 4 + length;
  }
  return out;
}
