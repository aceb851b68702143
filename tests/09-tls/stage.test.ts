/**
 * The assembled server as of chapter 09: a plain listener and a TLS one in
 * one process, ALPN from the plan's protocols, HSTS on TLS responses only,
 * the optional redirect, several --host addresses; and the CLI's flags.
 */
import { mkdtempSync } from "node:fs";
import net from "node:net";
import tls from "node:tls";
import os from "node:os";
import path from "node:path";
import { Agent, fetch } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { ListenError } from "#ch01/tcp-server.ts";
import { describeStartError, readOptions } from "../../src/cli-options.ts";
import { type RunningServer, type StartOptions, startServer } from "../../src/server.ts";
import { makePki, type TestPki } from "./pki.ts";
import { CURL, CURL_MISSING, run } from "./tools.ts";

let pki: TestPki;
let pair: { certPath: string; keyPath: string };
let agent: Agent;
let server: RunningServer | undefined;
const staticRoot = mkdtempSync(path.join(os.tmpdir(), "handshake-ch09-static-"));

beforeAll(async () => {
  pki = await makePki();
  pair = await pki.leaf("local", ["localhost", "127.0.0.1", "::1"]);
  agent = new Agent({ connect: { ca: pki.ca } });
});
afterAll(() => agent?.close());
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A port that was free a moment ago (the redirect must name the real one). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function start(
  tls: Partial<NonNullable<StartOptions["tls"]>>,
  hosts?: string[],
  chapter = 9,
): Promise<RunningServer> {
  return startServer({
    host: hosts?.[0] ?? "127.0.0.1",
    ...(hosts ? { hosts } : {}),
    port: 0,
    root: process.cwd(),
    staticRoot,
    chapter,
    tls: { port: 0, pairs: [pair], redirect: false, hsts: "max-age=60", ...tls },
  });
}

const https = (s: RunningServer) => s.listeners.find((l) => l.name === "https")?.port ?? 0;
const plain = (s: RunningServer) => s.listeners.find((l) => l.name === "tcp")?.port ?? 0;

describe("plain and TLS side by side", () => {
  test("one process listens on both; HSTS only on the TLS response (RFC 6797 §7.2)", async () => {
    server = await start({});
    expect(server.listeners.map((l) => [l.name, l.secure])).toEqual([
      ["tcp", false],
      ["https", true],
    ]);
    const secure = await fetch(`https://localhost:${https(server)}/hello`, { dispatcher: agent });
    expect(secure.status).toBe(200);
    expect(secure.headers.get("strict-transport-security")).toBe("max-age=60");
    await secure.arrayBuffer();
    const clear = await fetch(`http://127.0.0.1:${plain(server)}/hello`);
    expect(clear.status).toBe(200);
    expect(clear.headers.get("strict-transport-security")).toBeNull();
    await clear.arrayBuffer();
  });

  test("hsts: false sends none", async () => {
    server = await start({ hsts: false });
    const r = await fetch(`https://localhost:${https(server)}/hello`, { dispatcher: agent });
    expect(r.headers.get("strict-transport-security")).toBeNull();
    await r.arrayBuffer();
  });

  test("hsts: false holds with chapter 10's security headers too; a value is sent once", async () => {
    server = await start({ hsts: false }, undefined, 10);
    const off = await fetch(`https://localhost:${https(server)}/hello`, { dispatcher: agent });
    expect(off.headers.get("strict-transport-security")).toBeNull();
    await off.arrayBuffer();
    await server.close();
    server = await start({}, undefined, 10);
    const on = await fetch(`https://localhost:${https(server)}/hello`, { dispatcher: agent });
    expect(on.headers.get("strict-transport-security")).toBe("max-age=60");
    await on.arrayBuffer();
  });

  test("redirect: plain requests get 308 to the same target over https", async () => {
    const port = await freePort();
    server = await start({ port, redirect: true });
    const r = await fetch(`http://127.0.0.1:${plain(server)}/hello?x=1`, { redirect: "manual" });
    expect(r.status).toBe(308);
    expect(r.headers.get("location")).toBe(`https://127.0.0.1:${port}/hello?x=1`);
    const followed = await fetch(r.headers.get("location") as string, { dispatcher: agent });
    expect(followed.status).toBe(200);
    await followed.arrayBuffer();
  });

  test.skipIf(CURL_MISSING)(
    "curl follows the redirect and trusts the CA; the body comes over TLS",
    async () => {
      const port = await freePort();
      server = await start({ port, redirect: true });
      const r = await run(CURL, [
        "-sSL",
        "--cacert",
        pki.caPath,
        "-o",
        "/dev/null",
        "-w",
        "%{url_effective} %{http_code} %{scheme}",
        `http://127.0.0.1:${plain(server)}/hello`,
      ]);
      expect(r.stdout).toBe(`https://127.0.0.1:${port}/hello 200 HTTPS`);
    },
  );
});

