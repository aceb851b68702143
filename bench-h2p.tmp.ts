import net from "node:net";
import { connectionInfo } from "#ch01/connection.ts";
import { h2Protocol } from "#ch13/serve-h2.ts";
const p = h2Protocol(() => ({ status: 200, headers: [["content-type", "text/plain"]], body: "hello world" }));
const s = net.createServer((sock) => p.serve(sock, connectionInfo(sock)));
s.listen(0, "127.0.0.1", () => console.log((s.address() as net.AddressInfo).port));
setTimeout(() => process.exit(0), 25_000);
