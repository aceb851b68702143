/**
 * Check a server answers correctly before timing it: a server that
 * answers 404 or garbage at a million requests per second is not fast.
 */
import net from "node:net";

/** Bound on the whole probe. */
export const PROBE_TIMEOUT_MS = 3_000;

export type ProbeResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** What a /hello response must contain; the body after the blank line. */
export function checkHelloResponse(raw: string, body: string): ProbeResult {
  const end = raw.indexOf("\r\n\r\n");
  const statusLine = raw.slice(0, raw.indexOf("\r\n"));
  if (end === -1) return { ok: false, reason: `incomplete response ${JSON.stringify(raw)}` };
  if (!/^HTTP\/1\.1 200 /.test(statusLine)) {
    return { ok: false, reason: `expected 200, got ${JSON.stringify(statusLine)}` };
  }
  const got = raw.slice(end + 4, end + 4 + body.length);
  if (got !== body) return { ok: false, reason: `expected body ${JSON.stringify(body)}` };
  return { ok: true };
}

/** Send one GET over a raw socket and check the answer, bounded in time. */
export function probeHello(port: number, path = "/hello", body = "hello world") {
  return new Promise<ProbeResult>((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    let raw = "";
    const done = (r: ProbeResult): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(
      () => done({ ok: false, reason: `no full answer in ${PROBE_TIMEOUT_MS} ms` }),
      PROBE_TIMEOUT_MS,
    );
    socket.on("connect", () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`));
    socket.on("data", (d: Buffer) => {
      raw += d.toString("latin1");
      const r = checkHelloResponse(raw, body);
      if (r.ok || raw.length > body.length + 4_096) done(r);
    });
    socket.on("error", (e) => done({ ok: false, reason: e.message }));
    socket.on("close", () => done(checkHelloResponse(raw, body)));
  });
}
