import { describe, expect, test } from "vitest";
import type { HttpRequest, HttpResponse } from "#ch03/message.ts";
import { ResponseCache, type ResponseCacheOptions } from "#ch07/response-cache.ts";
import { expectBytes, expectTrue } from "#testing/wire.ts";
import { counting, field, manualClock, request, text } from "./requests.ts";

const LESSON = {
  rule: "RFC 9211 §2: Cache-Status says hit, or fwd=<why> with fwd-status, stored and ttl",
  book: "chapters/07-caching.md#cache-status",
  curl: "curl -si http://127.0.0.1:8080/api/time | grep -i cache-status",
};

function setup(make: (r: HttpRequest) => HttpResponse, options: ResponseCacheOptions = {}) {
  const clock = manualClock();
  const cache = new ResponseCache({ clock: clock.now, ...options });
  const origin = counting(make);
  const handler = cache.middleware(origin);
  return { clock, cache, origin, handler };
}

const fresh60 = (r: HttpRequest): HttpResponse => ({
  status: 200,
  headers: [
    ["content-type", "text/plain"],
    ["cache-control", "max-age=60"],
  ],
  body: `answer for ${r.target}`,
});

function expectStatus(res: HttpResponse, want: string): void {
  expectBytes(field(res, "cache-status") ?? "(none)", want, LESSON, "Cache-Status");
}

describe("ResponseCache: freshness and Cache-Status", () => {
  test("a miss is stored, then served from memory with Age", async () => {
    const { clock, origin, handler } = setup(fresh60);
    const first = await handler(request("GET /api/x"));
    expectStatus(first, "handshake; fwd=uri-miss; fwd-status=200; stored; ttl=60");
    expect(await text(first)).toBe("answer for /api/x");
    clock.advance(15);
    const second = await handler(request("GET /api/x"));
    expectStatus(second, "handshake; hit; ttl=45");
    expect(field(second, "age")).toBe("15");
    expect(await text(second)).toBe("answer for /api/x");
    expectTrue(
      origin.calls === 1,
      `the handler ran ${origin.calls} times; a hit must not call it`,
      LESSON,
    );
  });

  test("an entry past its lifetime is stale and forwarded (TTL, injected clock)", async () => {
    const { clock, origin, handler } = setup(fresh60);
    await handler(request("GET /api/x"));
    clock.advance(60);
    const res = await handler(request("GET /api/x"));
    expectStatus(res, "handshake; fwd=stale; fwd-status=200; stored; ttl=60");
    expect(origin.calls).toBe(2);
  });

  test("no explicit freshness: the default TTL applies to a 200", async () => {
    const plain = () => ({ status: 200, body: "x" });
    const { clock, origin, handler } = setup(plain, { defaultTtlSeconds: 10 });
    await handler(request("GET /a"));
    clock.advance(9);
    expectStatus(await handler(request("GET /a")), "handshake; hit; ttl=1");
    clock.advance(1);
    await handler(request("GET /a"));
    expect(origin.calls).toBe(2);
  });

  test("the query is part of the key", async () => {
    const { origin, handler } = setup(fresh60);
    await handler(request("GET /api/x?page=1"));
    const res = await handler(request("GET /api/x?page=2"));
    expect([await text(res), origin.calls]).toEqual(["answer for /api/x?page=2", 2]);
  });

  test("the Host is part of the key", async () => {
    const { origin, handler } = setup(fresh60);
    await handler(request("GET /a", ["Host", "one.test"]));
    await handler(request("GET /a", ["Host", "two.test"]));
    expect(origin.calls).toBe(2);
  });

  test("HEAD is answered from a stored GET, without a body", async () => {
    const { origin, handler } = setup(fresh60);
    await handler(request("GET /a"));
    const res = await handler(request("HEAD /a"));
    expect([res.status, res.body, origin.calls]).toEqual([200, undefined, 1]);
    expect(field(res, "content-length")).toBe(String("answer for /a".length));
    expectStatus(res, "handshake; hit; ttl=60");
  });
});

