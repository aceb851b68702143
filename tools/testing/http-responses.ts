/**
 * A strict little reader of HTTP/1.1 responses as they arrive on the wire,
 * for wire-level tests that must judge any server (the open track): bodies
 * framed by Content-Length, by the chunked coding, or by the close (RFC
 * 9112 §6.3), and no body after HEAD, 1xx, 204 or 304.
 */

export interface WireResponse {
  readonly status: number;
  readonly statusLine: string;
  /** Names lowercased, in order. */
  readonly headers: readonly (readonly [string, string])[];
  /** The body after decoding any chunked framing (not content codings). */
  readonly body: Buffer;
}

/** The value of a field (lines joined with ", "), or undefined. */
export function field(r: WireResponse, name: string): string | undefined {
  const values = r.headers.filter(([n]) => n === name).map(([, v]) => v);
  return values.length === 0 ? undefined : values.join(", ");
}

/** Why the bytes are not a sequence of responses. */
export class ResponseSyntaxError extends Error {
  override readonly name = "ResponseSyntaxError";
}

function chunked(bytes: Buffer, from: number): { body: Buffer; end: number } {
  const parts: Buffer[] = [];
  let pos = from;
  for (;;) {
    const eol = bytes.indexOf("\r\n", pos, "latin1");
    if (eol < 0) throw new ResponseSyntaxError(`incomplete chunk size line at byte ${pos}`);
    const size = Number.parseInt(bytes.toString("latin1", pos, eol).split(";")[0] ?? "", 16);
    if (!Number.isFinite(size)) throw new ResponseSyntaxError(`bad chunk size at byte ${pos}`);
    pos = eol + 2;
    if (size === 0) break;
    if (pos + size + 2 > bytes.length) throw new ResponseSyntaxError("incomplete chunk");
    parts.push(bytes.subarray(pos, pos + size));
    pos += size + 2;
  }
  // Trailer fields, then the empty line.
  for (;;) {
    const eol = bytes.indexOf("\r\n", pos, "latin1");
    if (eol < 0) throw new ResponseSyntaxError("incomplete trailer section");
    const empty = eol === pos;
    pos = eol + 2;
    if (empty) return { body: Buffer.concat(parts), end: pos };
  }
}

/**
 * Splits `bytes` into responses. `noBody(i)` says whether the i-th
 * answers a HEAD. `closed` says the server closed after these bytes, which
 * allows a last body delimited by the close.
 */
export function readResponses(
  bytes: Buffer,
  noBody: (index: number) => boolean = () => false,
  closed = true,
): WireResponse[] {
  const out: WireResponse[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const end = bytes.indexOf("\r\n\r\n", pos, "latin1");
    if (end < 0) throw new ResponseSyntaxError(`incomplete head at byte ${pos}`);
    const lines = bytes.toString("latin1", pos, end).split("\r\n");
    const statusLine = lines[0] ?? "";
    const m = /^HTTP\/1\.[01] (\d{3}) /.exec(`${statusLine} `);
    if (!m) throw new ResponseSyntaxError(`not a status line: ${JSON.stringify(statusLine)}`);
    const status = Number(m[1]);
    const headers = lines.slice(1).map((line): [string, string] => {
      const colon = line.indexOf(":");
      if (colon <= 0) throw new ResponseSyntaxError(`not a field line: ${JSON.stringify(line)}`);
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    });
    const r = { status, statusLine, headers, body: Buffer.alloc(0) };
    let at = end + 4;
    if (noBody(out.length) || status < 200 || status === 204 || status === 304) {
      out.push(r);
    } else if (/(^|,)\s*chunked\s*$/i.test(field(r, "transfer-encoding") ?? "")) {
      const c = chunked(bytes, at);
      out.push({ ...r, body: c.body });
      at = c.end;
    } else if (field(r, "content-length") !== undefined) {
      const length = Number(field(r, "content-length"));
      if (at + length > bytes.length) throw new ResponseSyntaxError(`incomplete body at ${at}`);
      out.push({ ...r, body: bytes.subarray(at, at + length) });
      at += length;
    } else {
      if (!closed) throw new ResponseSyntaxError("a body without length on an open connection");
      out.push({ ...r, body: bytes.subarray(at) });
      at = bytes.length;
    }
    pos = at;
  }
  return out;
}

/** True once `bytes` hold `count` complete responses (for exchange's `until`). */
export function holdsResponses(count: number, noBody?: (index: number) => boolean) {
  return (bytes: Buffer): boolean => {
    try {
      return readResponses(bytes, noBody, false).length >= count;
    } catch {
      return false;
    }
  };
}
