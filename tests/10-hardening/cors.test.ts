/**
 * CORS decisions per the Fetch standard, on synthetic requests.
 */
import { describe, expect, test } from "vitest";
import { getHeader } from "#ch02/header-list.ts";
import {
  allowedOrigin,
  type CorsPolicy,
  cors,
  corsDecision,
  DEFAULT_CORS_POLICY,
} from "#ch10/cors.ts";
import { request } from "#testing/synthetic.ts";

const APP = "http://app.test:3000";
const policy: CorsPolicy = {
  ...DEFAULT_CORS_POLICY,
  origins: [APP],
  methods: ["GET", "POST", "PUT"],
  headers: ["content-type", "x-token"],
  exposeHeaders: ["ratelimit"],
};

const preflight = (origin: string, method: string, headers?: string) =>
  request(
    "OPTIONS /api/echo-json",
    ["Origin", origin],
    ["Access-Control-Request-Method", method],
    ...(headers === undefined
      ? []
      : [["Access-Control-Request-Headers", headers] as [string, string]]),
  );

describe("allowedOrigin", () => {
  test("listed origins are echoed, others get nothing", () => {
    expect(allowedOrigin(APP, policy)).toBe(APP);
    expect(allowedOrigin("http://evil.test", policy)).toBeUndefined();
    expect(
      allowedOrigin("HTTP://APP.TEST:3000", policy),
      "origins compare exactly",
    ).toBeUndefined();
  });

  test("'*' without credentials is '*'; with credentials the origin is echoed", () => {
    expect(allowedOrigin(APP, { ...policy, origins: "*" })).toBe("*");
    expect(allowedOrigin(APP, { ...policy, origins: "*", credentials: true })).toBe(APP);
  });
});

describe("corsDecision", () => {
  test("no Origin: not a CORS request", () => {
    expect(corsDecision(request("GET /"), policy)).toEqual({ kind: "not-cors" });
  });

  test("an allowed preflight lists methods, headers and max-age, and varies on Origin", () => {
    const d = corsDecision(preflight(APP, "PUT", "Content-Type, X-Token"), policy);
    expect(d).toEqual({
      kind: "preflight",
      status: 204,
      headers: [
        ["access-control-allow-origin", APP],
        ["vary", "Origin"],
        ["access-control-allow-methods", "GET, POST, PUT"],
        ["access-control-allow-headers", "content-type, x-token"],
        ["access-control-max-age", "600"],
      ],
    });
  });

  test.each([
    ["an unknown origin", "http://evil.test", "PUT", undefined],
    ["a method not listed", APP, "DELETE", undefined],
    ["a header not listed", APP, "POST", "x-other"],
  ])(
    "a preflight from %s is refused with 403 and no Allow-Origin",
    (_, origin, method, headers) => {
      const d = corsDecision(preflight(origin, method, headers), policy);
      expect(d).toEqual({ kind: "preflight", status: 403, headers: [["vary", "Origin"]] });
    },
  );

  test("safelisted methods (GET, HEAD, POST) pass a preflight even when not listed", () => {
    const d = corsDecision(preflight(APP, "HEAD"), { ...policy, methods: [] });
    expect(d).toMatchObject({ kind: "preflight", status: 204 });
  });

  test("an actual request gets Allow-Origin, Expose-Headers and Vary: Origin", () => {
    const d = corsDecision(request("GET /api/time", ["Origin", APP]), policy);
    expect(d).toEqual({
      kind: "actual",
      headers: [
        ["access-control-allow-origin", APP],
        ["vary", "Origin"],
        ["access-control-expose-headers", "ratelimit"],
      ],
    });
  });

  test("with credentials: Allow-Credentials: true beside the echoed origin", () => {
    const d = corsDecision(request("GET /", ["Origin", APP]), { ...policy, credentials: true });
    expect(d.kind === "actual" && d.headers.slice(0, 2)).toEqual([
      ["access-control-allow-origin", APP],
      ["access-control-allow-credentials", "true"],
    ]);
  });

  test("'*' without credentials needs no Vary: the answer is the same for all", () => {
    const d = corsDecision(request("GET /", ["Origin", APP]), {
      ...policy,
      origins: "*",
      exposeHeaders: [],
    });
    expect(d).toEqual({ kind: "actual", headers: [["access-control-allow-origin", "*"]] });
  });

  test("OPTIONS without Access-Control-Request-Method is not a preflight", () => {
    const d = corsDecision(request("OPTIONS /", ["Origin", APP]), policy);
    expect(d.kind).toBe("actual");
  });
});

describe("cors() middleware", () => {
  const handler = cors(policy)(() => ({
    status: 200,
    headers: [["vary", "Accept-Encoding"]],
    body: "{}",
  }));

  test("answers the preflight itself, without calling the handler", async () => {
    const response = await handler(preflight(APP, "PUT"));
    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
  });

  test("merges Origin into an existing Vary", async () => {
    const response = await handler(request("GET /", ["Origin", APP]));
    expect(getHeader(response.headers ?? [], "vary")).toBe("Accept-Encoding, Origin");
    const plain = await handler(request("GET /"));
    expect(getHeader(plain.headers ?? [], "vary"), "no Origin: still varies on it").toBe(
      "Accept-Encoding, Origin",
    );
  });
});
