/**
 * The gate's pieces that decide what a learner sees: which exercise a
 * failure points at, what `serve` says it runs, the open track's target,
 * the stub tripwire and the cache of passes.
 */
import net from "node:net";
import { describe, expect, test } from "vitest";
import { findChapter } from "../../tools/course/chapters.ts";
import { NotImplemented } from "../../tools/course/not-implemented.ts";
import { inputFiles } from "../../tools/learn/cache.ts";
import { servePlan } from "../../tools/learn/cli.ts";
import { chapterExercises, exerciseByTitle } from "../../tools/learn/locate.ts";
import { waitForPort, wireTests } from "../../tools/learn/open.ts";
import { ruleFromTitle } from "../../tools/learn/render.ts";
import { openTarget } from "../../tools/testing/open-target.ts";
import { onStubThrown, orStub, stubThrownInThisTest } from "../../tools/testing/stub-tripwire.ts";

const ch = (n: string) => {
  const c = findChapter(n);
  if (!c) throw new Error(`no chapter ${n}`);
  return c;
};

describe("a failure maps to its exercise by the test's name", () => {
  const spans = chapterExercises(ch("02"));

  test("wrong code in LineSplitter.take: the describe block names it", () => {
    const ex = exerciseByTitle("LineSplitter.take > refuses a bare LF", spans);
    expect(ex?.name).toBe("LineSplitter.take");
    expect(ex?.hints).toHaveLength(3);
    expect(ex?.section).toMatch(/^chapters\/02-request-parser\.md#/);
  });

  test("a name inside a longer word does not count", () => {
    expect(exerciseByTitle("parseRequestLineage works", spans)).toBeUndefined();
  });

  test("the RFC a test names becomes the failure's rule", () => {
    expect(ruleFromTitle("parseFieldLine (RFC 9112 §5) > lowercases")).toBe("RFC 9112 §5");
    expect(ruleFromTitle("no rule here")).toBeUndefined();
  });
});

describe("serve says what it runs", () => {
  test("after chapters 01–02: chapter 01's echo, and HTTP arrives in chapter 03", () => {
    const plan = servePlan(["01", "02"]);
    expect(plan.chapter).toBe(1);
    expect(plan.say.join("\n")).toMatch(/HTTP arrives in chapter 03/);
    expect(plan.say[0]).toMatch(/chapters 01, 02/);
  });

  test("after chapter 03: chapter 03's HTTP server", () => {
    const plan = servePlan(["01", "02", "03"]);
    expect(plan.chapter).toBe(3);
    expect(plan.say.join("\n")).not.toMatch(/HTTP arrives/);
  });
});

describe("the open track", () => {
  test("reads host:port, brackets and all, and nothing without the variable", () => {
    expect(openTarget({})).toBeUndefined();
    expect(openTarget({ HANDSHAKE_OPEN_TARGET: "127.0.0.1:8080" })).toEqual({
      host: "127.0.0.1",
      port: 8080,
    });
    expect(openTarget({ HANDSHAKE_OPEN_TARGET: "[::1]:9" })).toEqual({ host: "::1", port: 9 });
    expect(() => openTarget({ HANDSHAKE_OPEN_TARGET: "nope" })).toThrow(/host:port/);
  });

  test("wire-level test files are the ones that import the open target", () => {
    expect(wireTests(ch("01")).map((f) => f.split("/").at(-1))).toEqual(["transcript.test.ts"]);
    for (const n of ["02", "03", "04", "06", "07", "08"])
      expect(wireTests(ch(n)).map((f) => f.split("/").at(-1))).toContain("wire.test.ts");
    // A unit test of a chapter's code is not wire-level.
    expect(wireTests(ch("03")).map((f) => f.split("/").at(-1))).not.toContain("decisions.test.ts");
  });

  test("waits for the port, and gives up when the server exits", async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as net.AddressInfo;
    await expect(waitForPort(port, 2000, () => true)).resolves.toBeUndefined();
    await new Promise<void>((r) => server.close(() => r()));
    await expect(waitForPort(port, 2000, () => false)).rejects.toThrow(/exited before it listened/);
  });
});

describe("stubs fail at once", () => {
  test("a NotImplemented announces itself to a waiting client and to this test", () => {
    const seen: string[] = [];
    onStubThrown((stub) => seen.push(stub.site.name));
    const stub = new NotImplemented({ chapter: "01", name: "x", file: "f.ts", hint: "h" });
    expect(seen).toEqual(["x"]);
    expect(stubThrownInThisTest()).toBe(stub);
  });

  test("each test starts with no stub recorded", () => {
    expect(stubThrownInThisTest()).toBeUndefined();
  });

  test("a client the tripwire cannot reach (curl, fetch) stops waiting at a stub", async () => {
    let cancelled = 0;
    const never = new Promise<string>(() => {});
    const waiting = orStub(never, () => cancelled++);
    const stub = new NotImplemented({ chapter: "03", name: "y", file: "f.ts", hint: "h" });
    await expect(waiting).rejects.toBe(stub);
    await expect(
      orStub(never, () => cancelled++),
      "a stub thrown before the wait",
    ).rejects.toBe(stub);
    expect(cancelled).toBe(2);
  });

  test("without a stub, the client's own answer passes through", async () => {
    await expect(orStub(Promise.resolve("ok"))).resolves.toBe("ok");
    await expect(orStub(Promise.reject(new Error("refused")))).rejects.toThrow("refused");
  });
});

describe("the cache's inputs", () => {
  test("a chapter's pass depends on its tests and the learner's chapters up to it", () => {
    const files = inputFiles(ch("02")).map((f) =>
      f.replace(/.*\/(exercises|tests|tools|src)\//, "$1/"),
    );
    expect(files).toContain("exercises/01-sockets/line-framer.ts");
    expect(files.some((f) => f.startsWith("tests/02-request-parser/"))).toBe(true);
    expect(files.some((f) => f.startsWith("exercises/03-"))).toBe(false);
    expect(files.some((f) => f.startsWith("tests/01-"))).toBe(false);
  });
});
