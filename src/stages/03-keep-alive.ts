/**
 * Chapter 03's piece of the server: HTTP/1.1 replaces the line echo.
 *
 * It publishes two seams for later chapters: `extensions.handler`, the
 * request handler (chapter 05 wraps it in a router, later chapters in
 * middleware), and `extensions.http1`, the connection options (chapter 04
 * adds body decoders and a chunked framer, chapter 14 an upgrade hook,
 * chapter 17 a logger). The protocol reads both only when the server
 * starts, after every stage has applied, so it sees the final versions.
 */
import type { ConnectionOptions } from "#ch03/connection-options.ts";
import { demoRoutes } from "#ch03/demo-routes.ts";
import type { Handler } from "#ch03/message.ts";
import { http1ConnectionHandler } from "#ch03/serve-http1.ts";
import type { Stage } from "./stage.ts";

declare module "./stage.ts" {
  interface ServerSettings {
    /** Operator overrides of the connection's limits and timeouts. */
    readonly http1?: Partial<ConnectionOptions>;
  }
  interface StageExtensions {
    handler: Handler;
    http1: Partial<ConnectionOptions>;
  }
}

export const stage: Stage = {
  chapter: 3,
  slug: "03-keep-alive",
  apply: (plan) => ({
    ...plan,
    extensions: { ...plan.extensions, handler: demoRoutes, http1: { ...plan.settings.http1 } },
    protocol: (final) =>
      http1ConnectionHandler(final.extensions.handler ?? demoRoutes, final.extensions.http1 ?? {}),
    // The line echo's banner no longer applies: its protocol is replaced.
    banner: [
      "HTTP/1.1 on http://{origin}/ — try /hello and /echo",
      "try: curl -sv http://{origin}/hello http://{origin}/hello   (one connection, reused)",
    ],
  }),
};
