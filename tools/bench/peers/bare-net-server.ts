/**
 * The ceiling: node:net answering a fixed response per request, unparsed.
 *
 *   node --import tsx tools/bench/peers/bare-net-server.ts --port P
 *
 * It counts blank lines (`\r\n\r\n`) and writes one canned response for
 * each, with no parsing, no validation and no Date. Not an HTTP server (it
 * ignores methods, targets and bodies) but the most a node:net server can
 * do on this machine: the distance between it and ours is what parsing,
 * validation and the handler cost.
 */
import net from "node:net";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { port: { type: "string" }, host: { type: "string", default: "127.0.0.1" } },
});

const RESPONSE = Buffer.from(
  "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world",
  "latin1",
);
const END = Buffer.from("\r\n\r\n", "latin1");
/** Pre-built runs of responses so a pipelined burst is one write. */
const RUNS = Array.from({ length: 65 }, (_, n) => Buffer.concat(Array(n).fill(RESPONSE)));

/** Count `\r\n\r\n` in carry+chunk; returns the count and the new carry. */
function countHeads(carry: Buffer, chunk: Buffer): { count: number; carry: Buffer } {
  const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
  let count = 0;
  let from = 0;
  for (let at = data.indexOf(END, from); at !== -1; at = data.indexOf(END, from)) {
    count++;
    from = at + END.length;
  }
  return { count, carry: data.subarray(Math.max(from, data.length - 3)) };
}

const server = net.createServer((socket) => {
  let carry = Buffer.alloc(0);
  socket.on("data", (chunk: Buffer) => {
    const r = countHeads(carry, chunk);
    carry = Buffer.from(r.carry);
    for (let left = r.count; left > 0; left -= RUNS.length - 1) {
      socket.write(RUNS[Math.min(left, RUNS.length - 1)]!);
    }
  });
  socket.on("error", () => socket.destroy());
});
server.listen(Number(values.port ?? 0), values.host, () => {
  console.log(`bare node:net listening on ${JSON.stringify(server.address())}`);
});
process.on("SIGTERM", () => process.exit(0));
