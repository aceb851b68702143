/**
 * The answer memo (solutions/05-routing/answer-memo.ts): a constant
 * route's final answer is kept at the outermost layer, and only when
 * every layer declared what it reads. A declaration that is too small
 * would serve wrong answers silently, so the assembled server is asked
 * the same requests twice, memo off and memo on, and must answer each
 * byte for byte the same; and a layer that lies about what it reads is
 * caught by that same comparison.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { getHeader } from "#ch02/header-list.ts";
import type { Handler, HttpRequest, HttpResponse } from "#ch03/message.ts";
import {
  AnswerChain,
  answerMemo,
  constant,
  type Dependence,
  READS_NOTHING,
} from "#ch05/answer-memo.ts";
import { text } from "#ch05/response.ts";
import { Router } from "#ch05/router.ts";
import { bytesOf, request as synthetic } from "#testing/synthetic.ts";
import { assemble } from "../../src/assembly.ts";
import { servedHandler } from "../../src/stages/03-keep-alive.ts";
import type { ServerPlan, ServerSettings, Stage } from "../../src/stages/stage.ts";

const HELLO: HttpResponse = Object.freeze({
  status: 200,
  headers: Object.freeze([Object.freeze(["content-type", "text/plain"] as const)]),
  body: "hello",
});

/** A request as a connection would make it, with what the memo compares. */
interface Variant {
  readonly method: string;
  readonly target: string;
  readonly fields: readonly [string, string][];
  readonly version: string;
  readonly secure: boolean;
}

function requestOf(v: Variant): HttpRequest {
  const base = synthetic(`${v.method} ${v.target}`, ...v.fields);
  return {
    ...base,
    version: v.version,
    scheme: v.secure ? "https" : "http",
    connection: { ...base.connection, secure: v.secure },
  };
}

/** Everything a connection would write, but the Date it adds itself. */
async function rendered(answer: HttpResponse | Promise<HttpResponse>): Promise<string> {
  const response = await answer;
  const body = await bytesOf(response);
  const headers = (response.headers ?? []).map(([n, v]) => `${n}: ${v}`).join("\n");
  return `${response.status} ${response.reason ?? ""}\n${headers}\n\n${body.toString("hex")}`;
}

