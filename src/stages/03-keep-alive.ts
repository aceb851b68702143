/**
 * Chapter 03's piece of the server: HTTP/1.1 replaces the line echo.
 *
 * It publishes two seams for later chapters: `extensions.handler`, the
 * request handler (chapter 05 wraps it in a router, later chapters in
 * middleware), and `extensions.http1`, the connection options (chapter 04
 * adds body decoders and a chunked framer, chapter 17 a logger). The
 * protocol is built from the final plan when the first socket arrives
 * (lateProtocol), so it serves what every later stage made of both.
 *
 * The transport-neutral limits (settings.limits) become the connection's
 * deadlines here; settings.http1 holds what only HTTP/1.1 has.
 */
import type { ConnectionOptions } from "#ch03/connection-options.ts";
import { demoRoutes } from "#ch03/demo-routes.ts";
import type { Handler } from "#ch03/message.ts";
import { http1Protocol } from "#ch03/serve-http1.ts";
import { lateProtocol, type ServerLimits, type ServerPlan, type Stage } from "./stage.ts";

/** Operator settings only HTTP/1.1 has. */
export type Http1Settings = Partial<
  Pick<
    ConnectionOptions,
    "maxRequestsPerConnection" | "maxPipelinedRequests" | "lingerTimeoutMs" | "readMode"
  >
>;

declare module "./stage.ts" {
  interface ServerSettings {
    /** Operator overrides of what only HTTP/1.1 has. */
    readonly http1?: Http1Settings;
  }
  interface StageExtensions {
    handler: Handler;
    http1: Partial<ConnectionOptions>;
    /**
     * What the final handler passes through once before a protocol serves
     * it (chapter 05: the memo of constant routes' answers).
     */
    beforeServing: (handler: Handler) => Handler;
  }
}

/** The limits an HTTP/1.1 connection enforces itself, as its options. */
export function http1Limits(limits: Partial<ServerLimits> = {}): Partial<ConnectionOptions> {
  const options: { -readonly [K in keyof ConnectionOptions]?: ConnectionOptions[K] } = {};
  if (limits.headersTimeoutMs !== undefined) options.headersTimeoutMs = limits.headersTimeoutMs;
  if (limits.idleTimeoutMs !== undefined) options.keepAliveTimeoutMs = limits.idleTimeoutMs;
  return options;
}

/** The final plan's handler as protocols serve it (beforeServing applied). */
export function servedHandler(final: ServerPlan): Handler {
  const handler = final.extensions.handler ?? demoRoutes;
  return final.extensions.beforeServing?.(handler) ?? handler;
}

export const stage: Stage = {
  chapter: 3,
  slug: "03-keep-alive",
  apply: (plan) => ({
    ...plan,
    extensions: {
      ...plan.extensions,
      handler: demoRoutes,
      http1: { ...http1Limits(plan.settings.limits), ...plan.settings.http1 },
    },
    protocols: [
      lateProtocol(plan, { id: "http/1.1" }, (final) =>
        http1Protocol(servedHandler(final), final.extensions.http1 ?? {}),
      ),
    ],
    // The line echo's banner no longer applies: its protocol is replaced.
    banner: [
      "HTTP/1.1 on http://{origin}/ — try /hello and /echo",
      "try: curl -sv http://{origin}/hello http://{origin}/hello   (one connection, reused)",
    ],
  }),
};
