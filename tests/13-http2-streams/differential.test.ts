/**
 * One handler API, two protocols: the same requests over HTTP/1.1 and
 * over HTTP/2 (h2c, same server, same port) get the same answers: status,
 * body bytes and every end-to-end field. Only what belongs to a hop or a
 * moment is left out: date, age, and HTTP/1.1's connection-level fields
 * (RFC 9113 §8.2.2), plus content-length, which HTTP/2 may omit when
 * DATA frames delimit the body.
 */
import http from "node:http";
import http2 from "node:http2";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { COUNTER_PATH, type H2Server, startH2Server } from "./server.ts";

const HOP_OR_MOMENT = new Set([
  "date",
  "age",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
]);

interface Answer {
  readonly status: number;
  readonly fields: Record<string, string>;
  readonly body: Buffer;
}

interface Ask {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

let server: H2Server;
let session: http2.ClientHttp2Session;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  server = await startH2Server();
  session = http2.connect(server.url);
});
afterAll(async () => {
  agent.destroy();
  await new Promise<void>((r) => session.close(() => r()));
  await server?.close();
});

function endToEnd(
  headers: http.IncomingHttpHeaders | http2.IncomingHttpHeaders,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(":") || HOP_OR_MOMENT.has(name) || value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : String(value);
    // A cache hit's remaining freshness depends on the second it was asked in.
    out[name] = name === "cache-status" ? text.replace(/; ttl=\d+/, "") : text;
  }
  return out;
}

function overH1(ask: Ask): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: server.port,
        agent,
        method: ask.method ?? "GET",
        path: ask.path,
        headers: ask.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            fields: endToEnd(res.headers),
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(ask.body);
  });
}

function overH2(ask: Ask): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      ":method": ask.method ?? "GET",
      ":path": ask.path,
      ...ask.headers,
    });
    let head: http2.IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    stream.on("response", (h) => {
      head = h;
    });
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () =>
      resolve({
        status: Number(head[":status"]),
        fields: endToEnd(head),
        body: Buffer.concat(chunks),
      }),
    );
    stream.on("error", reject);
    stream.end(ask.body);
  });
}

async function same(ask: Ask): Promise<Answer> {
  const one = await overH1(ask);
  const two = await overH2(ask);
  expect(two.status).toBe(one.status);
  expect(two.fields).toEqual(one.fields);
  expect(two.body.equals(one.body)).toBe(true);
  return two;
}

describe("HTTP/1.1 and HTTP/2 give the same answers", () => {
  test("a static file", async () => {
    const a = await same({ path: "/" });
    expect(a.status).toBe(200);
    expect(a.fields["content-type"]).toMatch(/^text\/html/);
  });

  test("a range request (206, content-range)", async () => {
    const a = await same({ path: "/big.bin", headers: { range: "bytes=100-299" } });
    expect(a.status).toBe(206);
    expect(a.body.length).toBe(200);
  });

  test("a conditional request (304 on the ETag)", async () => {
    const first = await same({ path: "/style.css" });
    const etag = first.fields.etag;
    expect(etag).toBeTruthy();
    const a = await same({ path: "/style.css", headers: { "if-none-match": etag as string } });
    expect(a.status).toBe(304);
    expect(a.body.length).toBe(0);
  });

  for (const coding of ["br", "gzip"]) {
    test(`a compressed response (accept-encoding: ${coding})`, async () => {
      const a = await same({ path: "/style.css", headers: { "accept-encoding": coding } });
      expect(a.fields["content-encoding"]).toBe(coding);
      expect(a.fields.vary).toMatch(/accept-encoding/i);
    });
  }

  test("a 404", async () => {
    const a = await same({ path: "/no/such/file" });
    expect(a.status).toBe(404);
  });

  test("HEAD: same fields, no body on either", async () => {
    const a = await same({ method: "HEAD", path: "/style.css" });
    expect(a.status).toBe(200);
    expect(a.body.length).toBe(0);
  });

  test("a POST with a JSON body to a route that echoes it", async () => {
    const body = JSON.stringify({ greeting: "hello", n: [1, 2, 3] });
    const a = await same({
      method: "POST",
      path: "/api/echo-json",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(a.status).toBe(200);
    expect(JSON.parse(a.body.toString())).toEqual({ received: JSON.parse(body) });
  });

  test("a cached response: HTTP/2 hits what HTTP/1.1 stored (the handler ran once)", async () => {
    const stored = await overH1({ path: COUNTER_PATH });
    expect(JSON.parse(stored.body.toString())).toEqual({ served: 1 });
    const a = await same({ path: COUNTER_PATH });
    expect(JSON.parse(a.body.toString())).toEqual({ served: 1 });
    expect(a.fields["cache-status"]).toMatch(/; hit/);
  });
});