/** A deterministic choice (mulberry32), so a failure can be replayed. */
function random(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const METHODS = ["GET", "GET", "GET", "HEAD", "POST", "OPTIONS", "DELETE"];
const TARGETS = [
  "/hello",
  "/hello",
  "/hello?x=1",
  "/hello/",
  "/HELLO",
  "/%68ello",
  "/echo",
  "/",
  "/a.txt",
  "/big.txt",
  "/missing",
  "/api/echo-json",
  "http://localhost/hello",
  "*",
];
const HOSTS = ["localhost", "localhost", "127.0.0.1:8080", "evil.example", ""];
const EXTRA: readonly (readonly [string, string])[] = [
  ["accept-encoding", "gzip"],
  ["accept-encoding", "br, gzip"],
  ["accept-encoding", "identity;q=0"],
  ["accept-encoding", "gzip;q=x"],
  ["if-none-match", "*"],
  ["if-modified-since", "Thu, 01 Jan 2099 00:00:00 GMT"],
  ["if-match", '"nope"'],
  ["range", "bytes=0-1"],
  ["origin", "http://elsewhere.example"],
  ["access-control-request-method", "PUT"],
  ["cache-control", "no-cache"],
  ["x-anything", "1"],
  ["accept", "*/*"],
];

/** `count` requests, many alike (so the memo keeps and hits), some not. */
function variants(count: number, seed: number): Variant[] {
  const pick = random(seed);
  const out: Variant[] = [];
  for (let i = 0; i < count; i++) {
    const previous = out.at(-1);
    if (previous !== undefined && pick(3) === 0) {
      out.push(previous); // the same request again: the memo's case
      continue;
    }
    const host = HOSTS[pick(HOSTS.length)] as string;
    const fields: [string, string][] = host === "" ? [] : [["host", host]];
    for (let n = pick(3); n > 0; n--) {
      const [name, value] = EXTRA[pick(EXTRA.length)] as readonly [string, string];
      fields.push([name, value]);
    }
    if (pick(2) === 0) fields.reverse();
    out.push({
      method: METHODS[pick(METHODS.length)] as string,
      target: TARGETS[pick(TARGETS.length)] as string,
      fields,
      version: pick(5) === 0 ? "HTTP/1.0" : "HTTP/1.1",
      secure: pick(4) === 0,
    });
  }
  return out;
}

/** The first request answered differently by `a` and `b`, if any. */
async function firstDifference(
  a: Handler,
  b: Handler,
  requests: readonly Variant[],
): Promise<string | undefined> {
  for (const [i, v] of requests.entries()) {
    const [left, right] = [await rendered(a(requestOf(v))), await rendered(b(requestOf(v)))];
    if (left !== right) return `#${i} ${JSON.stringify(v)}\n--- off\n${left}\n--- on\n${right}`;
  }
  return undefined;
}

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A static root with a small file, one worth compressing, and an index. */
function site(): string {
  const root = mkdtempSync(path.join(tmpdir(), "answer-memo-"));
  roots.push(root);
  mkdirSync(path.join(root, "sub"));
  writeFileSync(path.join(root, "index.html"), "<!doctype html><title>i</title>\n");
  writeFileSync(path.join(root, "a.txt"), "a\n");
  writeFileSync(path.join(root, "big.txt"), "compress me ".repeat(400));
  return root;
}

function settings(hardening: ServerSettings["hardening"] = {}): ServerSettings {
  return {
    host: "127.0.0.1",
    port: 0,
    root: process.cwd(),
    staticRoot: site(),
    hardening: { allowedHosts: ["localhost", "127.0.0.1"], ...hardening },
  };
}

/** Two servers from the same settings: the chain as is, and as served. */
function pair(
  make: ServerSettings,
  extra: readonly Stage[] = [],
): { off: Handler; on: Handler; plan: ServerPlan } {
  const build = () => {
    const { plan } = assemble(make);
    return extra.reduce((p, stage) => stage.apply(p), plan);
  };
  const offPlan = build();
  const plan = build();
  const off = offPlan.extensions.handler;
  if (off === undefined) throw new Error("no handler");
  return { off, on: servedHandler(plan), plan };
}

describe("the assembled server answers the same with the memo on and off", () => {
  test("as shipped: every chapter declares, and the memo is on", async () => {
    const { on, plan } = pair(settings());
    const { answers, handler } = plan.extensions;
    // Chapter 06's fallback, chapter 07's caching with 08's compression
    // beneath it, and chapter 10's defences.
    expect(handler && answers?.layers(handler)?.length).toBe(3);
    expect(on).not.toBe(handler);
  });

  for (const [name, hardening] of [
    ["as shipped", {}],
    ["with CORS", { cors: { origins: ["http://elsewhere.example"] } }],
    // A stopped clock: the two servers' buckets must not refill apart.
    ["with the rate limit", { rateLimit: { now: () => 0 } }],
  ] as const) {
    test(`${name}: 3,000 requests, byte for byte`, async () => {
      const { off, on } = pair(settings(hardening));
      expect(await firstDifference(off, on, variants(3000, 11))).toBeUndefined();
    });
  }

  test("a kept answer is the very object the chain gave, and the chain is not asked again", async () => {
    const calls: string[] = [];
    const counting: Stage = {
      chapter: 99,
      slug: "counting",
      apply: (plan) => {
        const inner = plan.extensions.handler as Handler;
        const outer: Handler = (request) => {
          calls.push(request.target);
          return inner(request);
        };
        plan.extensions.answers?.wrap(inner, outer, READS_NOTHING);
        return { ...plan, extensions: { ...plan.extensions, handler: outer } };
      },
    };
    const { on } = pair(settings(), [counting]);
    const hello = { method: "GET", target: "/hello", version: "HTTP/1.1", secure: false };
    const first = await on(requestOf({ ...hello, fields: [["host", "localhost"]] }));
    const again = await on(requestOf({ ...hello, fields: [["host", "localhost"]] }));
    const gzip = await on(
      requestOf({
        ...hello,
        fields: [
          ["host", "localhost"],
          ["accept-encoding", "gzip"],
        ],
      }),
    );
    expect(again).toBe(first);
    expect(getHeader(gzip.headers ?? [], "vary")).toBe("Accept-Encoding");
    expect(calls).toEqual(["/hello", "/hello"]);
  });

  test("a layer that reads a field it did not declare is caught by the comparison", async () => {
    // The test's own method must be able to fail: a layer that answers by
    // a field it keeps quiet about makes the memo serve a stale answer.
    const liar: Stage = {
      chapter: 99,
      slug: "liar",
      apply: (plan) => {
        const inner = plan.extensions.handler as Handler;
        const flagged = Object.freeze({ ...HELLO, body: "flagged" });
        const outer: Handler = (request) =>
          getHeader(request.headers, "x-anything") === undefined ? inner(request) : flagged;
        plan.extensions.answers?.wrap(inner, outer, READS_NOTHING);
        return { ...plan, extensions: { ...plan.extensions, handler: outer } };
      },
    };
    const { off, on } = pair(settings(), [liar]);
    // The memo kept the flagged answer and served it to a request without
    // the field ("flagged" in hex), or the other way round.
    expect(await firstDifference(off, on, variants(3000, 11))).toMatch(
      /--- on\n[\s\S]*(666c6167676564|68656c6c6f)$/,
    );
  });

  test("a layer that wraps without declaring turns the memo off", () => {
    const silent: Stage = {
      chapter: 99,
      slug: "silent",
      apply: (plan) => {
        const inner = plan.extensions.handler as Handler;
        return { ...plan, extensions: { ...plan.extensions, handler: (r) => inner(r) } };
      },
    };
    const { on, plan } = pair(settings(), [silent]);
    expect(plan.extensions.answers?.layers(plan.extensions.handler as Handler)).toBeUndefined();
    expect(on).toBe(plan.extensions.handler);
  });
});

describe("answerMemo", () => {
  const get = (fields: [string, string][] = []) =>
    requestOf({ method: "GET", target: "/c", fields, version: "HTTP/1.1", secure: false });

  function routerWith(handler = constant(HELLO)): Router {
    const router = new Router();
    router.get("/c", handler);
    return router;
  }

  test("constant() takes only a deeply frozen response", () => {
    expect(() => constant({ status: 200, body: "x" })).toThrow(TypeError);
    expect(() => constant(HELLO)).not.toThrow();
  });

  test("only a constant route's answer is kept", () => {
    let n = 0;
    const router = routerWith(() => HELLO);
    const counted: Handler = (r) => {
      n++;
      return router.handle(r);
    };
    const memo = answerMemo(counted, router, []);
    memo(get());
    memo(get());
    expect(n).toBe(2);
  });

  test("a declared field, present, is never answered from memory", () => {
    let n = 0;
    const router = routerWith();
    const counted: Handler = (r) => {
      n++;
      return router.handle(r);
    };
    const memo = answerMemo(counted, router, [{ fields: ["x-a"] }]);
    memo(get());
    memo(get([["x-a", "1"]]));
    memo(get([["x-a", "1"]]));
    memo(get());
    expect(n).toBe(3);
  });

  test("a layer that varies keeps nothing, and `varies` sees the route's answer", () => {
    let n = 0;
    const seen: HttpResponse[] = [];
    const router = routerWith();
    const varies: Dependence = {
      fields: [],
      varies: (_request, route) => {
        seen.push(route);
        return true;
      },
    };
    const memo = answerMemo(
      (r) => {
        n++;
        return router.handle(r);
      },
      router,
      [varies],
    );
    memo(get());
    memo(get());
    expect([n, seen[0]]).toEqual([2, HELLO]);
  });

  test("middleware added to the router later is not hidden by a kept answer", async () => {
    const router = routerWith();
    const memo = answerMemo(router.handle, router, []);
    expect(await memo(get())).toBe(HELLO);
    router.use((next) => async (r) => text(`wrapped ${(await bytesOf(await next(r))).toString()}`));
    expect((await bytesOf(await memo(get()))).toString()).toBe("wrapped hello");
  });

  test("a HEAD route added later is not hidden by GET's kept answer", async () => {
    const router = routerWith();
    const memo = answerMemo(router.handle, router, []);
    const head = () =>
      requestOf({ method: "HEAD", target: "/c", fields: [], version: "HTTP/1.1", secure: false });
    expect(await memo(head())).toBe(HELLO);
    const other = Object.freeze({ status: 204 });
    router.on("HEAD", "/c", constant(other));
    expect(await memo(head())).toBe(other);
  });

  test("AnswerChain: the walk must reach the router through declared layers", () => {
    const router = routerWith();
    const chain = new AnswerChain(router.handle, router);
    const a: Handler = (r) => router.handle(r);
    const b: Handler = (r) => a(r);
    chain.wrap(router.handle, a, { fields: ["x-a"] });
    expect(chain.serve(b)).toBe(b);
    chain.wrap(a, b, () => undefined);
    expect(chain.layers(b)).toBeUndefined();
    const c: Handler = (r) => a(r);
    chain.wrap(a, c, READS_NOTHING);
    expect(chain.layers(c)).toEqual([READS_NOTHING, { fields: ["x-a"] }]);
    expect(chain.serve(c)).not.toBe(c);
  });
});
