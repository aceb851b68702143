import { readdirSync } from "node:fs";
import { unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectBytes, expectTrue } from "#testing/wire.ts";
import { FileShrankError, fileBody } from "#ch06/file-body.ts";
import { BOOK, DIGITS, makeSite, type Site } from "./fixtures.ts";

let site: Site;
beforeAll(async () => {
  site = await makeSite();
});
afterAll(() => site.remove());

const lesson = { book: `${BOOK}#streaming-with-back-pressure` };
const whole = (size: number) => [{ kind: "file" as const, range: { first: 0, last: size - 1 } }];

/** Open file descriptors of this process (Linux), to see handles leak. */
const openFds = (): number => readdirSync("/proc/self/fd").length;
const hasProc = (() => {
  try {
    readdirSync("/proc/self/fd");
    return true;
  } catch {
    return false;
  }
})();

describe("fileBody: a file as an AsyncIterable of chunks", () => {
  test("reads in chunks of at most chunkSize, in order", async () => {
    const chunks: Buffer[] = [];
    for await (const c of fileBody(path.join(site.root, "digits.txt"), whole(1000), 64)) {
      chunks.push(Buffer.from(c));
    }
    expect(chunks.map((c) => c.length)).toEqual([...Array(15).fill(64), 40]);
    expectBytes(Buffer.concat(chunks), DIGITS, lesson, "streamed file");
  });

  test("a chunk stays intact after later reads (the socket may still hold it)", async () => {
    const held: Uint8Array[] = [];
    for await (const c of fileBody(path.join(site.root, "digits.txt"), whole(1000), 100)) {
      held.push(c);
    }
    held.forEach((c, i) => {
      expectBytes(
        c,
        DIGITS.slice(i * 100, i * 100 + 100),
        lesson,
        `chunk ${i} after the stream ended`,
      );
    });
  });

  test("opens lazily: nothing happens until iteration starts", async () => {
    const body = fileBody(path.join(site.root, "no-such-file"), whole(10), 64);
    // Creating the body must not throw or open; iterating must fail.
    await expect(body[Symbol.asyncIterator]().next()).rejects.toThrow(/ENOENT/);
  });

  test.skipIf(!hasProc)("closes the file on early return (client went away)", async () => {
    const before = openFds();
    const iterator = fileBody(path.join(site.root, "digits.txt"), whole(1000), 10)[
      Symbol.asyncIterator
    ]();
    await iterator.next();
    expect(openFds()).toBe(before + 1);
    await iterator.return?.();
    expectTrue(openFds() === before, "the FileHandle must be closed by return()", lesson);
  });

  test.skipIf(!hasProc)("closes the file after the last chunk", async () => {
    const before = openFds();
    for await (const _ of fileBody(path.join(site.root, "digits.txt"), whole(1000), 300)) {
      // drain
    }
    expect(openFds()).toBe(before);
  });

  test("a file that shrank mid-send throws instead of ending short", async () => {
    const file = path.join(site.root, "shrinking.txt");
    await writeFile(file, "abc");
    const body = fileBody(file, whole(100), 64);
    await expect(async () => {
      for await (const _ of body) {
        // drain
      }
    }).rejects.toThrow(FileShrankError);
    await unlink(file);
  });
});
