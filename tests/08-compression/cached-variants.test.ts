/**
 * The assembled chapters 07 and 08: compression runs beneath the response
 * cache, so a cacheable response is compressed once per coding and then
 * served from memory, keyed by the coding Accept-Encoding negotiates.
 */
import zlib from "node:zlib";
import { describe, test } from "vitest";
import type { Handler, HttpRequest, HttpResponse } from "#ch03/message.ts";
import { expectTrue } from "#testing/wire.ts";
import { stage as caching } from "../../src/stages/07-caching.ts";
import { stage as compressionStage } from "../../src/stages/08-compression.ts";
import { fold } from "../../src/stages/stage.ts";
import { bytesOf, field, request } from "./fixtures.ts";
import { BOOK } from "./lessons.ts";

const LESSON = {
  rule: "RFC 9111 §4.1: a cache keeps one variant per value of the fields Vary names (normalised: the negotiated coding); a hit is not compressed again",
  book: `${BOOK}#vary-and-caches`,
};

const PAGE = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => `item ${i}`) });

/** Stages 07 and 08 over a counting /api/page, and a counter beneath the cache. */
function assembled(): {
  handler: Handler;
  calls: { handler: number; beneath: number };
} {
  const calls = { handler: 0, beneath: 0 };
  const app: Handler = (req: HttpRequest): HttpResponse => {
    calls.handler++;
    if (req.path !== "/api/page") return { status: 404, body: "not found\n" };
    const headers = [
      ["content-type", "application/json"],
      ["cache-control", "max-age=60"],
    ] as const;
    return { status: 200, headers, body: PAGE };
  };
  const settings = { host: "127.0.0.1", port: 0, root: "." };
  const after07 = fold(settings, [caching], { handler: app });
  // Counts every request that goes beneath the cache, where compression runs.
  after07.extensions.beneathCache?.add((next) => (req) => {
    calls.beneath++;
    return next(req);
  });
  const plan = compressionStage.apply(after07);
  const handler = plan.extensions.handler;
  if (handler === undefined) throw new Error("no handler after stage 08");
  return { handler, calls };
}

async function get(handler: Handler, acceptEncoding?: string) {
  const headers: [string, string][] = [["Host", "t"]];
  if (acceptEncoding !== undefined) headers.push(["Accept-Encoding", acceptEncoding]);
  const res = await handler(request("GET /api/page", ...headers));
  const bytes = await bytesOf(res);
  const coding = field(res, "content-encoding") ?? "identity";
  const text =
    coding === "br"
      ? zlib.brotliDecompressSync(bytes).toString()
      : coding === "gzip"
        ? zlib.gunzipSync(bytes).toString()
        : Buffer.from(bytes).toString();
  const status = field(res, "cache-status") ?? "";
  const vary = field(res, "vary") ?? "";
  return { coding, text, status, vary, hit: /;\s*hit/.test(status), body: res.body };
}

describe("compressed responses in the response cache", () => {
  test("a second request for the same coding is a hit: no handler, no compression", async () => {
    const { handler, calls } = assembled();
    const first = await get(handler, "br");
    expectTrue(first.coding === "br" && first.text === PAGE, first.coding, LESSON);
    expectTrue(!first.hit && /stored/.test(first.status), first.status, LESSON);
    expectTrue(/accept-encoding/i.test(first.vary), `Vary: ${first.vary}`, LESSON);
    // A browser's value negotiates br too: the same stored variant.
    const second = await get(handler, "gzip, deflate, br");
    expectTrue(second.hit, `second br request: ${second.status}`, LESSON);
    expectTrue(second.coding === "br" && second.text === PAGE, second.coding, LESSON);
    // The stored bytes themselves, not a new compression of a cached copy.
    expectTrue(
      second.body instanceof Uint8Array && second.body === first.body,
      "the hit was compressed again on its way out",
      LESSON,
    );
    expectTrue(/accept-encoding/i.test(second.vary), `Vary: ${second.vary}`, LESSON);
    expectTrue(
      calls.handler === 1 && calls.beneath === 1,
      `handler ${calls.handler}, beneath the cache ${calls.beneath} (compression ran again)`,
      LESSON,
    );
  });

  test("gzip and identity get their own variants, each stored once", async () => {
    const { handler, calls } = assembled();
    const seen: string[] = [];
    for (const ae of ["br", "gzip", undefined, "gzip;q=1, br;q=0.5", "identity", "br"]) {
      const res = await get(handler, ae);
      expectTrue(res.text === PAGE, `${ae}: body differs`, LESSON);
      seen.push(`${ae ?? "-"}:${res.coding}:${res.hit ? "hit" : "miss"}`);
    }
    const want =
      "br:br:miss gzip:gzip:miss -:identity:miss gzip;q=1, br;q=0.5:gzip:hit identity:identity:hit br:br:hit";
    expectTrue(seen.join(" ") === want, seen.join(" "), LESSON);
    expectTrue(calls.beneath === 3, `compressed ${calls.beneath} times for 3 codings`, LESSON);
  });
});
