/**
 * A client that leaves mid-body is the client's doing: the body reader
 * fails with chapter 03's ClientGone, and the error boundary notes it at
 * level info instead of logging a 500 at level error. Real connection.
 */
import net from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import type { LogFields, Logger } from "#ch03/logger.ts";
import { bodyOptions } from "#ch04/body-options.ts";
import { text } from "#ch05/response.ts";
import { Router } from "#ch05/router.ts";
import { startHttpServer, type TestHttpServer } from "#testing/http-server.ts";
import { expectTrue } from "#testing/wire.ts";

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("a client that closes mid-body", () => {
  test.each([
    ["sends its FIN", (s: net.Socket) => s.end()],
    ["resets the connection", (s: net.Socket) => s.resetAndDestroy()],
  ])("%s: noted at level info, no 500 and no error logged", async (_how, leave) => {
    const errors: string[] = [];
    let noted: (fields: LogFields | undefined) => void = () => {};
    const info = new Promise<LogFields | undefined>((resolve) => (noted = resolve));
    const logger: Logger = {
      error: (event) => errors.push(event),
      info: (event, fields) => {
        if (event === "client went away") noted(fields);
      },
    };
    const router = new Router({ logger }).post("/upload", async (req) => {
      const body = await req.bytes();
      return text(`got ${body.length} bytes`);
    });
    server = await startHttpServer(router.handle, bodyOptions());
    const socket = net.connect(server.port, "127.0.0.1");
    socket.on("error", () => {});
    await new Promise<void>((resolve) => socket.once("connect", resolve));
    socket.write("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n0123456789");
    await new Promise<void>((resolve) => setImmediate(resolve));
    leave(socket);
    const fields = await info;
    expect(fields).toMatchObject({ method: "POST", target: "/upload" });
    expectTrue(
      errors.length === 0 && server.logged.length === 0,
      `logged at level error: ${JSON.stringify([...errors, ...server.logged])}`,
      {
        rule: "a disconnect is the client's doing: not a 500, not an error in the log",
        book: "chapters/05-routing.md#errors-and-error-ids",
      },
    );
  });
});