describe("several addresses (--host, repeated)", () => {
  test("127.0.0.1 and ::1: a plain and a TLS listener on each", async () => {
    server = await start({}, ["127.0.0.1", "::1"]);
    const bound = server.listeners.map((l) => `${l.name}@${l.host}`);
    expect(bound).toEqual(["tcp@127.0.0.1", "tcp@::1", "https@127.0.0.1", "https@::1"]);
    for (const l of server.listeners.filter((x) => x.secure)) {
      const host = l.host.includes(":") ? `[${l.host}]` : l.host;
      const r = await fetch(`https://${host}:${l.port}/hello`, { dispatcher: agent });
      expect(r.status, l.host).toBe(200);
      await r.arrayBuffer();
    }
  });

  test(":: is dual stack: the TLS port answers on 127.0.0.1 and ::1", async () => {
    server = await start({}, ["::"]);
    const port = https(server);
    for (const host of ["127.0.0.1", "[::1]"]) {
      const r = await fetch(`https://${host}:${port}/hello`, { dispatcher: agent });
      expect(r.status, host).toBe(200);
      await r.arrayBuffer();
    }
  });
});

describe("the handshake timeout, as set", () => {
  /** How long the server keeps a client that connects and says `said`. */
  async function heldFor(port: number, said: Buffer): Promise<number> {
    const began = Date.now();
    const client = net.connect(port, "127.0.0.1");
    client.on("error", () => {});
    client.on("data", () => {});
    if (said.length > 0) client.write(said);
    await new Promise((resolve) => client.once("close", resolve));
    return Date.now() - began;
  }

  test("bounds a silent client, and one that stops after its hello, by the time set", async () => {
    server = await start({ handshakeTimeoutMs: 300 });
    const silent = await heldFor(https(server), Buffer.alloc(0));
    expect(silent, "a client that never sent its hello").toBeGreaterThanOrEqual(290);
    expect(silent, "the hello timeout is the one set, up to a quarter late").toBeLessThan(2_000);
    // A real hello whose client then says nothing more: node:tls's timer.
    const hello = await new Promise<Buffer>((resolve) => {
      const probe = net.createServer((s) =>
        s.once("data", (d) => {
          resolve(d);
          s.destroy();
        }),
      );
      probe.listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        const c = tls.connect({ port, host: "127.0.0.1", servername: "localhost" });
        c.on("error", () => {});
        c.on("close", () => probe.close());
      });
    });
    const stalled = await heldFor(https(server), hello);
    expect(stalled, "a client that stopped after its hello").toBeGreaterThanOrEqual(290);
    expect(stalled).toBeLessThan(2_000);
  });
});

