import { execFileSync } from "node:child_process";
import { stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectBytes, expectTrue } from "#testing/wire.ts";
import { formatHttpDate } from "#ch06/http-date.ts";
import { serveStatic } from "#ch06/serve-static.ts";
import {
  BOOK,
  bodyBytes,
  DIGITS,
  describe as sent,
  header,
  makeSite,
  request,
  type Site,
} from "./fixtures.ts";

let site: Site;
beforeAll(async () => {
  site = await makeSite();
  // A Last-Modified well in the past, so date validators are strong.
  const old = new Date("2024-01-02T03:04:05Z");
  await utimes(path.join(site.root, "digits.txt"), old, old);
});
afterAll(() => site.remove());

const lesson = (
  target: string,
  headers: Record<string, string> = {},
  section = "serving-a-file",
) => ({
  book: `${BOOK}#${section}`,
  curl: `curl -i ${Object.entries(headers)
    .map(([n, v]) => `-H '${n}: ${v}' `)
    .join("")}http://127.0.0.1:8080${target}`,
  sent: sent(target, headers),
});

describe("files, directories and redirects", () => {
  test("GET a file: 200, its bytes, type, length, validators, nosniff", async () => {
    const res = await serveStatic(site.root)(request("/digits.txt"));
    expect(res.status).toBe(200);
    expectBytes(await bodyBytes(res), DIGITS, lesson("/digits.txt"), "body");
    expect(header(res, "content-type")).toBe("text/plain; charset=utf-8");
    expect(header(res, "content-length")).toBe("1000");
    expect(header(res, "accept-ranges")).toBe("bytes");
    expect(header(res, "x-content-type-options")).toBe("nosniff");
    expect(header(res, "last-modified")).toBe("Tue, 02 Jan 2024 03:04:05 GMT");
    expect(header(res, "etag")).toMatch(/^"[0-9a-z]+-[0-9a-z]+-[0-9a-z]+"$/);
  });

  test("the root serves index.html", async () => {
    const res = await serveStatic(site.root)(request("/"));
    expect(res.status).toBe(200);
    expect((await bodyBytes(res)).toString()).toBe("<h1>home</h1>\n");
    expect(header(res, "content-type")).toBe("text/html; charset=utf-8");
  });

  test("a directory without its slash: 301 to path + '/', query kept (RFC 9110 §15.4.2)", async () => {
    const res = await serveStatic(site.root)(request("/docs?x=1"));
    expectTrue(
      res.status === 301,
      `expected 301, got ${res.status}`,
      lesson("/docs?x=1", {}, "directories"),
    );
    expect(header(res, "location")).toBe("/docs/?x=1");
    const index = await serveStatic(site.root)(request("/docs/"));
    expect((await bodyBytes(index)).toString()).toBe("<h1>docs</h1>\n");
  });

  test("a file with a trailing slash is not a directory: 404", async () => {
    expect((await serveStatic(site.root)(request("/digits.txt/"))).status).toBe(404);
  });

  test("a directory without index: 404 unless listing is on", async () => {
    expect((await serveStatic(site.root)(request("/plain/"))).status).toBe(404);
    const res = await serveStatic(site.root, { listDirectories: true })(request("/plain/"));
    expect(res.status).toBe(200);
    const html = (await bodyBytes(res)).toString();
    expect(html).toContain('<a href="a.txt">a.txt</a>');
    expectTrue(!html.includes("<b>"), "names must be HTML-escaped in a listing", lesson("/plain/"));
    expect(html).toContain('<a href="%3Cb%3E.txt">&lt;b&gt;.txt</a>');
  });

  test("a listing stops at maxListingEntries", async () => {
    const res = await serveStatic(site.root, { listDirectories: true, maxListingEntries: 1 })(
      request("/plain/"),
    );
    expect((await bodyBytes(res)).toString().match(/<li>/g)?.length).toBe(1);
  });

  test("a listing hides dotfiles", async () => {
    const res = await serveStatic(site.root, { listDirectories: true })(request("/.git/"));
    expect(res.status).toBe(404);
    const root = await serveStatic(site.root, { listDirectories: true, indexFiles: [] })(
      request("/"),
    );
    expect((await bodyBytes(root)).toString()).not.toContain(".env");
  });

  test("a FIFO is not a regular file: 404, and nothing blocks on opening it", async () => {
    execFileSync("mkfifo", [path.join(site.root, "pipe.txt")]);
    expect((await serveStatic(site.root)(request("/pipe.txt"))).status).toBe(404);
  });
});

describe("media types (RFC 9110 §8.3)", () => {
  test.each([
    ["/style.css", "text/css; charset=utf-8"],
    ["/app.js", "text/javascript; charset=utf-8"],
    ["/index.html", "text/html; charset=utf-8"],
    ["/data.bin", "application/octet-stream"],
  ])("%s is %s", async (target, type) => {
    const res = await serveStatic(site.root)(request(target));
    expect(header(res, "content-type")).toBe(type);
  });
});

