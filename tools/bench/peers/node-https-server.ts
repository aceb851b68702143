/**
 * The TLS baseline peer: node:https serving what ours serves over TLS.
 *
 *   node tools/bench/peers/node-https-server.ts --port P --cert C --key K
 *
 * GET /hello answers `hello world`, as the node:http peer does. It gets
 * the same certificate and the same TLS floor as ours (TLS 1.2, node's
 * default ciphers, which include the profile's), so the comparison is
 * about the server around TLS, not the cryptography.
 */
import { readFileSync } from "node:fs";
import https from "node:https";
import { parseArgs } from "node:util";

const KEEP_ALIVE_TIMEOUT_MS = 120_000;

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
    cert: { type: "string" },
    key: { type: "string" },
  },
});
const body = Buffer.from("hello world");
const server = https.createServer(
  {
    cert: readFileSync(values.cert ?? ""),
    key: readFileSync(values.key ?? ""),
    minVersion: "TLSv1.2",
    ALPNProtocols: ["http/1.1"],
  },
  (req, res) => {
    if (req.url !== "/hello") {
      res.writeHead(404, { "Content-Length": "0" }).end();
      return;
    }
    res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": String(body.length) });
    res.end(body);
  },
);
server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
server.listen(Number(values.port ?? 0), values.host, () => {
  console.log(`node:https listening on ${JSON.stringify(server.address())}`);
});
process.on("SIGTERM", () => process.exit(0));
