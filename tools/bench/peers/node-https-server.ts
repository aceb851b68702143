/**
 * The TLS baseline peer: node:https serving what ours serves over TLS.
 *
 *   node tools/bench/peers/node-https-server.ts --port P --cert C --key K \
 *     [--tls-json '{"ciphers":…}'] [--fields-json '[["vary","…"],…]']
 *
 * GET /hello answers `hello world`. The scenario (scenarios/tls.ts) hands
 * it ours' TLS profile (`--tls-json`: floor, ciphers, groups, cipher
 * order, session lifetime) and the header fields ours sent on the same
 * request (`--fields-json`), so both servers do the same cryptography and
 * send the same response; the comparison is about the server around TLS.
 *
 * node:http adds Date itself (as ours does) and `Connection: keep-alive`
 * (or `close`), which ours leaves out on keep-alive responses (it is
 * HTTP/1.1's default, RFC 9112 §9.3): this peer's keep-alive responses
 * are 24 bytes longer than ours. keepAliveTimeout 0 keeps node from
 * adding a `Keep-Alive: timeout=…` field too (and idle connections open,
 * which a benchmark does not mind).
 */
import { readFileSync } from "node:fs";
import https from "node:https";
import type { TlsOptions } from "node:tls";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
    cert: { type: "string" },
    key: { type: "string" },
    "tls-json": { type: "string", default: "{}" },
    "fields-json": { type: "string", default: '[["content-type","text/plain"]]' },
  },
});
const body = Buffer.from("hello world");
const fields = JSON.parse(values["fields-json"]) as [string, string][];
const head: Record<string, string> = Object.fromEntries(fields);
head["content-length"] = String(body.length);
const profile = JSON.parse(values["tls-json"]) as TlsOptions;

const server = https.createServer(
  {
    minVersion: "TLSv1.2",
    ...profile,
    cert: readFileSync(values.cert ?? ""),
    key: readFileSync(values.key ?? ""),
    ALPNProtocols: ["http/1.1"],
  },
  (req, res) => {
    if (req.url !== "/hello") {
      res.writeHead(404, { "Content-Length": "0" }).end();
      return;
    }
    res.writeHead(200, head);
    res.end(body);
  },
);
server.keepAliveTimeout = 0;
server.listen(Number(values.port ?? 0), values.host, () => {
  console.log(`node:https listening on ${JSON.stringify(server.address())}`);
});
process.on("SIGTERM", () => process.exit(0));
