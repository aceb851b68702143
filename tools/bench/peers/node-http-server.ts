/**
 * The baseline peer: node:http serving what our chapter 03 serves.
 *
 *   node --import tsx tools/bench/peers/node-http-server.ts --port P
 *
 * GET /hello answers `hello world` as text/plain with Content-Length over
 * keep-alive, like ours; any other path is 404. node:http adds Date,
 * Connection and Keep-Alive headers of its own; ours sends Date too.
 * keepAliveTimeout is raised so the idle-memory scenario's connections are
 * not closed while it measures (node's default is 5 s).
 */
import http from "node:http";
import { parseArgs } from "node:util";

/** Longer than the idle-memory scenario takes to open and measure. */
const KEEP_ALIVE_TIMEOUT_MS = 120_000;

const { values } = parseArgs({
  options: { port: { type: "string" }, host: { type: "string", default: "127.0.0.1" } },
});
const body = Buffer.from("hello world");

const server = http.createServer((req, res) => {
  if (req.url !== "/hello") {
    res.writeHead(404, { "Content-Length": "0" }).end();
    return;
  }
  res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": String(body.length) });
  res.end(body);
});
server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
server.listen(Number(values.port ?? 0), values.host, () => {
  console.log(`node:http listening on ${JSON.stringify(server.address())}`);
});
process.on("SIGTERM", () => process.exit(0));
