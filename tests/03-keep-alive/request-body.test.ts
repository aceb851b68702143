/**
 * The request body a handler reads (BodyStream): bytes in the order they
 * arrived, then an end with its trailers, or a failure the reader sees.
 */
import { describe, expect, test } from "vitest";
import { BodyStream } from "#ch03/request-body.ts";

const noop = (): void => {};

async function readAll(stream: BodyStream, into: string[]): Promise<void> {
  for await (const chunk of stream) into.push(Buffer.from(chunk).toString("latin1"));
}

describe("BodyStream", () => {
  test("a body that fails makes its reader throw, after the bytes that came first", async () => {
    const stream = new BodyStream(undefined, 1024, noop);
    stream.push(Buffer.from("ab"));
    stream.fail(new Error("client closed mid-body"));
    const seen: string[] = [];
    await expect(readAll(stream, seen)).rejects.toThrow("client closed mid-body");
    expect(seen).toEqual(["ab"]);
  });

  test("a reader already waiting is woken by the failure", async () => {
    const stream = new BodyStream(undefined, 1024, noop);
    const seen: string[] = [];
    const reading = readAll(stream, seen);
    stream.fail(new Error("connection closed"));
    await expect(reading).rejects.toThrow("connection closed");
    expect(seen).toEqual([]);
  });

  test("a failure after the end changes nothing: the body ended well", async () => {
    const stream = new BodyStream(2, 1024, noop);
    stream.push(Buffer.from("ok"));
    stream.end();
    stream.fail(new Error("too late"));
    const seen: string[] = [];
    await readAll(stream, seen);
    expect(seen).toEqual(["ok"]);
  });
});
