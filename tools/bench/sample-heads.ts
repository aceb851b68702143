/**
 * Request heads for the parser micro-benchmark.
 *
 * A "typical" head is what a desktop browser sends for a page: Chrome 131
 * on Linux, navigating to /hello, about 600 bytes. The 100-header head is
 * the worst legitimate case chapter 02's default limit allows. The padded
 * heads have an exact size, for the one-byte-per-chunk linearity check.
 */

const head = (lines: readonly string[]): Buffer =>
  Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");

/** What Chrome 131 sends when you type a URL and press Enter. */
export const CHROME_HEAD: Buffer = head([
  "GET /hello HTTP/1.1",
  "Host: localhost:8080",
  "Connection: keep-alive",
  'sec-ch-ua: "Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
  "sec-ch-ua-mobile: ?0",
  'sec-ch-ua-platform: "Linux"',
  "Upgrade-Insecure-Requests: 1",
  "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 " +
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Accept: text/html,application/xhtml+xml,application/xml;q=0.9," +
    "image/avif,image/webp,image/apng,*/*;q=0.8",
  "Sec-Fetch-Site: none",
  "Sec-Fetch-Mode: navigate",
  "Sec-Fetch-User: ?1",
  "Sec-Fetch-Dest: document",
  "Accept-Encoding: gzip, deflate, br, zstd",
  "Accept-Language: en-US,en;q=0.9",
]);

/** Host plus 99 short fields: 100 field lines. */
export const HUNDRED_FIELD_HEAD: Buffer = head([
  "GET /hello HTTP/1.1",
  "Host: localhost:8080",
  ...Array.from({ length: 99 }, (_, i) => `X-Field-${i}: value-${i}`),
]);

/**
 * A head of exactly `size` bytes: Host, then 100-byte X-Pad fields, then
 * one field that takes up the rest. `size` must leave room for the
 * request-line, Host and a last field (about 80 bytes).
 */
export function paddedHead(size: number): Buffer {
  const start = ["GET /hello HTTP/1.1", "Host: localhost:8080"];
  const used = (lines: readonly string[]): number => head(lines).length;
  const lines = [...start];
  const field = (i: number, width: number): string =>
    `X-Pad-${i}: ${"a".repeat(Math.max(1, width - `X-Pad-${i}: `.length - 2))}`;
  while (size - used(lines) > 200) lines.push(field(lines.length, 100));
  const rest = size - used(lines) - 2; // the last field's own CRLF
  lines.push(`X-Pad-${lines.length}: ${"a".repeat(rest - `X-Pad-${lines.length}: `.length)}`);
  const out = head(lines);
  if (out.length !== size) throw new Error(`paddedHead(${size}) made ${out.length} bytes`);
  return out;
}
