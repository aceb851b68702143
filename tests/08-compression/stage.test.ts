import { describe, test } from "vitest";
import { expectTrue } from "#testing/wire.ts";
import { exchange } from "#testing/raw-client.ts";
import { startServer } from "../../src/server.ts";
import { fold, type ServerPlan } from "../../src/stages/stage.ts";
import { stage } from "../../src/stages/08-compression.ts";
import { demoApp, field, request } from "./fixtures.ts";
import { BOOK } from "./lessons.ts";

const LESSON = {
  rule: "the stage wraps extensions.handler outermost",
  book: `${BOOK}#putting-it-together`,
};

function plan(extra: Partial<ServerPlan["settings"]> = {}, handler = true): ServerPlan {
  const settings = { host: "127.0.0.1", port: 0, root: ".", ...extra };
  return fold(settings, [], handler ? { handler: demoApp() } : {});
}

/** POST 3000 bytes to /echo asking for gzip; the response's Content-Encoding. */
async function request8(port: number): Promise<string> {
  const body = "a".repeat(3000);
  const sent = `POST /echo HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\nContent-Length: 3000\r\nConnection: close\r\n\r\n${body}`;
  const { received } = await exchange(port, sent, { timeoutMs: 5000 });
  const head = received.toString("latin1").split("\r\n\r\n")[0]?.toLowerCase() ?? "";
  return /\r\ncontent-encoding: (\S+)/.exec(head)?.[1] ?? "identity";
}

describe("the chapter 08 stage", () => {
  test("is chapter 8: the server as of chapter 8 compresses, as of chapter 7 it does not", async () => {
    expectTrue(
      stage.chapter === 8 && stage.slug === "08-compression",
      `${stage.chapter} ${stage.slug}`,
      LESSON,
    );
    const codings: string[] = [];
    for (const chapter of [8, 7]) {
      const server = await startServer({ host: "127.0.0.1", port: 0, root: ".", chapter });
      try {
        const res = await request8(server.port);
        codings.push(`${chapter}:${res}`);
      } finally {
        await server.close();
      }
    }
    expectTrue(codings.join(" ") === "8:gzip 7:identity", codings.join(" "), LESSON);
  });

  test("wraps the handler: the assembled server compresses", async () => {
    const next = stage.apply(plan());
    const res = await next.extensions.handler!(
      request("GET /guide.html", ["Accept-Encoding", "br"]),
    );
    expectTrue(field(res, "content-encoding") === "br", JSON.stringify(res.headers), LESSON);
    expectTrue(
      next.extensions.compression !== undefined,
      "extensions.compression not published",
      LESSON,
    );
    expectTrue(
      next.banner.some((l) => l.includes("compression")),
      next.banner.join("\n"),
      LESSON,
    );
  });

  test("settings.compression reaches the middleware (codings, threshold)", async () => {
    const next = stage.apply(plan({ compression: { codings: ["gzip"], threshold: 1 } }));
    const handler = next.extensions.handler!;
    const big = await handler(request("GET /guide.html", ["Accept-Encoding", "br, gzip"]));
    const small = await handler(request("GET /small.html", ["Accept-Encoding", "gzip"]));
    expectTrue(field(big, "content-encoding") === "gzip", "codings: ['gzip'] was ignored", LESSON);
    expectTrue(field(small, "content-encoding") === "gzip", "threshold: 1 was ignored", LESSON);
  });

  test("without a handler yet, the plan is unchanged", () => {
    const before = plan({}, false);
    expectTrue(stage.apply(before) === before, "the stage invented a handler", LESSON);
  });
});
