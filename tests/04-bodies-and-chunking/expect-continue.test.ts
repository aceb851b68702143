/**
 * Expect: 100-continue over a real connection (RFC 9110 §10.1.1): the
 * interim 100 goes out only when the handler starts reading the body; a
 * handler that answers first gets its answer sent with Connection: close
 * and no 100; any other expectation is 417. Then curl, which sends the
 * expectation itself and prints the interim response with -v.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { exchange } from "#testing/raw-client.ts";
import { expectTrue } from "#testing/wire.ts";
import { closeAll, echoBody, ignoreBody, startServer, statuses } from "./server.ts";

afterEach(closeAll);

const BOOK = "chapters/04-bodies-and-chunking.md#expect-100-continue";
const RULE =
  "RFC 9110 §10.1.1: send 100 Continue when the content is wanted; a final status instead means it is not";
const HEAD = "POST /up HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n";

/** Sends the head, waits for the first response bytes (bounded), then maybe the body. */
function headThenBody(
  port: number,
  sendBody: boolean,
): Promise<{ first: string; all: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let all = "";
    let first = "";
    const timer = setTimeout(() => done(), 3000);
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ first, all, closed });
    };
    let closed = false;
    socket.on("connect", () => socket.write(HEAD));
    socket.on("data", (d: Buffer) => {
      all += d.toString("latin1");
      if (first === "") {
        first = all;
        if (sendBody && first.startsWith("HTTP/1.1 100 ")) socket.write("hello");
      }
      if (/\r\n\r\n[\s\S]*HTTP\/1\.1 200 [\s\S]*\r\n\r\nhello$/.test(all)) done();
    });
    socket.on("close", () => {
      closed = true;
      done();
    });
    socket.on("error", reject);
  });
}

describe("100 Continue is lazy", () => {
  test("the handler reads the body: 100 first, then the client's body, then 200", async () => {
    const server = await startServer(echoBody);
    const r = await headThenBody(server.port, true);
    expectTrue(
      r.first.startsWith("HTTP/1.1 100 Continue\r\n\r\n"),
      `expected 100 Continue first; got ${JSON.stringify(r.all)}`,
      {
        rule: RULE,
        book: BOOK,
        sent: HEAD,
      },
    );
    expect(r.all).toMatch(/HTTP\/1\.1 200 OK[\s\S]*\r\n\r\nhello$/);
  });

  test("the handler answers without reading: no 100, and Connection: close", async () => {
    const server = await startServer(ignoreBody);
    const r = await headThenBody(server.port, false);
    expectTrue(
      r.all.startsWith("HTTP/1.1 200 OK\r\n") &&
        r.all.includes("connection: close\r\n") &&
        r.closed,
      `expected a final 200 with connection: close, and no 100; got ${JSON.stringify(r.all)}`,
      { rule: RULE, book: `chapters/04-bodies-and-chunking.md#the-body-nobody-reads`, sent: HEAD },
    );
    expect(r.all).not.toContain("100 Continue");
  });

  test("pipelined behind a GET: the 100 never overtakes the GET's response", async () => {
    // The GET is answered at once; the POST's handler reads its body at once.
    const server = await startServer((request) =>
      request.method === "GET" ? ignoreBody(request) : echoBody(request),
    );
    const first = "GET /first HTTP/1.1\r\nHost: test\r\n\r\n";
    const r = await exchange(server.port, [first + HEAD, "hello"], {
      gapMs: 100,
      until: (b) => b.toString("latin1").endsWith("hello"),
      timeoutMs: 3000,
    });
    const codes = statuses(r.received).join(",");
    expectTrue(
      codes === "200,100,200" || codes === "200,200",
      `expected 200 (GET), then the 100 if any, then 200 (POST); got ${JSON.stringify(r.received.toString("latin1"))}`,
      {
        rule: "RFC 9112 §9.3.2: responses, interim ones included, leave in request order",
        book: BOOK,
      },
    );
  });

  test("any other expectation: 417 Expectation Failed, handler not called", async () => {
    const server = await startServer(echoBody);
    const sent =
      "POST /up HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nExpect: 200-ok\r\n\r\nhello";
    const r = await exchange(server.port, sent, { timeoutMs: 3000 });
    expectTrue(
      statuses(r.received)[0] === 417,
      `expected 417; got ${r.received.toString("latin1")}`,
      {
        rule: "RFC 9110 §10.1.1: a server MAY answer an expectation it cannot meet with 417",
        book: BOOK,
        sent,
      },
    );
    expect(server.seen).toEqual([]);
  });

  test("HTTP/1.0: the expectation is ignored, no 100", async () => {
    const server = await startServer(echoBody);
    const sent = "POST /up HTTP/1.0\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello";
    const r = await exchange(server.port, sent, { timeoutMs: 3000 });
    const text = r.received.toString("latin1");
    expect(text).not.toContain("100 Continue");
    expect(text).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*\r\n\r\nhello$/);
  });
});

const CURL = "/usr/bin/curl";
describe.skipIf(!existsSync(CURL))("curl (SKIPPED: /usr/bin/curl not installed)", () => {
  test("curl -v -H 'Expect: 100-continue' --data-binary @file shows HTTP/1.1 100 Continue", async () => {
    const server = await startServer(echoBody);
    const file = join(mkdtempSync(join(tmpdir(), "ch04-")), "upload.txt");
    writeFileSync(file, "x".repeat(50_000));
    const url = `http://127.0.0.1:${server.port}/up`;
    const { stdout, stderr } = await promisify(execFile)(
      CURL,
      ["-sSv", "--max-time", "5", "-H", "Expect: 100-continue", "--data-binary", `@${file}`, url],
      { timeout: 8000 },
    );
    expectTrue(
      /< HTTP\/1\.1 100 Continue/.test(stderr),
      `curl -v did not show the 100:\n${stderr}`,
      {
        rule: RULE,
        book: BOOK,
        curl: `curl -v -H 'Expect: 100-continue' --data-binary @${file} ${url}`,
      },
    );
    expect(stdout.length).toBe(50_000);
  });
});
