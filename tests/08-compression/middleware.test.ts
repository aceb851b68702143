import zlib from "node:zlib";
import { describe, test } from "vitest";
import type { HttpResponse } from "#ch03/message.ts";
import { caching } from "#ch07/caching.ts";
import { compression } from "#ch08/compression.ts";
import { expectBytes, expectTrue } from "#testing/wire.ts";
import { bytesOf, demoApp, field, GUIDE, PNG, request, SMALL } from "./fixtures.ts";
import { ETAGS, NEGOTIATION, VARY, WHAT_NOT } from "./lessons.ts";

const AE = "accept-encoding";
const compressed = () => compression()(demoApp());

/** Headers without Date, as one comparable string. */
const headersOf = (r: HttpResponse): string => JSON.stringify(r.headers ?? []);

describe("compressing a response", () => {
  test("gzip: encoded body, Content-Encoding, no Content-Length, suffixed ETag, Vary", async () => {
    const res = await compressed()(request("GET /guide.html", [AE, "gzip"]));
    expectTrue(field(res, "content-encoding") === "gzip", `got ${headersOf(res)}`, NEGOTIATION);
    expectTrue(
      field(res, "content-length") === undefined,
      "Content-Length of the identity bytes survived",
      ETAGS,
    );
    expectTrue(field(res, "etag") === '"g1-gzip"', `ETag ${field(res, "etag")}`, ETAGS);
    expectTrue(field(res, "vary") === "Accept-Encoding", `Vary ${field(res, "vary")}`, VARY);
    expectBytes(zlib.gunzipSync(await bytesOf(res)), GUIDE, NEGOTIATION, "gunzip(body)");
  });

  test("br when the client accepts both equally", async () => {
    const res = await compressed()(request("GET /guide.html", [AE, "gzip, deflate, br"]));
    expectTrue(field(res, "content-encoding") === "br", `got ${headersOf(res)}`, NEGOTIATION);
    expectBytes(zlib.brotliDecompressSync(await bytesOf(res)), GUIDE, NEGOTIATION, "brotli(body)");
  });

  test("the operator's coding list is respected", async () => {
    const only = compression({ codings: ["deflate"] })(demoApp());
    const res = await only(request("GET /guide.html", [AE, "br, gzip, deflate"]));
    expectTrue(field(res, "content-encoding") === "deflate", `got ${headersOf(res)}`, NEGOTIATION);
    expectBytes(zlib.inflateSync(await bytesOf(res)), GUIDE, NEGOTIATION, "inflate(body)");
  });

  test("levels are configurable: gzip level 1 is bigger than level 9 on the same page", async () => {
    const sizeAt = async (level: number) => {
      const handler = compression({ levels: { gzip: level } })(demoApp());
      return (await bytesOf(await handler(request("GET /guide.html", [AE, "gzip"])))).length;
    };
    const [fast, small] = [await sizeAt(1), await sizeAt(9)];
    expectTrue(fast > small, `level 1: ${fast} bytes, level 9: ${small} bytes`, NEGOTIATION);
  });
});

describe("Vary: Accept-Encoding on every response that could be compressed", () => {
  const table: readonly (readonly [string, string | undefined, string | undefined])[] = [
    ["/guide.html", undefined, "Accept-Encoding"],
    ["/guide.html", "identity", "Accept-Encoding"],
    ["/guide.html", "gzip", "Accept-Encoding"],
    ["/small.html", "gzip", "Accept-Encoding"],
    ["/small.html", undefined, "Accept-Encoding"],
    ["/logo.png", "gzip", undefined],
    ["/raw.txt", "gzip", undefined],
  ];
  test.each(table)("%s with Accept-Encoding %s: Vary %s", async (path, ae, vary) => {
    const headers: [string, string][] = ae === undefined ? [] : [[AE, ae]];
    const res = await compressed()(request(`GET ${path}`, ...headers));
    expectTrue(
      field(res, "vary") === vary,
      `Vary was ${field(res, "vary")}: ${headersOf(res)}`,
      VARY,
    );
  });
});