describe("ResponseCache: request directives (RFC 9111 §5.2.1)", () => {
  const rows = [
    ["no-cache", "Cache-Control: no-cache forces a trip to the origin"],
    ["max-age=0", "max-age=0 (a browser reload) is never a hit"],
    ["max-age=10", "max-age=10 refuses a 20-second-old response"],
    ["min-fresh=50", "min-fresh=50 refuses a response with 40 s left"],
  ] as const;
  for (const [directive, name] of rows)
    test(name, async () => {
      const { clock, origin, handler } = setup(fresh60);
      await handler(request("GET /a"));
      clock.advance(20);
      const res = await handler(request("GET /a", ["Cache-Control", directive]));
      expectStatus(res, "handshake; fwd=request; fwd-status=200; stored; ttl=60");
      expect(origin.calls).toBe(2);
    });

  test("only-if-cached on a miss → 504 (§5.2.1.7)", async () => {
    const { origin, handler } = setup(fresh60);
    const res = await handler(request("GET /a", ["Cache-Control", "only-if-cached"]));
    expect([res.status, origin.calls]).toEqual([504, 0]);
  });

  test("request no-store: served, but the response is not stored", async () => {
    const { origin, handler } = setup(fresh60);
    const res = await handler(request("GET /a", ["Cache-Control", "no-store"]));
    expectStatus(res, "handshake; fwd=uri-miss; fwd-status=200; detail=request-no-store");
    await handler(request("GET /a"));
    expect(origin.calls).toBe(2);
  });
});

describe("ResponseCache: what is not stored", () => {
  const rows = [
    ["private", "max-age=60, private"],
    ["no-store", "no-store"],
  ] as const;
  for (const [reason, cc] of rows)
    test(`Cache-Control: ${cc} → not stored (detail=${reason})`, async () => {
      const { origin, handler } = setup(() => ({
        status: 200,
        headers: [["cache-control", cc]],
        body: "me",
      }));
      expectStatus(
        await handler(request("GET /me")),
        `handshake; fwd=uri-miss; fwd-status=200; detail=${reason}`,
      );
      await handler(request("GET /me"));
      expect(origin.calls).toBe(2);
    });

  test("a request with Authorization is not served another user's answer", async () => {
    const { origin, handler } = setup(fresh60);
    await handler(request("GET /a", ["Authorization", "Bearer alice"]));
    await handler(request("GET /a", ["Authorization", "Bearer bob"]));
    expect(origin.calls).toBe(2);
  });

  test("POST is forwarded and marked fwd=method", async () => {
    const { handler } = setup(() => ({ status: 201 }));
    expectStatus(await handler(request("POST /a")), "handshake; fwd=method");
  });

  test("requests outside `applies` pass by untouched", async () => {
    const { origin, handler } = setup(fresh60, { applies: (r) => r.target.startsWith("/api/") });
    const res = await handler(request("GET /page"));
    await handler(request("GET /page"));
    expect([field(res, "cache-status"), origin.calls]).toEqual([undefined, 2]);
  });
});

describe("ResponseCache: Vary (RFC 9111 §4.1)", () => {
  const greet = (r: HttpRequest): HttpResponse => {
    const lang = r.headers.find(([n]) => n === "accept-language")?.[1] ?? "en";
    return {
      status: 200,
      headers: [
        ["cache-control", "max-age=60"],
        ["vary", "Accept-Language"],
      ],
      body: lang === "fr" ? "bonjour" : "hello",
    };
  };
  test("each language gets its own entry; a new language is a vary-miss", async () => {
    const { origin, handler } = setup(greet);
    const fr = await handler(request("GET /greet", ["Accept-Language", "fr"]));
    const en = await handler(request("GET /greet", ["Accept-Language", "en"]));
    expectStatus(en, "handshake; fwd=vary-miss; fwd-status=200; stored; ttl=60");
    const fr2 = await handler(request("GET /greet", ["Accept-Language", "fr"]));
    expect([await text(fr), await text(en), await text(fr2)]).toEqual([
      "bonjour",
      "hello",
      "bonjour",
    ]);
    expectStatus(fr2, "handshake; hit; ttl=60");
    expect(origin.calls).toBe(2);
  });
  test("Vary: * is never served from the cache", async () => {
    const { origin, handler } = setup(() => ({
      status: 200,
      headers: [
        ["vary", "*"],
        ["cache-control", "max-age=60"],
      ],
    }));
    await handler(request("GET /v"));
    const res = await handler(request("GET /v"));
    expectStatus(res, "handshake; fwd=uri-miss; fwd-status=200; detail=vary-star");
    expect(origin.calls).toBe(2);
  });
});