describe("the CLI's flags", () => {
  test("--tls with defaults: 8443, the dev certificate, no HSTS, no redirect", () => {
    const o = readOptions(["--tls"], {});
    expect(o.tls).toEqual({ port: 8443, pairs: [], redirect: false, hsts: false });
  });
  test("pairs, port, redirect, HSTS and repeated hosts", () => {
    const o = readOptions(
      [
        "--tls-cert",
        "a.pem",
        "--tls-key",
        "a.key",
        "--tls-cert",
        "b.pem",
        "--tls-key",
        "b.key",
        "--tls-port",
        "9443",
        "--tls-redirect",
        "--host",
        "::1",
        "--host",
        "127.0.0.1",
      ],
      {},
    );
    expect(o.tls?.port).toBe(9443);
    expect(o.tls?.pairs.map((p) => path.basename(p.certPath))).toEqual(["a.pem", "b.pem"]);
    expect(o.tls?.redirect).toBe(true);
    expect(o.tls?.hsts).toBe("max-age=31536000");
    expect([o.host, o.hosts]).toEqual(["::1", ["::1", "127.0.0.1"]]);
  });
  test("environment equivalents; flags win; pairs must be pairs", () => {
    const env = {
      HANDSHAKE_TLS: "1",
      HANDSHAKE_TLS_PORT: "10443",
      HANDSHAKE_HSTS: "off",
      HANDSHAKE_HOST: "127.0.0.1,::1",
    };
    const o = readOptions([], env);
    expect([o.tls?.port, o.tls?.hsts, o.hosts]).toEqual([10443, false, ["127.0.0.1", "::1"]]);
    expect(readOptions(["--tls-port", "9000"], env).tls?.port).toBe(9000);
    expect(() => readOptions(["--tls-cert", "a.pem"], {})).toThrow(/in pairs/);
    expect(() => readOptions(["--tls", "--tls-port", "99999"], {})).toThrow(/invalid port/);
  });
  test("a TLS port in use is named as the TLS port, with the flag that moves it", async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as net.AddressInfo).port;
    const again = net.createServer();
    const cause = await new Promise<NodeJS.ErrnoException>((resolve) => {
      again.once("error", resolve);
      again.listen(port, "127.0.0.1");
    });
    taken.close();
    const err = new ListenError({ host: "127.0.0.1", port }, cause);
    const options = readOptions(["--tls", "--tls-port", String(port)], {});
    expect(describeStartError(err, options)).toBe(
      `port ${port} on ${options.host} is already in use: ` +
        "stop the other server or choose another with --tls-port",
    );
    const plain = readOptions(["--port", String(port)], {});
    expect(describeStartError(err, plain)).toMatch(/with --port$/);
  });
  test("--tls-handshake-timeout and its variable; a bad value is named with its source", () => {
    expect(
      readOptions(["--tls", "--tls-handshake-timeout", "2500"], {}).tls?.handshakeTimeoutMs,
    ).toBe(2500);
    const env = { HANDSHAKE_TLS: "1", HANDSHAKE_TLS_HANDSHAKE_TIMEOUT_MS: "4000" };
    expect(readOptions([], env).tls?.handshakeTimeoutMs).toBe(4000);
    expect(readOptions(["--tls"], {}).tls).not.toHaveProperty("handshakeTimeoutMs");
    expect(() => readOptions(["--tls", "--tls-handshake-timeout", "soon"], {})).toThrow(
      /invalid timeout "soon" \(from --tls-handshake-timeout\)/,
    );
  });
  test("no --tls: plain only", () => {
    expect(readOptions([], {}).tls).toBeUndefined();
  });
});

describe("graceful stop with an idle HTTPS client", () => {
  test("close() does not wait for the client to leave: the idle connection is closed by the server", async () => {
    // The idle timeout is long, so only the graceful stop can end the
    // connection; before the fix the TLS listener's close waited for it.
    server = await startServer({
      host: "127.0.0.1",
      port: 0,
      root: process.cwd(),
      staticRoot,
      chapter: 9,
      limits: { idleTimeoutMs: 120_000 },
      tls: { port: 0, pairs: [pair], redirect: false, hsts: false },
    });
    const socket = tls.connect({
      host: "127.0.0.1",
      port: https(server),
      servername: "localhost",
      ca: pki.ca,
    });
    const ended = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    socket.on("error", () => {});
    let received = "";
    const answered = new Promise<void>((resolve) =>
      socket.on("data", (chunk: Buffer) => {
        received += chunk.toString("latin1");
        if (received.includes("\r\n\r\n")) resolve();
      }),
    );
    socket.write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await answered;
    const stopped = server.close().then(() => "stopped" as const);
    const waited = new Promise<"waited">((resolve) =>
      setTimeout(resolve, 20_000, "waited").unref(),
    );
    expect(await Promise.race([stopped, waited])).toBe("stopped");
    server = undefined;
    await ended; // the server closed the idle connection itself
  });
});