describe("what is left alone", () => {
  test("images, no-transform and small bodies go out as the handler made them", async () => {
    for (const [path, body] of [
      ["/logo.png", PNG],
      ["/raw.txt", GUIDE],
      ["/small.html", SMALL],
    ] as const) {
      const res = await compressed()(request(`GET ${path}`, [AE, "gzip, br"]));
      expectTrue(field(res, "content-encoding") === undefined, `${path} was encoded`, WHAT_NOT);
      expectBytes(await bytesOf(res), body, WHAT_NOT, `${path} body`);
    }
  });

  test("204 and already-encoded responses pass through untouched", async () => {
    const answers: HttpResponse[] = [
      { status: 204, headers: [["content-type", "text/html"]] },
      {
        status: 200,
        headers: [
          ["content-type", "text/html"],
          ["content-encoding", "br"],
        ],
        body: GUIDE,
      },
    ];
    for (const answer of answers) {
      const res = await compression()(() => answer)(request("GET /x", [AE, "gzip"]));
      expectTrue(
        res === answer,
        `status ${answer.status} was changed: ${headersOf(res)}`,
        WHAT_NOT,
      );
    }
  });

  test("a 206 keeps its identity bytes and gains the Vary a 200 would carry", async () => {
    const answer: HttpResponse = {
      status: 206,
      headers: [
        ["content-type", "text/html"],
        ["content-range", "bytes 0-1/9"],
      ],
      body: "<p",
    };
    const res = await compression()(() => answer)(request("GET /x", [AE, "gzip"]));
    expectTrue(field(res, "content-encoding") === undefined, "the 206 was encoded", WHAT_NOT);
    expectBytes(await bytesOf(res), "<p", WHAT_NOT, "206 body");
    expectTrue(
      /accept-encoding/i.test(field(res, "vary") ?? ""),
      `206 without Vary: Accept-Encoding: ${headersOf(res)}`,
      {
        rule: "RFC 9110 §15.3.7: a 206 carries the Vary a 200 to the same request would",
        book: VARY.book,
      },
    );
  });
});

describe("HEAD (RFC 9110 §9.3.2): the same fields as GET, nothing compressed", () => {
  test.each(["gzip", "br", "identity", "gzip;q=0"])("Accept-Encoding: %s", async (ae) => {
    const handler = compressed();
    const get = await handler(request("GET /guide.html", [AE, ae]));
    const head = await handler(request("HEAD /guide.html", [AE, ae]));
    expectTrue(
      headersOf(get) === headersOf(head),
      `GET: ${headersOf(get)}\nHEAD: ${headersOf(head)}`,
      {
        rule: "RFC 9110 §9.3.2: the server SHOULD send the same header fields for HEAD as for GET",
        book: VARY.book,
      },
    );
    expectTrue(head.body === undefined, "HEAD got a body", WHAT_NOT);
  });
});

describe("406 and 400", () => {
  test("identity excluded and nothing we offer accepted: 406, listing what we have", async () => {
    const res = await compressed()(request("GET /guide.html", [AE, "zstd, identity;q=0"]));
    const body = (await bytesOf(res)).toString();
    expectTrue(
      res.status === 406 && body.includes("gzip"),
      `got ${res.status} ${body}`,
      NEGOTIATION,
    );
  });

  test("the same for an image goes out as identity: refusing it helps nobody", async () => {
    const res = await compressed()(request("GET /logo.png", [AE, "identity;q=0"]));
    expectTrue(res.status === 200, `got ${res.status}`, NEGOTIATION);
  });

  test("notAcceptable: 'identity' ignores the field instead", async () => {
    const lenient = compression({ notAcceptable: "identity" })(demoApp());
    const res = await lenient(request("GET /guide.html", [AE, "*;q=0"]));
    expectTrue(
      res.status === 200 && field(res, "content-encoding") === undefined,
      `got ${res.status}`,
      NEGOTIATION,
    );
  });

  test("a malformed Accept-Encoding is a 400 with the reason", async () => {
    const res = await compressed()(request("GET /guide.html", [AE, "gzip;q=2"]));
    const body = (await bytesOf(res)).toString();
    expectTrue(
      res.status === 400 && body.includes("qvalue"),
      `got ${res.status} ${body}`,
      NEGOTIATION,
    );
  });
});

