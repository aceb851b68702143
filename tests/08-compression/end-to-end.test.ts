/**
 * End to end: the chapter's stage over chapter 06's files (with
 * precompressed siblings) and chapter 07's caching, on chapter 03's real
 * connection, against curl, fetch (undici) and a raw socket, over loopback.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, realpath, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, test } from "vitest";
import { caching } from "#ch07/caching.ts";
import { contentTypeFor } from "#ch06/content-type.ts";
import { serveStatic } from "#ch06/serve-static.ts";
import { precompressedVariants } from "#ch08/precompressed.ts";
import { exchange } from "#testing/raw-client.ts";
import { expectBytes, expectTrue } from "#testing/wire.ts";
import { stage } from "../../src/stages/08-compression.ts";
import { fold } from "../../src/stages/stage.ts";
import { type RunningServer, startServer } from "./fixtures.ts";
import { ETAGS, NEGOTIATION, PRECOMPRESSED, VARY } from "./lessons.ts";

const CURL = "/usr/bin/curl";
const hasCurl = existsSync(CURL);

const CSS = `/* the book's styles */\n${".note { color: #345; margin: 0 1em; }\n".repeat(200)}`;
const JS = `// app\n${"export const answer = () => 42; // compute the answer\n".repeat(200)}`;
const JS_BR = zlib.brotliCompressSync(JS);
const JS_GZ = zlib.gzipSync(JS, { level: 9 });
const STALE_NEW = `// rebuilt\n${"let fresh = true;\n".repeat(200)}`;
const STALE_GZ = zlib.gzipSync("// yesterday's build\n");

let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = await realpath(await mkdtemp(path.join(os.tmpdir(), "handshake-08-")));
  const files: Record<string, string | Buffer> = {
    "style.css": CSS,
    "app.js": JS,
    "app.js.br": JS_BR,
    "app.js.gz": JS_GZ,
    "stale.js": STALE_NEW,
    "stale.js.gz": STALE_GZ,
  };
  for (const [name, data] of Object.entries(files)) await writeFile(path.join(dir, name), data);
  const past = new Date(Date.now() - 3_600_000);
  await utimes(path.join(dir, "stale.js.gz"), past, past);
  const files06 = serveStatic(dir, { variant: precompressedVariants() });
  const plan = fold({ host: "127.0.0.1", port: 0, root: dir }, [stage], {
    handler: caching().middleware(files06),
  });
  server = await startServer(plan.extensions.handler!);
});
afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Answer {
  readonly head: string;
  readonly body: Buffer;
}

/** One request on its own connection (Connection: close), parsed. */
async function send(
  method: string,
  target: string,
  fields: readonly string[] = [],
): Promise<Answer> {
  const lines = [`${method} ${target} HTTP/1.1`, "Host: 127.0.0.1", "Connection: close", ...fields];
  const { received } = await exchange(server.port, `${lines.join("\r\n")}\r\n\r\n`, {
    timeoutMs: 3000,
  });
  const split = received.indexOf("\r\n\r\n");
  return {
    head: received.subarray(0, split).toString("latin1"),
    body: received.subarray(split + 4),
  };
}

const fieldOf = (head: string, name: string): string | undefined =>
  new RegExp(`^${name}: *(.*)$`, "im").exec(head)?.[1]?.trim();

/** The head without the fields that differ by time or framing. */
const comparable = (head: string): string =>
  head
    .split("\r\n")
    .filter((l) => !/^(date|connection|content-length|transfer-encoding):/i.test(l))
    .join("\n");

const curlTitle = hasCurl ? "curl" : "curl: SKIPPED, /usr/bin/curl not found; install curl";
describe.skipIf(!hasCurl)(curlTitle, () => {
  function curl(args: readonly string[]): Promise<Answer> {
    return new Promise((resolve, reject) => {
      execFile(
        CURL,
        ["-sS", "--max-time", "5", "-D", "-", "-o", "-", ...args],
        { encoding: "buffer", timeout: 6000 },
        (err, stdout) => {
          if (err) return reject(err);
          const split = stdout.indexOf("\r\n\r\n");
          resolve({
            head: stdout.subarray(0, split).toString("latin1"),
            body: stdout.subarray(split + 4),
          });
        },
      );
    });
  }

  test("curl --compressed: a coded response, decoded by curl to the file's bytes", async () => {
    const r = await curl(["--compressed", `${server.url}/style.css`]);
    const coding = fieldOf(r.head, "content-encoding");
    expectTrue(
      coding === "br" || coding === "gzip",
      `curl got Content-Encoding ${coding}\n${r.head}`,
      {
        ...NEGOTIATION,
        curl: `curl -s --compressed -D - ${server.url}/style.css`,
      },
    );
    expectBytes(r.body, CSS, NEGOTIATION, "curl's decoded body");
  });

  test("curl without --compressed gets identity, with Vary", async () => {
    const r = await curl([`${server.url}/style.css`]);
    expectTrue(fieldOf(r.head, "content-encoding") === undefined, r.head, NEGOTIATION);
    expectTrue(fieldOf(r.head, "vary") === "Accept-Encoding", r.head, VARY);
    expectBytes(r.body, CSS, NEGOTIATION, "body");
  });
});

