/**
 * Strict, but not to real clients: the heads curl, fetch (undici) and
 * node:http actually send, captured over loopback by a raw node:net
 * listener, must all parse, and their bodies must frame as sent.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, test } from "vitest";
import { bodyFraming } from "#ch02/body-framing.ts";
import { RequestHeadParser } from "#ch02/request-head-parser.ts";
import { expectTrue } from "#testing/wire.ts";

const BOOK = "chapters/02-request-parser.md#why-a-parser-must-be-strict";
const CURL = "/usr/bin/curl";
const HAS_CURL = existsSync(CURL);
const CURL_NOTE = HAS_CURL ? "" : " (SKIPPED: /usr/bin/curl is not installed)";
const WAIT_MS = 5000;

/** Heads captured, in arrival order; each connection answers 204 and closes. */
const captured: Buffer[] = [];
let server: net.Server;
let port = 0;

/** Collect until the end of the head, answer, close. Bounded by WAIT_MS. */
function onConnection(socket: net.Socket): void {
  const parts: Buffer[] = [];
  socket.setTimeout(WAIT_MS, () => socket.destroy());
  socket.on("error", () => socket.destroy());
  socket.on("data", (d: Buffer) => {
    parts.push(d);
    const all = Buffer.concat(parts);
    if (all.includes("\r\n\r\n")) {
      captured.push(all);
      socket.end("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
    }
  });
}

beforeAll(async () => {
  server = net.createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Run `send`, then parse the head it produced. */
async function captureAndParse(send: () => Promise<unknown>) {
  const before = captured.length;
  await send();
  const bytes = captured[before];
  expectTrue(bytes !== undefined, "the client's request never arrived", { book: BOOK });
  const result = new RequestHeadParser().push(bytes);
  expectTrue(
    result.kind === "done",
    `a real client's head was refused: ${JSON.stringify(result)}`,
    {
      rule: "strictness may refuse ambiguous heads, never a real client's",
      book: BOOK,
      sent: bytes,
    },
  );
  return { head: result.head, bytes };
}

const run = (file: string, args: readonly string[]): Promise<void> =>
  new Promise((resolve) => {
    execFile(file, args, { timeout: WAIT_MS }, () => resolve());
  });

describe("heads from real clients over loopback", () => {
  test.skipIf(!HAS_CURL)(`curl POST with a body${CURL_NOTE}`, async () => {
    const url = `http://127.0.0.1:${port}/curl?q=1`;
    const { head, bytes } = await captureAndParse(() => run(CURL, ["-s", "-d", "hello", url]));
    const framing = bodyFraming(head);
    expectTrue(
      head.method === "POST" && head.target === "/curl?q=1" && framing.kind === "length",
      `parsed ${head.method} ${head.target}, framing ${framing.kind}`,
      { book: BOOK, sent: bytes, curl: `curl -d hello ${url}` },
    );
  });

  test("fetch (undici) GET", async () => {
    const url = `http://127.0.0.1:${port}/fetch`;
    const { head, bytes } = await captureAndParse(() =>
      fetch(url, { signal: AbortSignal.timeout(WAIT_MS) }).catch(() => undefined),
    );
    const host = head.headers.find(([n]) => n === "host")?.[1];
    expectTrue(head.target === "/fetch" && host === `127.0.0.1:${port}`, `parsed ${head.target}`, {
      book: BOOK,
      sent: bytes,
    });
  });

  test("node:http streaming POST is chunked", async () => {
    const { head, bytes } = await captureAndParse(
      () =>
        new Promise<void>((resolve) => {
          const req = http.request({ port, host: "127.0.0.1", method: "POST", path: "/stream" });
          req.setTimeout(WAIT_MS, () => req.destroy());
          req.on("response", (res) => res.resume().on("end", resolve));
          req.on("error", () => resolve());
          req.write("part one");
          req.end();
        }),
    );
    expectTrue(bodyFraming(head).kind === "chunked", "expected chunked framing", {
      rule: "RFC 9112 §6.3 rule 4: final coding chunked",
      book: "chapters/02-request-parser.md#message-framing",
      sent: bytes,
    });
  });
});