describe("ResponseCache: invalidation (RFC 9111 §4.4)", () => {
  test("a successful POST invalidates the target, every query and variant", async () => {
    const { cache, handler } = setup((r) => (r.method === "POST" ? { status: 204 } : fresh60(r)));
    await handler(request("GET /api/items"));
    await handler(request("GET /api/items?page=2"));
    await handler(request("POST /api/items"));
    expect(cache.stats.entries).toBe(0);
    expectStatus(
      await handler(request("GET /api/items")),
      "handshake; fwd=uri-miss; fwd-status=200; stored; ttl=60",
    );
  });
  test("Location and Content-Location of the same origin are invalidated too", async () => {
    const post = (): HttpResponse => ({
      status: 201,
      headers: [
        ["location", "/api/items/7"],
        ["content-location", "https://elsewhere.test/api/x"],
      ],
    });
    const { cache, handler } = setup((r) => (r.method === "POST" ? post() : fresh60(r)));
    await handler(request("GET /api/items/7"));
    await handler(request("GET /api/x"));
    await handler(request("POST /api/items"));
    expect(cache.stats.entries).toBe(1); // /api/x stays: another origin's URI
  });
  test("a failed DELETE invalidates nothing", async () => {
    const { cache, handler } = setup((r) => (r.method === "DELETE" ? { status: 500 } : fresh60(r)));
    await handler(request("GET /a"));
    await handler(request("DELETE /a"));
    expect(cache.stats.entries).toBe(1);
  });
});

describe("ResponseCache: bodies and budgets", () => {
  async function* chunks(n: number, size: number): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < n; i++) yield Buffer.alloc(size, 0x61 + (i % 26));
  }
  test("a streamed body within the limit is buffered, stored and replayed", async () => {
    const { origin, handler } = setup(() => ({
      status: 200,
      headers: [["cache-control", "max-age=60"]],
      body: chunks(4, 100),
    }));
    const first = await text(await handler(request("GET /s")));
    const second = await text(await handler(request("GET /s")));
    expect([first.length, second === first, origin.calls]).toEqual([400, true, 1]);
  });
  test("a streamed body over the per-entry limit passes through whole, uncached", async () => {
    const { origin, handler } = setup(
      () => ({ status: 200, headers: [["cache-control", "max-age=60"]], body: chunks(10, 1000) }),
      { maxEntryBytes: 2500 },
    );
    const res = await handler(request("GET /big"));
    expectStatus(res, "handshake; fwd=uri-miss; fwd-status=200; detail=too-large");
    const body = await text(res);
    const want = Buffer.concat(
      Array.from({ length: 10 }, (_, i) => Buffer.alloc(1000, 0x61 + i)),
    ).toString();
    expectTrue(
      body === want,
      `the passed-through body has ${body.length} bytes, expected 10000 intact`,
      {
        rule: "A body too large to cache must still reach the client whole: replay what was read, then stream the rest",
        book: "chapters/07-caching.md#an-lru-with-a-byte-budget",
      },
    );
    await handler(request("GET /big"));
    expect(origin.calls).toBe(2);
  });
  test("the byte budget evicts the least recently used responses", async () => {
    const big = (r: HttpRequest): HttpResponse => ({
      status: 200,
      headers: [["cache-control", "max-age=60"]],
      body: Buffer.alloc(1000, r.target.length),
    });
    const { cache, handler } = setup(big, { maxBytes: 3000 });
    for (const t of ["/1", "/2", "/3", "/4"]) await handler(request(`GET ${t}`));
    expect(cache.stats.entries).toBe(2);
    expect(cache.stats.evictions).toBe(2);
    expect(cache.stats.bytes).toBeLessThanOrEqual(3000);
    expectStatus(await handler(request("GET /4")), "handshake; hit; ttl=60");
    expectStatus(
      await handler(request("GET /1")),
      "handshake; fwd=uri-miss; fwd-status=200; stored; ttl=60",
    );
  });
  test("stats count hits and misses", async () => {
    const { cache, handler } = setup(fresh60);
    for (let i = 0; i < 3; i++) await handler(request("GET /a"));
    expect([cache.stats.hits, cache.stats.misses, cache.stats.stores]).toEqual([2, 1, 1]);
  });
  test("Cache-Status from a cache nearer the origin is kept, ours appended (RFC 9211 §2)", async () => {
    const upstream = () => ({
      status: 200,
      headers: [
        ["cache-status", "origin-cache; hit"],
        ["cache-control", "max-age=60"],
      ] as const,
    });
    const { handler } = setup(upstream);
    const res = await handler(request("GET /a"));
    expect(res.headers?.filter(([n]) => n === "cache-status").map(([, v]) => v)).toEqual([
      "origin-cache; hit",
      "handshake; fwd=uri-miss; fwd-status=200; stored; ttl=60",
    ]);
  });
});