describe("ETags and 304 (RFC 9110 §8.8.3, §13.1.2)", () => {
  const full = () => {
    const app = demoApp();
    return { app, handler: compression()(caching().middleware(app)) };
  };

  test('the tag of the gzip copy revalidates the gzip copy: 200 "g1-gzip", then 304', async () => {
    const { app, handler } = full();
    const first = await handler(request("GET /guide.html", [AE, "gzip"]));
    const tag = field(first, "etag") ?? "";
    const second = await handler(request("GET /guide.html", [AE, "gzip"], ["If-None-Match", tag]));
    expectTrue(
      tag === '"g1-gzip"' && second.status === 304,
      `first ETag ${tag}, then ${second.status}`,
      ETAGS,
    );
    expectTrue(
      field(second, "etag") === tag && field(second, "vary") === "Accept-Encoding",
      headersOf(second),
      ETAGS,
    );
    expectTrue(
      app.last?.headers.every(([n]) => n !== "if-none-match") === true,
      "the handler saw If-None-Match: it would compare it with its own tag and never match",
      ETAGS,
    );
  });

  test("the plain copy's tag does not revalidate the gzip copy: 200", async () => {
    const { handler } = full();
    const res = await handler(request("GET /guide.html", [AE, "gzip"], ["If-None-Match", '"g1"']));
    expectTrue(
      res.status === 200 && field(res, "etag") === '"g1-gzip"',
      `got ${res.status}`,
      ETAGS,
    );
  });

  test("a client without gzip revalidates with the plain tag: 304", async () => {
    const { handler } = full();
    const res = await handler(request("GET /guide.html", ["If-None-Match", '"g1"']));
    expectTrue(res.status === 304 && field(res, "etag") === '"g1"', `got ${res.status}`, ETAGS);
  });

  test("an image's tag is never suffixed, and still gives 304 to a gzip client", async () => {
    const { handler } = full();
    const res = await handler(request("GET /logo.png", [AE, "gzip"], ["If-None-Match", '"p1"']));
    expectTrue(res.status === 304, `got ${res.status}`, ETAGS);
  });

  test("If-Match on a write reaches the handler untouched", async () => {
    const app = demoApp();
    await compression()(app)(request("PUT /guide.html", ["If-Match", '"g1"']));
    expectTrue(
      app.last?.headers.some(([n]) => n === "if-match") === true,
      "If-Match was removed from a PUT",
      ETAGS,
    );
  });
});

describe("a constant response", () => {
  test("comes back as one frozen copy with Vary, the same object every time", () => {
    const hello: HttpResponse = Object.freeze({
      status: 200,
      headers: Object.freeze([Object.freeze(["content-type", "text/plain"] as const)]),
      body: "hello world",
    });
    const handler = compression()(() => hello);
    const first = handler(request("GET /hello"));
    const second = handler(request("GET /hello", [AE, "gzip"]));
    expectTrue(
      !(first instanceof Promise) && field(first, "vary") === "Accept-Encoding",
      `got ${first instanceof Promise ? "a promise" : headersOf(first)}`,
      VARY,
    );
    expectTrue(
      first === second && Object.isFrozen(first),
      "a new copy per request: chapter 03 could not reuse its encoded bytes",
      VARY,
    );
  });
});

describe("the answer kept for requests without Accept-Encoding", () => {
  const big = "hello world, ".repeat(200);
  const frozen = (body: string): HttpResponse =>
    Object.freeze({
      status: 200,
      headers: Object.freeze([Object.freeze(["content-type", "text/plain"] as const)]),
      body,
    });

  test("is remembered per response, and never answers a request that has the field", async () => {
    const small = frozen("hello world");
    const large = frozen(big);
    let next = small;
    const handler = compression()(() => next);
    const plain = handler(request("GET /hello"));
    expectTrue(
      !(plain instanceof Promise) && field(plain, "vary") === "Accept-Encoding",
      `got ${plain instanceof Promise ? "a promise" : headersOf(plain)}`,
      VARY,
    );
    // A client that refuses identity still gets 406 after the plain answer.
    const refused = await handler(request("GET /hello", [AE, "identity;q=0"]));
    expectTrue(refused.status === 406, `got ${refused.status}`, NEGOTIATION);
    expectTrue(handler(request("GET /hello")) === plain, "plain answer not reused", VARY);
    // Another response behind the same middleware gets its own answers.
    next = large;
    const identity = await handler(request("GET /big"));
    expectTrue(
      identity !== plain &&
        identity.body === big &&
        field(identity, "content-encoding") === undefined,
      `got ${headersOf(identity)}`,
      NEGOTIATION,
    );
    const gzipped = await handler(request("GET /big", [AE, "gzip"]));
    expectTrue(
      field(gzipped, "content-encoding") === "gzip",
      `got ${headersOf(gzipped)}`,
      NEGOTIATION,
    );
    expectBytes(
      zlib.gunzipSync(await bytesOf(gzipped)),
      Buffer.from(big),
      NEGOTIATION,
      "gunzip(body)",
    );
  });
});