describe("fetch (undici decodes for you)", () => {
  test("Content-Encoding says what was sent; the text is the file", async () => {
    const res = await fetch(`${server.url}/style.css`, { signal: AbortSignal.timeout(5000) });
    const coding = res.headers.get("content-encoding");
    const text = await res.text();
    expectTrue(
      coding === "br" || coding === "gzip",
      `fetch saw Content-Encoding ${coding}`,
      NEGOTIATION,
    );
    expectTrue(
      text === CSS,
      `fetch decoded ${text.length} chars, expected ${CSS.length}`,
      NEGOTIATION,
    );
    expectTrue(
      res.headers.get("vary") === "Accept-Encoding",
      `Vary ${res.headers.get("vary")}`,
      VARY,
    );
  });
});

describe("precompressed siblings", () => {
  test("Accept-Encoding: br gets app.js.br's bytes as they are on disk", async () => {
    const r = await send("GET", "/app.js", ["Accept-Encoding: br"]);
    expectTrue(fieldOf(r.head, "content-encoding") === "br", r.head, PRECOMPRESSED);
    const type = fieldOf(r.head, "content-type");
    expectTrue(type === contentTypeFor("app.js"), `the .br went out as ${type}`, PRECOMPRESSED);
    expectTrue(fieldOf(r.head, "content-length") === String(JS_BR.length), r.head, PRECOMPRESSED);
    expectTrue(fieldOf(r.head, "vary") === "Accept-Encoding", r.head, VARY);
    expectBytes(r.body, JS_BR, PRECOMPRESSED, "body (app.js.br on disk)");
  });

  test("gzip only: app.js.gz; identity: app.js", async () => {
    const gz = await send("GET", "/app.js", ["Accept-Encoding: gzip"]);
    expectBytes(gz.body, JS_GZ, PRECOMPRESSED, "body (app.js.gz on disk)");
    const plain = await send("GET", "/app.js", ["Accept-Encoding: identity"]);
    expectBytes(plain.body, JS, PRECOMPRESSED, "body (app.js)");
    const tags = new Set([gz.head, plain.head].map((h) => fieldOf(h, "etag")));
    expectTrue(tags.size === 2, "the .gz and the plain file share an ETag", ETAGS);
  });

  test("Range applies to the sibling's bytes (RFC 9110 §14: ranges of the selected representation)", async () => {
    const r = await send("GET", "/app.js", ["Accept-Encoding: br", "Range: bytes=0-9"]);
    expectTrue(r.head.startsWith("HTTP/1.1 206 "), r.head, PRECOMPRESSED);
    expectTrue(
      fieldOf(r.head, "content-range") === `bytes 0-9/${JS_BR.length}`,
      r.head,
      PRECOMPRESSED,
    );
    expectBytes(r.body, JS_BR.subarray(0, 10), PRECOMPRESSED, "the first 10 bytes of app.js.br");
  });

  test("HEAD of a precompressed file: the fields GET sends", async () => {
    const get = await send("GET", "/app.js", ["Accept-Encoding: br"]);
    const head = await send("HEAD", "/app.js", ["Accept-Encoding: br"]);
    expectTrue(
      comparable(get.head) === comparable(head.head),
      `GET:\n${get.head}\nHEAD:\n${head.head}`,
      PRECOMPRESSED,
    );
  });

  test("a sibling older than its original is stale: compressed on the fly instead", async () => {
    const r = await send("GET", "/stale.js", ["Accept-Encoding: gzip"]);
    expectTrue(fieldOf(r.head, "content-encoding") === "gzip", r.head, PRECOMPRESSED);
    expectBytes(zlib.gunzipSync(r.body), STALE_NEW, PRECOMPRESSED, "gunzip(body)");
  });
});

describe("over the wire", () => {
  test('ETag "…-gzip" then If-None-Match with it: 304 (RFC 9110 §13.1.2)', async () => {
    const first = await send("GET", "/style.css", ["Accept-Encoding: gzip"]);
    const tag = fieldOf(first.head, "etag") ?? "";
    const second = await send("GET", "/style.css", [
      "Accept-Encoding: gzip",
      `If-None-Match: ${tag}`,
    ]);
    expectTrue(tag.endsWith('-gzip"'), `ETag ${tag}`, ETAGS);
    expectTrue(second.head.startsWith("HTTP/1.1 304 "), `then:\n${second.head}`, ETAGS);
  });

  test("HEAD sends the fields GET sends", async () => {
    for (const ae of ["gzip", "br", "identity"]) {
      const get = await send("GET", "/style.css", [`Accept-Encoding: ${ae}`]);
      const head = await send("HEAD", "/style.css", [`Accept-Encoding: ${ae}`]);
      expectTrue(
        comparable(get.head) === comparable(head.head),
        `GET:\n${get.head}\nHEAD:\n${head.head}`,
        {
          rule: "RFC 9110 §9.3.2: the server SHOULD send the same header fields in response to HEAD as to GET",
          book: VARY.book,
        },
      );
      expectTrue(head.body.length === 0, `HEAD got ${head.body.length} body bytes`, VARY);
    }
  });

  test("identity refused and nothing else accepted: 406", async () => {
    const r = await send("GET", "/style.css", ["Accept-Encoding: identity;q=0"]);
    expectTrue(r.head.startsWith("HTTP/1.1 406 "), r.head, NEGOTIATION);
  });
});
