/**
 * The stage, end to end with curl: every defence is in the assembled
 * server, in front of chapters 05–08.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LOCAL_HOSTS } from "#ch10/host-check.ts";
import { request } from "#testing/synthetic.ts";
import { isLoopback, readOptions } from "../../src/cli-options.ts";
import { stage as hardeningStage } from "../../src/stages/10-hardening.ts";
import { fold } from "../../src/stages/stage.ts";
import { connectPeer, type RawPeer } from "./attacker.ts";
import { type Hardened, startHardened } from "./server.ts";

const run = promisify(execFile);
const CURL_MISSING = await run("curl", ["--version"]).then(
  () => false,
  () => true,
);
if (CURL_MISSING) console.warn("\n*** SKIPPING chapter 10's curl tests: curl is missing ***\n");

/** curl -si, returning status and the head in lower case. */
async function curl(...args: string[]): Promise<{ status: number; head: string; body: string }> {
  const { stdout } = await run("curl", ["-si", "--max-time", "5", ...args]);
  const [head = "", body = ""] = stdout.split("\r\n\r\n", 2);
  return { status: Number(head.split(" ")[1]), head: head.toLowerCase(), body };
}

let server: Hardened;
beforeAll(async () => {
  server = await startHardened({
    rateLimit: { policy: { capacity: 5, windowSeconds: 60 } },
    cors: { origins: ["http://app.test"], methods: ["GET", "POST", "PUT"] },
  });
});
afterAll(() => server.close());

describe.skipIf(CURL_MISSING)("the assembled server as of chapter 10, with curl", () => {
  test("security headers on every response, no HSTS over plain HTTP", async () => {
    const r = await curl(`${server.url}/`);
    expect(r.status).toBe(200);
    expect(r.head).toContain("content-security-policy: default-src 'self'");
    expect(r.head).toContain("x-content-type-options: nosniff");
    expect(r.head).toContain("referrer-policy: no-referrer");
    expect(r.head).toContain("cross-origin-opener-policy: same-origin");
    expect(r.head).not.toContain("strict-transport-security");
  });

  test("DNS rebinding: a foreign Host gets 421", async () => {
    const r = await curl("-H", "Host: rebind.attacker.test", `${server.url}/hello`);
    expect(r.status).toBe(421);
    expect(r.body).toContain("MISDIRECTED");
  });

  test("a CORS preflight from an allowed origin, answered before the router", async () => {
    const r = await curl(
      "-X",
      "OPTIONS",
      "-H",
      "Origin: http://app.test",
      "-H",
      "Access-Control-Request-Method: PUT",
      "-H",
      "Access-Control-Request-Headers: content-type",
      `${server.url}/echo/x`,
    );
    expect(r.status).toBe(204);
    expect(r.head).toContain("access-control-allow-origin: http://app.test");
    expect(r.head).toContain("access-control-allow-methods: get, post, put");
    expect(r.head).toContain("access-control-max-age: 600");
    expect(r.head).toContain("vary: origin");
  });

  test("a preflight from another origin is refused", async () => {
    const r = await curl(
      "-X",
      "OPTIONS",
      "-H",
      "Origin: http://evil.test",
      "-H",
      "Access-Control-Request-Method: PUT",
      `${server.url}/echo/x`,
    );
    expect(r.status).toBe(403);
    expect(r.head).not.toContain("access-control-allow-origin");
  });

  test("a rate-limit burst: the sixth request in a row gets 429", async () => {
    const statuses: number[] = [];
    let last = { status: 0, head: "", body: "" };
    for (let i = 0; i < 6; i++) {
      last = await curl("-H", "Host: localhost", `${server.url}/api/time`);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 4).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(last.head).toMatch(/retry-after: \d+/);
    expect(last.head).toContain('ratelimit-policy: "default";q=5;w=60');
    expect(last.head).toMatch(/ratelimit: "default";r=0;t=\d+/);
  });
});

test("the banner says what chapter 10 added", () => {
  expect(server.banner.join("\n")).toContain("hardening: Host allow-list");
});

