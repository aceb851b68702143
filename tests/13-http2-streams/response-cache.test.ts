/**
 * Constant responses mapped once and their field blocks kept per
 * connection: the kept bytes must decode, in the client's real HPACK
 * decoder, to the fields sent, whatever else moved the table in between.
 */
import { afterEach, describe, expect, test } from "vitest";
import type { Handler, HttpResponse } from "#ch03/message.ts";
import { HpackEncoder } from "#ch12/hpack-encoder.ts";
import { mapResponseOnce } from "#ch13/response-cache.ts";
import { H2Wire } from "./h2-wire.ts";
import { startH2, type TestServer } from "./server.ts";

let server: TestServer | undefined;
let client: H2Wire | undefined;

afterEach(async () => {
  client?.close();
  await server?.close();
  server = undefined;
  client = undefined;
});

const { freeze } = Object;
const CONSTANT: HttpResponse = freeze({
  status: 200,
  headers: freeze([
    freeze(["Content-Type", "text/plain"] as const),
    freeze(["X-Frame-Options", "DENY"] as const),
  ]),
  body: "constant",
});

let fresh = 0;
const handler: Handler = (request) =>
  request.path === "/fresh"
    ? {
        status: 201,
        headers: [
          ["content-type", "application/json"],
          ["x-count", String(++fresh)],
        ],
        body: "{}",
      }
    : CONSTANT;

describe("kept field blocks (RFC 7541 §2.3.2)", () => {
  test("a constant response decodes the same before, between and after table changes", async () => {
    server = await startH2(handler);
    client = await H2Wire.open(server.port);
    const paths = ["/a", "/a", "/a", "/fresh", "/a", "/fresh", "/fresh", "/a", "/a"];
    let id = 1;
    for (const path of paths) {
      const r = await client.fetch(id, path);
      id += 2;
      if (path === "/fresh") {
        expect(r.status).toBe(201);
        expect(r.headers).toContainEqual(["x-count", String(fresh)]);
        continue;
      }
      expect(r.status).toBe(200);
      expect(r.body.toString()).toBe("constant");
      const names = r.headers.map(([n]) => n).sort();
      expect(names).toEqual(["content-length", "content-type", "date", "x-frame-options"]);
      expect(r.headers).toContainEqual(["content-type", "text/plain"]);
      expect(r.headers).toContainEqual(["x-frame-options", "DENY"]);
      expect(r.headers).toContainEqual(["content-length", "8"]);
    }
    // The client shrinks its table: the next block must start with the
    // size update, not be a kept one (the decoder refuses otherwise).
    await client.announceHeaderTableSize(0);
    for (let i = 0; i < 2; i++, id += 2) {
      const r = await client.fetch(id, "/a");
      expect(r.status).toBe(200);
      expect(r.headers).toContainEqual(["x-frame-options", "DENY"]);
    }
    expect(client.received.some((f) => f.type === "GOAWAY")).toBe(false);
    expect(client.serverFault, "our decoder refused a kept block").toBeUndefined();
  });
});

describe("the encoder's epoch", () => {
  test("holds while blocks only index, moves when the table does", () => {
    const encoder = new HpackEncoder();
    const start = encoder.epoch;
    encoder.encode([[":status", "200"]]);
    expect(encoder.epoch).toBe(start);
    encoder.encode([["x-a", "1"]]);
    const added = encoder.epoch;
    expect(added).not.toBe(start);
    encoder.encode([
      ["x-a", "1"],
      ["date", "Thu, 01 Jan 1970 00:00:00 GMT"],
    ]);
    expect(encoder.epoch).toBe(added);
    encoder.setMaxTableSize(4_096);
    expect(encoder.settled).toBe(false);
    encoder.encode([]);
    expect(encoder.settled).toBe(true);
  });
});

describe("mapResponseOnce", () => {
  test("a frozen response maps once per date and per HEAD or not", () => {
    const a = mapResponseOnce(CONSTANT, "GET", "d1");
    expect(mapResponseOnce(CONSTANT, "GET", "d1")).toBe(a);
    expect(mapResponseOnce(CONSTANT, "POST", "d1")).toBe(a);
    const head = mapResponseOnce(CONSTANT, "HEAD", "d1");
    expect(head).not.toBe(a);
    expect(head.ok && head.body.kind).toBe("none");
    const later = mapResponseOnce(CONSTANT, "GET", "d2");
    expect(later).not.toBe(a);
    expect(later.ok && later.fields).toContainEqual(["date", "d2"]);
  });

  test("a response that may change is mapped every time", () => {
    const open: HttpResponse = { status: 200, headers: [["a", "b"]], body: "x" };
    expect(mapResponseOnce(open, "GET", "d")).not.toBe(mapResponseOnce(open, "GET", "d"));
    const loose = freeze({
      status: 200,
      headers: freeze([["a", "b"] as [string, string]]),
      body: "x",
    });
    expect(mapResponseOnce(loose, "GET", "d")).not.toBe(mapResponseOnce(loose, "GET", "d"));
  });
});
