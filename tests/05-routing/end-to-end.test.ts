/**
 * The router over a real HTTP/1.1 connection, with real peers: curl,
 * node's fetch (undici) and raw bytes. Request bodies arrive with chapter
 * 04; until then body handling is tested with synthetic requests
 * (body-readers.test.ts), and here only bodiless requests are sent.
 */
import { spawn, spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, test } from "vitest";
import { exchange } from "#testing/raw-client.ts";
import { expectBytes, expectTrue } from "#testing/wire.ts";
import { type AssembledServer, startAssembled } from "./assembled-server.ts";

const BOOK = "chapters/05-routing.md";
const hasCurl = !spawnSync("curl", ["--version"], { timeout: 5000 }).error;
const CURL_MISSING = " — SKIPPED: curl not installed (apt-get install curl)";

let server: AssembledServer;
beforeAll(async () => {
  server = await startAssembled();
});
afterAll(() => server?.close());

const url = (path: string): string => `http://127.0.0.1:${server.port}${path}`;

/** Everything up to the end of the head, with the Date value blanked. */
function headOf(received: Buffer): string {
  const text = received.toString("latin1");
  const end = text.indexOf("\r\n\r\n");
  return text.slice(0, end === -1 ? text.length : end + 4).replace(/^date: .*$/im, "date: *");
}

const headDone = (b: Buffer): boolean => b.includes("\r\n\r\n");

describe("raw bytes through the assembled server", () => {
  test("GET /hello is still the benchmark response", async () => {
    const sent = "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n";
    const { received } = await exchange(server.port, sent, {
      until: (b) => b.toString("latin1").endsWith("hello world"),
    });
    expectBytes(
      received.toString("latin1").replace(/date: .*\r\n/, "date: *\r\n"),
      "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ndate: *\r\ncontent-length: 11\r\n\r\nhello world",
      { sent, book: `${BOOK}#plugins`, curl: `curl -si ${url("/hello")}` },
    );
  });

  test("HEAD on a GET route: same head, no body (RFC 9110 §9.3.2)", async () => {
    const sent = "HEAD /api/time HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n";
    const { received } = await exchange(server.port, sent, {
      until: (b) => b.toString("latin1").endsWith("hello world"),
    });
    const text = received.toString("latin1");
    expectTrue(
      /^HTTP\/1\.1 200 OK\r\ncontent-type: application\/json\r\n.*content-length: \d+\r\n\r\nHTTP\/1\.1 200/s.test(
        text,
      ),
      "expected HEAD's head with a Content-Length, then the next response at once",
      {
        sent,
        rule: "RFC 9110 §9.3.2: HEAD is GET without content",
        book: `${BOOK}#head-and-options`,
      },
    );
  });

  test("a path with an encoded dot-segment is a 400 over the wire too", async () => {
    const sent = "GET /echo/%2e%2e/secret HTTP/1.1\r\nHost: t\r\n\r\n";
    const { received } = await exchange(server.port, sent, { until: headDone });
    expectBytes(headOf(received).split("\r\n")[0] ?? "", "HTTP/1.1 400 Bad Request", {
      sent,
      rule: "dot-segments are refused before any handler sees the path",
      book: `${BOOK}#from-target-to-segments`,
    });
  });
});

describe("fetch (undici)", () => {
  test("GET /api/time answers JSON", async () => {
    const response = await fetch(url("/api/time"), { signal: AbortSignal.timeout(5000) });
    const body = (await response.json()) as { now?: unknown };
    expectTrue(
      response.status === 200 &&
        typeof body.now === "string" &&
        !Number.isNaN(Date.parse(body.now)),
      `got ${response.status} ${JSON.stringify(body)}`,
      { book: `${BOOK}#plugins`, curl: `curl -s ${url("/api/time")}` },
    );
  });

  test("PUT on a GET-only route is a 405 with Allow", async () => {
    const response = await fetch(url("/api/time"), {
      method: "PUT",
      signal: AbortSignal.timeout(5000),
    });
    await response.arrayBuffer();
    expectBytes(`${response.status} ${response.headers.get("allow")}`, "405 GET, HEAD, OPTIONS", {
      rule: "RFC 9110 §15.5.6: a 405 MUST carry Allow",
      book: `${BOOK}#404-or-405`,
    });
  });

  test("an error asked for as JSON comes back as JSON", async () => {
    const response = await fetch(url("/api/time"), {
      method: "DELETE",
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as { error?: { code?: string } };
    expectBytes(body.error?.code ?? "<none>", "METHOD_NOT_ALLOWED", {
      book: `${BOOK}#errors-and-error-ids`,
    });
  });
});

describe("curl", () => {
  /** Run curl without blocking the loop: the server lives in this process. */
  const curl = (args: readonly string[]): Promise<string> =>
    new Promise((resolve, reject) => {
      const child = spawn("curl", ["-s", "--max-time", "5", ...args]);
      const out: Buffer[] = [];
      const timer = setTimeout(() => child.kill("SIGKILL"), 8000);
      child.stdout.on("data", (d: Buffer) => out.push(d));
      child.on("error", reject);
      child.on("close", () => {
        clearTimeout(timer);
        resolve(Buffer.concat(out).toString("utf8"));
      });
    });

  test.skipIf(!hasCurl)(`OPTIONS lists the methods${hasCurl ? "" : CURL_MISSING}`, async () => {
    const head = await curl(["-i", "-X", "OPTIONS", url("/echo/anything")]);
    expectTrue(
      /^HTTP\/1\.1 204 No Content\r\n/.test(head) &&
        /\r\nallow: DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT\r\n/.test(head),
      head,
      {
        rule: "RFC 9110 §9.3.7: OPTIONS answers what the resource supports",
        book: `${BOOK}#head-and-options`,
        curl: `curl -si -X OPTIONS ${url("/echo/anything")}`,
      },
    );
  });

  test.skipIf(!hasCurl)(
    `the echo shows decoded params and query${hasCurl ? "" : CURL_MISSING}`,
    async () => {
      const out = await curl([url("/echo/caf%C3%A9/a%20b?tag=x&tag=y")]);
      const echoed = JSON.parse(out) as { params: Record<string, string>; path: string };
      expectBytes(
        JSON.stringify([echoed.path, echoed.params]),
        JSON.stringify(["/echo/café/a b", { "*": "café/a b" }]),
        {
          rule: "split, then decode each segment (RFC 3986 §2.1)",
          book: `${BOOK}#from-target-to-segments`,
        },
      );
    },
  );

  test.skipIf(!hasCurl)(
    `a path no route claims falls through to the previous handler${hasCurl ? "" : CURL_MISSING}`,
    async () => {
      const status = await curl(["-o", "/dev/null", "-w", "%{http_code}", url("/no/such/route")]);
      expectBytes(status, "404", { book: `${BOOK}#plugins` });
    },
  );
});
