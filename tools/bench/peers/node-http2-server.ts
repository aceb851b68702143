/**
 * The HTTP/2 baseline peer: node:http2 (nghttp2 underneath) serving what
 * ours serves.
 *
 *   node tools/bench/peers/node-http2-server.ts --port P            (h2c)
 *   node tools/bench/peers/node-http2-server.ts --port P --cert C --key K   (h2, TLS)
 *
 * GET /hello answers `hello world`, text/plain, as the node:http peer
 * does. It announces the same SETTINGS_MAX_CONCURRENT_STREAMS as ours
 * (100), so h2load keeps as many streams in flight on both; over TLS it
 * gets the same certificate and TLS floor as ours.
 */
import { readFileSync } from "node:fs";
import http2 from "node:http2";
import { parseArgs } from "node:util";

/** Chapter 13's default, so both servers are asked for the same concurrency. */
const MAX_CONCURRENT_STREAMS = 100;

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
    cert: { type: "string" },
    key: { type: "string" },
  },
});
const body = Buffer.from("hello world");
const settings = { maxConcurrentStreams: MAX_CONCURRENT_STREAMS };

const onStream = (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void => {
  if (headers[":path"] !== "/hello") {
    stream.respond({ ":status": 404, "content-length": "0" }, { endStream: true });
    return;
  }
  stream.respond({
    ":status": 200,
    "content-type": "text/plain",
    "content-length": String(body.length),
  });
  stream.end(body);
};

const server =
  values.cert === undefined
    ? http2.createServer({ settings })
    : http2.createSecureServer({
        settings,
        cert: readFileSync(values.cert),
        key: readFileSync(values.key ?? ""),
        minVersion: "TLSv1.2",
        ALPNProtocols: ["h2"],
      });
server.on("stream", onStream);
server.listen(Number(values.port ?? 0), values.host, () => {
  console.log(`node:http2 listening on ${JSON.stringify(server.address())}`);
});
process.on("SIGTERM", () => process.exit(0));
