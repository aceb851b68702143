/**
 * The chapter's handler on chapter 03's real HTTP/1.1 connection, over
 * loopback on port 0 (the shared helper in tools/testing/http-server.ts).
 */
export {
  startHttpServer as startServer,
  type TestHttpServer as RunningServer,
} from "#testing/http-server.ts";
