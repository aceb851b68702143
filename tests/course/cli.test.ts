/**
 * The CLI a newcomer meets first: `npm start` and `npm run learn`. Bad input
 * must get one clear line and a non-zero exit, never a stack trace.
 */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import { describe, expect, test } from "vitest";
import { assemble } from "../../src/assembly.ts";
import { readOptions, UsageError } from "../../src/cli-options.ts";

const node = (args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", ...args], { encoding: "utf8", timeout: 30_000 });

function expectOneLineError(r: ReturnType<typeof node>, code: number, pattern: RegExp): void {
  expect(r.status).toBe(code);
  const lines = r.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe("readOptions", () => {
  test("defaults to 127.0.0.1:8080 and the latest chapter", () => {
    const o = readOptions([], {});
    expect(o.host).toBe("127.0.0.1");
    expect(o.port).toBe(8080);
    expect(o.chapter).toBeGreaterThanOrEqual(1);
  });

  test("flags win over HANDSHAKE_PORT, which wins over PORT", () => {
    expect(readOptions(["--port", "1"], { HANDSHAKE_PORT: "2", PORT: "3" }).port).toBe(1);
    expect(readOptions([], { HANDSHAKE_PORT: "2", PORT: "3" }).port).toBe(2);
    expect(readOptions([], { PORT: "3" }).port).toBe(3);
  });

  test.each([["-1"], ["65536"], ["80a"], [""], ["1e3"]])(
    "rejects port %j naming its source",
    (p) => {
      expect(() => readOptions([], { PORT: p })).toThrow(UsageError);
      expect(() => readOptions([], { PORT: p })).toThrow(/from PORT/);
    },
  );

  test("rejects a chapter that does not exist", () => {
    expect(() => readOptions(["--chapter", "99"], {})).toThrow(/invalid chapter "99"/);
  });
});

describe("npm start", { timeout: 60_000 }, () => {
  test("an invalid --port is one line and exit 2", () => {
    expectOneLineError(
      node(["src/cli.ts", "--port", "http"]),
      2,
      /^handshake: invalid port "http"/,
    );
  });

  test("a negative --port is refused with the port's range, in one line", () => {
    expect(() => readOptions(["--port", "-1"], {})).toThrow(
      /^invalid port "-1" \(from --port\): use 0–65535$/,
    );
    expectOneLineError(node(["src/cli.ts", "--port", "-1"]), 2, /^handshake: invalid port "-1"/);
  });

  test("an unknown flag is one line and exit 2", () => {
    expectOneLineError(
      node(["src/cli.ts", "--prot", "1"]),
      2,
      /^handshake: Unknown option '--prot'/,
    );
  });

  test("a port already in use is one line and exit 1", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = node(["src/cli.ts", "--port", String(port)]);
      expectOneLineError(r, 1, new RegExp(`port ${port} on 127.0.0.1 is already in use`));
    } finally {
      blocker.close();
    }
  });

  test("--help prints usage and exits 0", () => {
    const r = node(["src/cli.ts", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--port <number>/);
  });

  test("prints its address, serves, and stops cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, [
      "--import",
      "tsx",
      "src/cli.ts",
      "--port",
      "0",
      "--chapter",
      "1",
    ]);
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const port = await new Promise<number>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no address printed: ${out}`)), 20_000);
      child.stdout.on("data", () => {
        const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
        if (m) {
          clearTimeout(t);
          resolve(Number(m[1]));
        }
      });
    });
    const echoed = await new Promise<string>((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => s.write("ping\n"));
      s.once("data", (d) => {
        resolve(d.toString());
        s.destroy();
      });
    });
    expect(echoed).toBe("ping\n");
    const code = await new Promise<number | null>((resolve) => {
      child.on("exit", resolve);
      child.kill("SIGTERM");
    });
    expect(code).toBe(0);
    expect(out).toMatch(/stopped/);
  });
});

/** What `npm run learn` runs (package.json), without npm's own start. */
const learn = (args: string[]) =>
  spawnSync(process.execPath, ["tools/learn/learn.mjs", ...args], {
    encoding: "utf8",
    timeout: 60_000,
  });

describe("npm run learn", { timeout: 90_000 }, () => {
  test("runs the plain-JavaScript launcher (no tsx loader at start)", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
      scripts: { learn?: string; prepare?: string };
    };
    expect(pkg.scripts.learn).toBe("node tools/learn/learn.mjs");
    expect(pkg.scripts.prepare).toBe("node tools/learn/learn.mjs --build");
  });

  test("reset of a chapter that does not exist is one line and exit 2", () => {
    expectOneLineError(learn(["reset", "99"]), 2, /^learn: there is no chapter 99; chapters: 01/);
  });

  test("an unknown command is one line and exit 2", () => {
    expectOneLineError(learn(["frobnicate"]), 2, /^learn: unknown command "frobnicate"/);
  });

  test("a misspelt flag is one line and exit 2, not the gate run as if it were not there", () => {
    expectOneLineError(
      learn(["--wacth"]),
      2,
      /^learn: unknown option --wacth; npm run learn -- --help/,
    );
  });

  test("--help lists every command", () => {
    const r = learn(["--help"]);
    expect(r.status, r.stderr).toBe(0);
    for (const verb of [
      "hint",
      "test NN",
      "reset NN",
      "solution NN",
      "serve",
      "stats",
      "--watch",
      "--open",
    ])
      expect(r.stdout).toContain(verb);
  });

  test("reset without a TTY refuses unless --yes", () => {
    expectOneLineError(learn(["reset", "01"]), 2, /add --yes to confirm/);
  });

  test("stats prints every chapter's share against its floor", () => {
    const r = learn(["stats"]);
    expect(r.status, r.stderr).toBe(0);
    for (const c of ["01-sockets", "03-keep-alive", "13-http2-streams"]) {
      expect(r.stdout).toMatch(new RegExp(`^${c} +\\d+ +\\d+ +\\d+% +\\d+%$`, "m"));
    }
  });
});

describe("connection limits from flags and environment", () => {
  test("flags and env set the timeouts every protocol applies, and HTTP/1.1's request cap; flags win", () => {
    const o = readOptions(["--keep-alive-timeout", "120000"], {
      HANDSHAKE_KEEP_ALIVE_TIMEOUT_MS: "7",
      HANDSHAKE_HEADERS_TIMEOUT_MS: "3000",
      HANDSHAKE_MAX_REQUESTS: "50",
    });
    expect(o.limits).toEqual({ idleTimeoutMs: 120000, headersTimeoutMs: 3000 });
    expect(o.http1).toEqual({ maxRequestsPerConnection: 50 });
  });

  test("--linger-timeout and HANDSHAKE_LINGER_TIMEOUT_MS set how long a closing connection waits for the client's FIN", () => {
    expect(readOptions(["--linger-timeout", "750"], {}).http1).toEqual({ lingerTimeoutMs: 750 });
    expect(readOptions([], { HANDSHAKE_LINGER_TIMEOUT_MS: "2000" }).http1).toEqual({
      lingerTimeoutMs: 2000,
    });
    expect(() => readOptions([], { HANDSHAKE_LINGER_TIMEOUT_MS: "5s" })).toThrow(
      /from HANDSHAKE_LINGER_TIMEOUT_MS/,
    );
    const options = readOptions(["--linger-timeout", "750", "--port", "0"], {});
    const { plan } = assemble({ ...options, root: process.cwd() }, 3);
    expect(plan.extensions.http1?.lingerTimeoutMs, "the flag reaches HTTP/1.1's options").toBe(750);
  });

  test("--read-mode and HANDSHAKE_READ_MODE pick how connections read, and nothing else is taken", () => {
    expect(readOptions(["--read-mode", "stream"], {}).http1.readMode).toBe("stream");
    expect(readOptions([], { HANDSHAKE_READ_MODE: "own-buffer" }).http1.readMode).toBe(
      "own-buffer",
    );
    expect(readOptions([], {}).http1.readMode).toBeUndefined();
    expect(() => readOptions(["--read-mode", "fast"], {})).toThrow(
      /invalid read mode "fast" \(from --read-mode\): use own-buffer or stream/,
    );
  });

  test("--max-body-bytes and HANDSHAKE_MAX_BODY_BYTES set the body limit", () => {
    expect(readOptions(["--max-body-bytes", "2048"], {}).limits).toEqual({ maxBodyBytes: 2048 });
    expect(readOptions([], { HANDSHAKE_MAX_BODY_BYTES: "10" }).limits).toEqual({
      maxBodyBytes: 10,
    });
    expect(readOptions([], {}).limits).toEqual({});
    expect(readOptions(["--shutdown-grace", "250"], {}).limits).toEqual({ shutdownGraceMs: 250 });
    expect(() => readOptions(["--max-body-bytes", "1M"], {})).toThrow(
      /invalid body size "1M" \(from --max-body-bytes\)/,
    );
  });

  test("compression flags: gzip level (and deflate's), Brotli quality, threshold, in range", () => {
    const o = readOptions(["--gzip-level", "9", "--compress-min-bytes", "4096"], {
      HANDSHAKE_BROTLI_QUALITY: "5",
    });
    expect(o.compression).toEqual({ levels: { gzip: 9, deflate: 9, br: 5 }, threshold: 4096 });
    expect(readOptions([], {}).compression).toEqual({});
    expect(() => readOptions(["--gzip-level", "10"], {})).toThrow(
      /invalid level "10" \(from --gzip-level\): use 0–9/,
    );
    expect(() => readOptions([], { HANDSHAKE_BROTLI_QUALITY: "12" })).toThrow(
      /from HANDSHAKE_BROTLI_QUALITY\): use 0–11/,
    );
  });

  test("a zero or non-numeric limit is refused, naming its source", () => {
    expect(() => readOptions(["--max-requests", "0"], {})).toThrow(/from --max-requests/);
    expect(() => readOptions([], { HANDSHAKE_HEADERS_TIMEOUT_MS: "10s" })).toThrow(
      /from HANDSHAKE_HEADERS_TIMEOUT_MS/,
    );
  });
});

describe("npm run build", { timeout: 90_000 }, () => {
  test("bundles a server that starts with plain node and serves /hello", async () => {
    const built = node(["tools/build.ts"]);
    expect(built.status, built.stderr).toBe(0);
    const child = spawn(process.execPath, ["dist/handshake.js", "--port", "0", "--chapter", "3"]);
    try {
      let out = "";
      const port = await new Promise<number>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no address printed: ${out}`)), 20_000);
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
          if (m) {
            clearTimeout(t);
            resolve(Number(m[1]));
          }
        });
      });
      const res = await fetch(`http://127.0.0.1:${port}/hello`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("hello world");
    } finally {
      child.kill("SIGTERM");
    }
  });
});
