/** Response helpers set a Content-Type and nothing a transport owns. */
import { describe, expect, test } from "vitest";
import { bytes, empty, json, redirect, stream, text } from "#ch05/response.ts";
import { expectBytes } from "#testing/wire.ts";
import { render } from "./synthetic.ts";

const BOOK = "chapters/05-routing.md#responses";

async function* twoChunks(): AsyncGenerator<Uint8Array> {
  yield Buffer.from("one ");
  yield Buffer.from("two");
}

describe("response helpers", () => {
  test.each([
    ["text", text("hi"), "200\r\ncontent-type: text/plain; charset=utf-8\r\n\r\nhi"],
    [
      "json",
      json({ a: 1 }, { status: 201 }),
      '201\r\ncontent-type: application/json\r\n\r\n{"a":1}',
    ],
    ["json undefined", json(undefined), "200\r\ncontent-type: application/json\r\n\r\nnull"],
    [
      "bytes",
      bytes(Uint8Array.of(0x68, 0x69)),
      "200\r\ncontent-type: application/octet-stream\r\n\r\nhi",
    ],
    [
      "own content-type kept",
      text("<p>", { headers: [["content-type", "text/html"]] }),
      "200\r\ncontent-type: text/html\r\n\r\n<p>",
    ],
    ["stream", stream(twoChunks()), "200\r\ncontent-type: application/octet-stream\r\n\r\none two"],
    ["redirect", redirect("/login"), "302\r\nlocation: /login\r\n\r\n"],
    [
      "redirect 308",
      redirect("https://example.com/", 308),
      "308\r\nlocation: https://example.com/\r\n\r\n",
    ],
    ["empty", empty(), "204\r\n\r\n"],
  ])("%s", async (_name, response, expected) => {
    expectBytes(await render(response), expected, { book: BOOK });
  });

  test("redirect refuses CR LF in the location (header injection)", () => {
    expect(() => redirect("/x\r\nSet-Cookie: admin=1")).toThrow(TypeError);
  });
});
