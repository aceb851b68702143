import { describe, expect, test } from "vitest";
import type { HttpResponse } from "#ch03/message.ts";
import { conditional } from "#ch07/conditional.ts";
import { expectTrue } from "#testing/wire.ts";
import { counting, request, text } from "./requests.ts";

const LESSON = {
  rule: "RFC 9110 §15.4.5: a 304 carries Cache-Control, Content-Location, Date, ETag, Expires, Vary, and no content",
  book: "chapters/07-caching.md#conditional-requests-as-middleware",
  curl: "curl -i -H 'If-None-Match: \"v2\"' http://127.0.0.1:8080/page",
};

/** A body that records whether anyone ever asked for its bytes. */
function lazyBody(): AsyncIterable<Uint8Array> & { opened: boolean } {
  const body = {
    opened: false,
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      body.opened = true;
      return [Buffer.from("file bytes")][Symbol.iterator]() as unknown as AsyncIterator<Uint8Array>;
    },
  };
  return body;
}

function page(body: HttpResponse["body"] = "<h1>hello</h1>"): HttpResponse {
  return {
    status: 200,
    headers: [
      ["content-type", "text/html"],
      ["content-length", "14"],
      ["etag", '"v2"'],
      ["last-modified", "Fri, 20 Nov 2026 08:00:00 GMT"],
      ["cache-control", "no-cache"],
      ["vary", "accept-encoding"],
      ["set-cookie", "a=b"],
    ],
    body,
  };
}

describe("conditional() middleware", () => {
  test("If-None-Match match → 304 with exactly the §15.4.5 fields and no body", async () => {
    const handler = conditional()(() => page());
    const res = await handler(request("GET /page", ["If-None-Match", '"v1", "v2"']));
    expectTrue(res.status === 304, `expected 304, got ${res.status}`, LESSON);
    expect(res.body).toBeUndefined();
    expect(res.headers).toEqual([
      ["etag", '"v2"'],
      ["cache-control", "no-cache"],
      ["vary", "accept-encoding"],
    ]);
  });

  test("a 304 never opens a lazily opened body (the file stays closed)", async () => {
    const body = lazyBody();
    const handler = conditional()(() => page(body));
    const res = await handler(request("GET /page", ["If-None-Match", '"v2"']));
    expect(res.status).toBe(304);
    expectTrue(!body.opened, "the replaced response's body was iterated", {
      ...LESSON,
      rule: "A 304 replaces the 200: do not read, open or drain the body you are not sending",
    });
  });

  test("If-Modified-Since → 304 keeps Last-Modified when there is no ETag", async () => {
    const noEtag = (): HttpResponse => ({
      status: 200,
      headers: [
        ["last-modified", "Fri, 20 Nov 2026 08:00:00 GMT"],
        ["content-type", "text/plain"],
      ],
      body: "x",
    });
    const res = await conditional()(noEtag)(
      request("GET /t", ["If-Modified-Since", "Fri, 20 Nov 2026 08:00:00 GMT"]),
    );
    expect(res.status).toBe(304);
    expect(res.headers).toEqual([["last-modified", "Fri, 20 Nov 2026 08:00:00 GMT"]]);
  });

  test("no match → the handler's own 200, untouched", async () => {
    const original = page();
    const res = await conditional()(() => original)(
      request("GET /page", ["If-None-Match", '"v1"']),
    );
    expect(res).toBe(original);
    expect(await text(res)).toBe("<h1>hello</h1>");
  });

  test("non-2xx responses are left alone (RFC 9110 §13.2.1)", async () => {
    const notFound: HttpResponse = { status: 404, headers: [["etag", '"v2"']], body: "no" };
    const res = await conditional()(() => notFound)(request("GET /x", ["If-None-Match", "*"]));
    expect(res).toBe(notFound);
  });

  test("If-Match failing on GET → 412 with a reason", async () => {
    const res = await conditional()(() => page())(request("GET /page", ["If-Match", '"v1"']));
    expect(res.status).toBe(412);
    expect(await text(res)).toContain("if-match");
  });

  test("malformed If-None-Match → 400, not a silent 200", async () => {
    const res = await conditional()(() => page())(request("GET /page", ["If-None-Match", "v2"]));
    expect(res.status).toBe(400);
    expect(await text(res)).toContain("if-none-match");
  });

  test("OPTIONS ignores preconditions", async () => {
    const res = await conditional()(() => page())(request("OPTIONS /page", ["If-Match", '"nope"']));
    expect(res.status).toBe(200);
  });

  describe("unsafe methods are checked before the handler runs", () => {
    const validators = { exists: true, etag: { weak: false, opaque: "v2" } };
    test("If-Match stale → 412 and the PUT never happens (lost update avoided)", async () => {
      const put = counting(() => ({ status: 204 }));
      const handler = conditional({ currentValidators: () => validators })(put);
      const res = await handler(request("PUT /doc", ["If-Match", '"v1"']));
      expect(res.status).toBe(412);
      expectTrue(put.calls === 0, "the handler ran although its precondition failed", {
        rule: "RFC 9110 §13.1.1: evaluate If-Match prior to performing the method",
      });
    });
    test("If-Match current → the PUT runs", async () => {
      const put = counting(() => ({ status: 204 }));
      const res = await conditional({ currentValidators: () => validators })(put)(
        request("PUT /doc", ["If-Match", '"v2"']),
      );
      expect([res.status, put.calls]).toEqual([204, 1]);
    });
    test("If-None-Match: * creates only when absent", async () => {
      const put = counting(() => ({ status: 201 }));
      const handler = conditional({ currentValidators: () => undefined })(put);
      expect((await handler(request("PUT /new", ["If-None-Match", "*"]))).status).toBe(201);
    });
    test("without currentValidators a guarded PUT is refused, not run blind", async () => {
      const put = counting(() => ({ status: 204 }));
      const res = await conditional()(put)(request("PUT /doc", ["If-Match", '"v2"']));
      expect([res.status, put.calls]).toEqual([412, 0]);
    });
    test("an unguarded PUT passes straight through", async () => {
      const put = counting(() => ({ status: 204 }));
      const res = await conditional()(put)(request("PUT /doc"));
      expect([res.status, put.calls]).toEqual([204, 1]);
    });
  });
});

test("an empty If-None-Match is malformed, not absent", async () => {
  const res = await conditional()(() => ({ status: 200, headers: [["etag", '"v2"']] }))(
    request("GET /page", ["If-None-Match", ""]),
  );
  expect(res.status).toBe(400);
});