describe("the operator's allow-list (--allowed-host, HANDSHAKE_ALLOWED_HOSTS)", () => {
  test("names add to the local ones; '*' turns the check off", () => {
    const added = readOptions(["--allowed-host", "book.example", "--allowed-host", "*.lan"], {});
    expect(added.hardening.allowedHosts).toEqual([...LOCAL_HOSTS, "book.example", "*.lan"]);
    const fromEnv = readOptions([], { HANDSHAKE_ALLOWED_HOSTS: "a.example, b.example" });
    expect(fromEnv.hardening.allowedHosts).toEqual([...LOCAL_HOSTS, "a.example", "b.example"]);
    expect(readOptions(["--allowed-host", "*"], {}).hardening).toEqual({ allowedHosts: undefined });
  });

  test("a server only on loopback has the local names by default; one on other addresses has no list", () => {
    const shipped = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
      readOptions(argv, env).hardening.allowedHosts;
    expect(shipped([])).toEqual(LOCAL_HOSTS);
    expect(shipped(["--host", "::1", "--host", "127.0.0.2"])).toEqual(LOCAL_HOSTS);
    expect(shipped([], { HANDSHAKE_HOST: "localhost" })).toEqual(LOCAL_HOSTS);
    expect(shipped(["--host", "0.0.0.0"])).toBeUndefined();
    expect(shipped(["--host", "::"])).toBeUndefined();
    expect(shipped(["--host", "127.0.0.1", "--host", "192.0.2.10"])).toBeUndefined();
    expect(shipped(["--allowed-host", "*"])).toBeUndefined();
  });

  test("--max-connections and --max-connections-per-address set the caps at accept, and the banner says them", async () => {
    const given = readOptions(
      ["--max-connections", "500", "--max-connections-per-address", "3"],
      {},
    );
    expect(given.hardening.connections).toEqual({
      maxConnections: 500,
      maxConnectionsPerAddress: 3,
    });
    const fromEnv = readOptions([], { HANDSHAKE_MAX_CONNECTIONS_PER_ADDRESS: "4096" });
    expect(fromEnv.hardening.connections).toEqual({ maxConnectionsPerAddress: 4096 });
    expect(readOptions([], {}).hardening.connections).toBeUndefined();
    expect(() => readOptions(["--max-connections", "0"], {})).toThrow(/connection count "0"/);
    const banner = (argv: string[]) =>
      hardeningStage
        .apply(
          fold(
            { host: "127.0.0.1", port: 0, root: ".", hardening: readOptions(argv, {}).hardening },
            [],
            {
              handler: () => ({ status: 200 }),
            },
          ),
        )
        .banner.join("\n");
    expect(banner([])).toContain("at most 10000 connections, 256 per address");
    expect(banner(["--max-connections-per-address", "3"])).toContain(
      "at most 10000 connections, 3 per address",
    );
    // And the cap is what the listener enforces: a fourth connection from one address is refused.
    const capped = await startHardened({ connections: given.hardening.connections ?? {} });
    const peers: RawPeer[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const peer = await connectPeer(capped.port, "127.0.0.1");
        peer.socket.write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
        await peer.waitFor("hello world");
        peers.push(peer);
      }
      const extra = await connectPeer(capped.port, "127.0.0.1");
      peers.push(extra);
      const answer = await extra.waitFor("TOO_MANY_CONNECTIONS");
      expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    } finally {
      for (const p of peers) p.socket.destroy();
      await capped.close();
    }
  });

  test("isLoopback: 127.0.0.0/8, ::1 and localhost, nothing else", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "::ffff:127.0.0.1"])
      expect(isLoopback(host), host).toBe(true);
    for (const host of [
      "0.0.0.0",
      "::",
      "",
      "192.0.2.10",
      "127.example",
      "localhost.example",
      "::2",
    ])
      expect(isLoopback(host), host).toBe(false);
  });

  test("as shipped on 127.0.0.1, a rebinding name is refused and the local ones are served", async () => {
    const plan = hardeningStage.apply(
      fold(
        { host: "127.0.0.1", port: 0, root: ".", hardening: readOptions([], {}).hardening },
        [],
        { handler: () => ({ status: 200 }) },
      ),
    );
    expect(plan.banner.join("\n")).toContain("Host allow-list (localhost, 127.0.0.1, [::1], ::1)");
    const handler = plan.extensions.handler;
    if (handler === undefined) throw new Error("chapter 10 left the plan without a handler");
    const status = async (host: string) => (await handler(request("GET /", ["Host", host]))).status;
    expect(await status("rebind.example:8080")).toBe(421);
    expect(await status("127.0.0.1:8080")).toBe(200);
    expect(await status("localhost:8080")).toBe(200);
  });

  test("--rate-limit turns the quota on; without it, and without --allowed-host, both are off", () => {
    expect(readOptions(["--rate-limit", "120"], {}).hardening.rateLimit).toEqual({
      policy: { capacity: 120, windowSeconds: 60 },
    });
    expect(
      readOptions([], { HANDSHAKE_RATE_LIMIT: "7" }).hardening.rateLimit?.policy.capacity,
    ).toBe(7);
    expect(() => readOptions(["--rate-limit", "0"], {})).toThrow(/request count/);
    // The stage alone, with settings that name neither (a program that
    // embeds the server rather than the CLI, which turns the list on).
    const bare = hardeningStage.apply(
      fold({ host: "127.0.0.1", port: 0, root: "." }, [], { handler: () => ({ status: 200 }) }),
    );
    expect(bare.banner.join("\n")).toContain("Host allow-list off");
    expect(bare.banner.join("\n")).toContain("rate limit off");
    expect(readOptions([], {}).hardening.rateLimit).toBeUndefined();
  });

  test("the stage adds the address it listens on, unless it is a wildcard", () => {
    const plan = (host: string) =>
      hardeningStage.apply(
        fold({ host, port: 0, root: ".", hardening: { allowedHosts: LOCAL_HOSTS } }, [], {
          handler: () => ({ status: 200 }),
        }),
      );
    expect(plan("192.0.2.10").banner.join("\n")).toContain("192.0.2.10");
    expect(plan("::1").banner.join("\n")).toContain("[::1]");
    expect(plan("0.0.0.0").banner.join("\n")).not.toContain("0.0.0.0");
  });
});