describe("ResponseCache: Date and Age on hits", () => {
  test("a hit replays the Date of generation; Age counts from it", async () => {
    const { clock, handler } = setup(fresh60);
    const generated = new Date(clock.now()).toUTCString();
    await handler(request("GET /d"));
    clock.advance(7);
    const hit = await handler(request("GET /d"));
    expect([field(hit, "date"), field(hit, "age")]).toEqual([generated, "7"]);
  });
});

describe("ResponseCache: request collapsing (RFC 9111 §4, RFC 9211 collapsed)", () => {
  const COLLAPSE = {
    rule: "a cache may collapse identical requests into one forward request and reuse its answer",
    book: "chapters/07-caching.md#request-collapsing",
  };

  /** A handler that answers only when the test opens its gate. */
  function gated(make: (r: HttpRequest) => HttpResponse) {
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    let calls = 0;
    const handler = async (r: HttpRequest): Promise<HttpResponse> => {
      calls++;
      await gate;
      return make(r);
    };
    return { handler, open, calls: () => calls };
  }

  /** Sends `targets` at once through a cache over a gated handler, then opens the gate. */
  async function burst(
    make: (r: HttpRequest) => HttpResponse,
    targets: readonly string[],
    options: ResponseCacheOptions = {},
  ) {
    const origin = gated(make);
    const cache = new ResponseCache({ clock: manualClock().now, ...options });
    const handler = cache.middleware(origin.handler);
    const answers = targets.map((t) => handler(request(t)));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const callsWhileHeld = origin.calls();
    origin.open();
    const responses = await Promise.all(answers);
    return { cache, origin, callsWhileHeld, responses };
  }

  test("ten concurrent misses for one URL call the handler once and all get its answer", async () => {
    const { cache, origin, responses } = await burst(fresh60, Array(10).fill("GET /api/slow"));
    expectTrue(
      origin.calls() === 1,
      `the handler ran ${origin.calls()} times for 10 identical concurrent GETs; the nine that arrived while the first was with the handler should have waited for it`,
      COLLAPSE,
    );
    for (const r of responses) expect(await text(r)).toBe("answer for /api/slow");
    expectStatus(responses[0]!, "handshake; fwd=uri-miss; fwd-status=200; stored; ttl=60");
    expectStatus(responses[9]!, "handshake; fwd=uri-miss; ttl=60; collapsed");
    expect(cache.stats.collapsed).toBe(9);
  });

  test("an answer that cannot be stored sends each waiter forward itself, once", async () => {
    const noStore = (): HttpResponse => ({
      status: 200,
      headers: [["cache-control", "no-store"]],
      body: "private",
    });
    const { origin, responses } = await burst(noStore, Array(4).fill("GET /me"));
    expect(origin.calls()).toBe(4);
    expect(field(responses[3]!, "cache-status")).toContain("collapsed=?0");
    for (const r of responses) expect(await text(r)).toBe("private");
  });

  test("a handler that throws fails only its own request; the waiters go forward", async () => {
    let calls = 0;
    const cache = new ResponseCache({ clock: manualClock().now });
    const handler = cache.middleware(async (r) => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (calls === 1) throw new Error("origin down");
      return fresh60(r);
    });
    const [first, ...rest] = Array.from({ length: 3 }, () => handler(request("GET /flaky")));
    await expect(first).rejects.toThrow("origin down");
    const responses = await Promise.all(rest);
    for (const r of responses) expect(await text(r)).toBe("answer for /flaky");
  });

  test("different URLs, HEAD, no-cache requests and collapse: false are never held back", async () => {
    const mixed = await burst(fresh60, ["GET /a", "GET /b", "HEAD /a"]);
    expect(mixed.callsWhileHeld).toBe(3);
    const origin = gated(fresh60);
    const handler = new ResponseCache({ clock: manualClock().now }).middleware(origin.handler);
    const answers = [
      handler(request("GET /a")),
      handler(request("GET /a", ["Cache-Control", "no-cache"])),
    ];
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(origin.calls()).toBe(2);
    origin.open();
    await Promise.all(answers);
    const off = await burst(fresh60, ["GET /a", "GET /a"], { collapse: false });
    expect(off.callsWhileHeld).toBe(2);
  });
});
