/**
 * node:http2 as a client (nghttp2 underneath) against chapter 13's
 * server: 100 concurrent streams on one connection, a 1 MiB download
 * through flow control, an upload, request trailers, over h2c and TLS.
 */
import http2 from "node:http2";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BIG_NAME, bigBytes, type H2Server, startH2Server } from "../server.ts";

let server: H2Server;
beforeAll(async () => {
  server = await startH2Server();
});
afterAll(() => server?.close());

interface Got {
  readonly status: number;
  readonly headers: http2.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** One request on `session`; resolves with the whole response. */
function request(
  session: http2.ClientHttp2Session,
  headers: http2.OutgoingHttpHeaders,
  body?: Buffer,
  trailers?: http2.OutgoingHttpHeaders,
): Promise<Got> {
  return new Promise((resolve, reject) => {
    const stream = session.request(headers, trailers ? { waitForTrailers: true } : {});
    if (trailers) stream.on("wantTrailers", () => stream.sendTrailers(trailers));
    const chunks: Buffer[] = [];
    let got: http2.IncomingHttpHeaders = {};
    stream.on("response", (h) => {
      got = h;
    });
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () =>
      resolve({ status: Number(got[":status"]), headers: got, body: Buffer.concat(chunks) }),
    );
    stream.on("error", reject);
    stream.end(body);
  });
}

for (const [name, connect] of [
  ["h2c", () => http2.connect(server.url)],
  ["h2 over TLS", () => http2.connect(server.tlsUrl, { ca: server.ca })],
] as const) {
  describe(`node:http2 client, ${name}`, () => {
    let session: http2.ClientHttp2Session;
    beforeAll(() => {
      session = connect();
    });
    afterAll(() => new Promise<void>((r) => session.close(() => r())));

    test("100 concurrent streams on one connection all answer", async () => {
      const all = await Promise.all(
        Array.from({ length: 100 }, () => request(session, { ":path": "/hello" })),
      );
      for (const r of all) {
        expect(r.status).toBe(200);
        expect(r.body.toString()).toBe("hello world");
      }
    });

    test("a 1 MiB download passes flow control byte for byte", async () => {
      const r = await request(session, { ":path": `/${BIG_NAME}` });
      expect(r.status).toBe(200);
      expect(r.body.length).toBe(bigBytes().length);
      expect(r.body.equals(bigBytes())).toBe(true);
    });

    test("an upload of 500 KB is received whole (echo)", async () => {
      const body = Buffer.alloc(500_000, "z");
      const r = await request(session, { ":method": "POST", ":path": "/echo" }, body);
      expect(r.status).toBe(200);
      const echoed = JSON.parse(r.body.toString()) as { body: string; version: string };
      expect(echoed.body.length).toBe(body.length);
      expect(echoed.version).toBe("HTTP/2");
    });

    test("a request with trailers is answered", async () => {
      const r = await request(
        session,
        { ":method": "POST", ":path": "/echo", te: "trailers" },
        Buffer.from("with trailers"),
        { "x-checksum": "abc123" },
      );
      expect(r.status).toBe(200);
      expect((JSON.parse(r.body.toString()) as { body: string }).body).toBe("with trailers");
    });

    test("HEAD: headers only, no body", async () => {
      const r = await request(session, { ":method": "HEAD", ":path": "/hello" });
      expect(r.status).toBe(200);
      expect(r.body.length).toBe(0);
    });
  });
}