describe("methods (RFC 9110 §9.3)", () => {
  test("HEAD: the same fields as GET and no body", async () => {
    const handler = serveStatic(site.root, { cache: false });
    const get = await handler(request("/digits.txt"));
    const head = await handler(request("/digits.txt", {}, "HEAD"));
    expect(head.status).toBe(200);
    expect(head.body).toBeUndefined();
    expect(head.headers).toEqual(get.headers);
  });

  test("HEAD ignores Range (GET is the only method with range handling, §14.2)", async () => {
    const head = await serveStatic(site.root)(
      request("/digits.txt", { range: "bytes=0-9" }, "HEAD"),
    );
    expect(head.status).toBe(200);
    expect(header(head, "content-length")).toBe("1000");
  });

  test.each(["POST", "PUT", "DELETE", "OPTIONS"])(
    "%s on a file: 405 with Allow",
    async (method) => {
      const res = await serveStatic(site.root)(request("/digits.txt", {}, method));
      expectTrue(res.status === 405, `${method} should be 405, got ${res.status}`, {
        rule: "RFC 9110 §15.5.6: 405 MUST carry Allow",
      });
      expect(header(res, "allow")).toBe("GET, HEAD");
    },
  );

  test("POST on a missing file: 404, not 405", async () => {
    expect((await serveStatic(site.root)(request("/nope", {}, "POST"))).status).toBe(404);
  });
});

describe("ranges through the handler (RFC 9110 §14)", () => {
  for (const cache of [false, undefined] as const) {
    const label = cache === false ? "from disk" : "from cache";
    test(`one range: 206, Content-Range, exact bytes (${label})`, async () => {
      const handler = serveStatic(site.root, cache === false ? { cache: false } : {});
      const res = await handler(request("/digits.txt", { range: "bytes=10-19" }));
      expect(res.status).toBe(206);
      expect(header(res, "content-range")).toBe("bytes 10-19/1000");
      expect(header(res, "content-length")).toBe("10");
      expectBytes(
        await bodyBytes(res),
        DIGITS.slice(10, 20),
        lesson("/digits.txt", { range: "bytes=10-19" }, "range-requests"),
        "body",
      );
    });
  }

  test("unsatisfiable: 416 with Content-Range: bytes */size", async () => {
    const res = await serveStatic(site.root)(request("/digits.txt", { range: "bytes=1000-" }));
    expect(res.status).toBe(416);
    expect(header(res, "content-range")).toBe("bytes */1000");
  });

  test("syntactically invalid Range is ignored: 200 with the whole file", async () => {
    const res = await serveStatic(site.root)(request("/digits.txt", { range: "bytes=9-1" }));
    expect(res.status).toBe(200);
    expect((await bodyBytes(res)).length).toBe(1000);
  });

  test("too many ranges: 200 with the whole file (amplification defence)", async () => {
    const many = `bytes=${Array.from({ length: 40 }, (_, i) => `${i * 20}-${i * 20}`).join(",")}`;
    const res = await serveStatic(site.root, { maxRanges: 8 })(
      request("/digits.txt", { range: many }),
    );
    expect(res.status).toBe(200);
  });

  test("the empty file: a range on it is 416 bytes */0", async () => {
    const res = await serveStatic(site.root)(request("/empty.txt", { range: "bytes=0-" }));
    expect(res.status).toBe(416);
    expect(header(res, "content-range")).toBe("bytes */0");
    const whole = await serveStatic(site.root)(request("/empty.txt"));
    expect(header(whole, "content-length")).toBe("0");
    expect((await bodyBytes(whole)).length).toBe(0);
  });
});

describe("If-Range through the handler (RFC 9110 §13.1.5)", () => {
  test("matching ETag: 206; stale ETag: 200 with the whole file", async () => {
    const handler = serveStatic(site.root);
    const etag = header(await handler(request("/digits.txt")), "etag") ?? "";
    const hit = await handler(request("/digits.txt", { range: "bytes=0-4", "if-range": etag }));
    expect(hit.status).toBe(206);
    const stale = await handler(
      request("/digits.txt", { range: "bytes=0-4", "if-range": '"stale"' }),
    );
    expectTrue(
      stale.status === 200,
      `stale If-Range must send the whole file, got ${stale.status}`,
      lesson("/digits.txt", { range: "bytes=0-4", "if-range": '"stale"' }, "if-range"),
    );
    expect((await bodyBytes(stale)).length).toBe(1000);
  });

  test("matching Last-Modified date: 206", async () => {
    const { mtimeMs } = await stat(path.join(site.root, "digits.txt"));
    const res = await serveStatic(site.root)(
      request("/digits.txt", { range: "bytes=0-4", "if-range": formatHttpDate(mtimeMs) }),
    );
    expect(res.status).toBe(206);
  });

  test("a file changed after the client's copy: If-Range fails, the new file comes whole", async () => {
    const file = path.join(site.root, "changing.txt");
    await writeFile(file, "version one");
    const handler = serveStatic(site.root, { cache: false });
    const etag = header(await handler(request("/changing.txt")), "etag") ?? "";
    await writeFile(file, "version two, longer");
    const res = await handler(request("/changing.txt", { range: "bytes=8-", "if-range": etag }));
    expect(res.status).toBe(200);
    expect((await bodyBytes(res)).toString()).toBe("version two, longer");
  });
});

describe("the variant seam (chapter 08's precompressed siblings)", () => {
  test("a variant's bytes and validators, the original's type, the variant's fields", async () => {
    const sibling = path.join(site.root, "style.css.br");
    await writeFile(sibling, "BROTLI BYTES");
    const handler = serveStatic(site.root, {
      variant: async (_req, file, _stats) =>
        file.endsWith("style.css")
          ? { file: sibling, stats: await stat(sibling), headers: [["content-encoding", "br"]] }
          : undefined,
    });
    const plain = await serveStatic(site.root)(request("/style.css"));
    const res = await handler(request("/style.css"));
    expect((await bodyBytes(res)).toString()).toBe("BROTLI BYTES");
    expect(header(res, "content-type")).toBe("text/css; charset=utf-8");
    expect(header(res, "content-encoding")).toBe("br");
    expect(header(res, "content-length")).toBe("12");
    expect(header(res, "etag")).not.toBe(header(plain, "etag"));
  });
});
