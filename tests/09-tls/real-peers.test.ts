/**
 * The TLS listener with real peers over loopback: curl (SNI via --resolve,
 * the test CA via --cacert), openssl s_client (ALPN, SNI, resumption,
 * TLS 1.1 refused) and undici with the test CA.
 */
import tls from "node:tls";
import { Agent, fetch, Pool } from "undici";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectTrue } from "#testing/wire.ts";
import { type LeafFiles, makePki, type TestPki } from "./pki.ts";
import { startTlsServer, type TestTlsServer } from "./tls-server.ts";
import { CURL, CURL_MISSING, GET_CLOSE, OPENSSL_MISSING, run, sClient } from "./tools.ts";

const BOOK = "chapters/09-tls.md";
let pki: TestPki;
let server: TestTlsServer;
let leaves: Record<"local" | "api" | "wild", LeafFiles>;

beforeAll(async () => {
  pki = await makePki();
  leaves = {
    local: await pki.leaf("local", ["localhost", "127.0.0.1", "::1"]),
    api: await pki.leaf("api", ["api.example.test"]),
    wild: await pki.leaf("wild", ["*.example.test"]),
  };
  server = await startTlsServer([leaves.local, leaves.api, leaves.wild]);
});
afterAll(() => server?.close());

/** curl to `name` (resolved to 127.0.0.1) trusting the test CA. */
const curl = (name: string, ...extra: string[]) =>
  run(CURL, [
    "-sS",
    "--cacert",
    pki.caPath,
    "--resolve",
    `${name}:${server.port}:127.0.0.1`,
    ...extra,
    `https://${name}:${server.port}/hi`,
  ]);

describe("curl over https", () => {
  test.skipIf(CURL_MISSING)(
    "the default certificate serves localhost; the request is secure",
    async () => {
      const r = await curl("localhost");
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe("secure=true GET /hi\n");
    },
  );

  test.skipIf(CURL_MISSING)(
    "SNI picks the exact certificate and the wildcard (RFC 6066 §3)",
    async () => {
      for (const name of ["api.example.test", "www.example.test"]) {
        const r = await curl(name);
        expectTrue(r.code === 0, `curl to ${name} failed: ${r.stderr}`, {
          rule: "the server must present a certificate valid for the name in server_name",
          book: `${BOOK}#one-address-many-names-sni`,
          curl: `curl --cacert ca.pem --resolve ${name}:PORT:127.0.0.1 https://${name}:PORT/`,
        });
      }
    },
  );

  test.skipIf(CURL_MISSING)(
    "an unknown name gets the default certificate, which curl rejects",
    async () => {
      const r = await curl("unknown.test");
      expect(r.code).toBe(60); // CURLE_PEER_FAILED_VERIFICATION
      expect(r.stderr).toMatch(/unknown\.test/);
    },
  );

  test.skipIf(CURL_MISSING)("TLS 1.2 and TLS 1.3 both work; ALPN agrees on http/1.1", async () => {
    for (const v of ["--tlsv1.2 --tls-max 1.2", "--tlsv1.3"]) {
      const r = await curl("localhost", ...v.split(" "), "-v");
      expect(r.stdout).toBe("secure=true GET /hi\n");
      expect(r.stderr).toMatch(/ALPN.*http\/1\.1/);
    }
  });
});

describe("openssl s_client", () => {
  test.skipIf(OPENSSL_MISSING)("ALPN: http/1.1 is chosen; h2 alone is not agreed", async () => {
    const both = await sClient(server.port, ["-alpn", "h2,http/1.1"], GET_CLOSE);
    expect(both.stdout).toMatch(/ALPN protocol: http\/1\.1/);
    const h2 = await sClient(server.port, ["-alpn", "h2"], GET_CLOSE);
    expect(h2.stdout).toMatch(/No ALPN negotiated/);
  });

  test.skipIf(OPENSSL_MISSING)(
    "SNI: the subject follows -servername; no SNI gets the default",
    async () => {
      const api = await sClient(server.port, ["-servername", "api.example.test"], GET_CLOSE);
      expect(api.stdout).toMatch(/subject=CN ?= ?api\.example\.test/);
      const none = await sClient(server.port, ["-noservername"], GET_CLOSE);
      expect(none.stdout).toMatch(/subject=CN ?= ?localhost/);
    },
  );

  test.skipIf(OPENSSL_MISSING)(
    "TLS 1.1 is refused (RFC 8996); the server keeps serving",
    async () => {
      const old = await sClient(server.port, ["-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"]);
      expect(old.stdout).toMatch(/Cipher is \(NONE\)/);
      expect(old.stdout + old.stderr).toMatch(
        /alert protocol version|unsupported protocol|no protocols available/,
      );
      const ok = await sClient(server.port, ["-tls1_2"], GET_CLOSE);
      expect(ok.stdout).toMatch(/secure=true/);
    },
  );

  test.skipIf(OPENSSL_MISSING)("resumption: a TLS 1.3 ticket resumes ('Reused')", async () => {
    const file = `${pki.dir}/tls13.sess`;
    const first = await sClient(server.port, ["-tls1_3", "-sess_out", file], GET_CLOSE);
    expect(first.stdout).toMatch(/^New, TLSv1\.3/m);
    const again = await sClient(server.port, ["-tls1_3", "-sess_in", file], GET_CLOSE);
    expectTrue(/^Reused, TLSv1\.3/m.test(again.stdout), "the second connection did not resume", {
      rule: "RFC 8446 §2.2: a client resumes with a ticket (PSK) from an earlier connection",
      book: `${BOOK}#session-resumption`,
      curl: "openssl s_client -connect 127.0.0.1:8443 -sess_out s; … -sess_in s",
    });
  });

  test.skipIf(OPENSSL_MISSING)(
    "resumption: TLS 1.2 without tickets resumes from the session cache",
    async () => {
      const file = `${pki.dir}/tls12.sess`;
      await sClient(server.port, ["-tls1_2", "-no_ticket", "-sess_out", file], GET_CLOSE);
      const again = await sClient(
        server.port,
        ["-tls1_2", "-no_ticket", "-sess_in", file],
        GET_CLOSE,
      );
      expect(again.stdout).toMatch(/^Reused, TLSv1\.2/m);
    },
  );

  test.skipIf(OPENSSL_MISSING)(
    "only TLS 1.2 handshakes go through the session cache; TLS 1.3 ones leave it alone",
    async () => {
      let sessions = 0;
      const count = (_id: Buffer, _data: Buffer, done: () => void): void => {
        sessions++;
        done();
      };
      server.listening.tls12.on("newSession", count);
      try {
        await sClient(server.port, ["-tls1_3"], GET_CLOSE);
        const after13 = sessions;
        await sClient(server.port, ["-tls1_2", "-no_ticket"], GET_CLOSE);
        expectTrue(
          after13 === 0 && sessions > 0,
          `sessions: ${after13} after TLS 1.3, ${sessions} after 1.2`,
          {
            rule: "RFC 8446 §4.6.1: TLS 1.3 resumes by ticket; only TLS 1.2 resumes by session id (RFC 5246 §7.4.1.2)",
            book: `${BOOK}#session-resumption`,
            curl: "openssl s_client -connect 127.0.0.1:8443 -tls1_2 -no_ticket -sess_out s",
          },
        );
      } finally {
        server.listening.tls12.off("newSession", count);
      }
    },
  );

  test.skipIf(OPENSSL_MISSING)(
    "after a ticket key rotation, an old ticket makes a full handshake",
    async () => {
      const file = `${pki.dir}/rotated.sess`;
      await sClient(server.port, ["-tls1_3", "-sess_out", file], GET_CLOSE);
      server.listening.rotateTicketKey();
      const again = await sClient(server.port, ["-tls1_3", "-sess_in", file], GET_CLOSE);
      expect(again.stdout).toMatch(/^New, TLSv1\.3/m);
      expect(again.stdout).toMatch(/secure=true/);
    },
  );
});

describe("undici", () => {
  test("fetch with the test CA: 200 and a secure request", async () => {
    const dispatcher = new Agent({ connect: { ca: pki.ca } });
    try {
      const res = await fetch(`https://localhost:${server.port}/a`, { dispatcher });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("secure=true GET /a\n");
    } finally {
      await dispatcher.close();
    }
  });

  test("keep-alive over TLS: three requests, one handshake", async () => {
    const pool = new Pool(`https://localhost:${server.port}`, {
      connect: { ca: pki.ca },
      connections: 1,
    });
    try {
      const before = server.accepted();
      for (const path of ["/a", "/b", "/c"]) {
        const res = await pool.request({ path, method: "GET" });
        expect(await res.body.text()).toBe(`secure=true GET ${path}\n`);
      }
      expect(server.accepted() - before).toBe(1);
    } finally {
      await pool.close();
    }
  });

  test("without the CA, fetch refuses the certificate", async () => {
    const dispatcher = new Agent();
    const failed = await fetch(`https://localhost:${server.port}/`, { dispatcher }).catch(
      (e: Error) => e,
    );
    expect(failed instanceof Error && String((failed.cause as Error)?.message)).toMatch(
      /certificate/i,
    );
    await dispatcher.close();
  });
});

describe("reading decrypted bytes", () => {
  test("HTTP/1.1 over TLS reads into the shared buffer; pipelined requests keep their order", async () => {
    const socket = tls.connect({
      port: server.port,
      host: "127.0.0.1",
      ca: pki.ca,
      servername: "localhost",
    });
    let received = "";
    const done = new Promise<void>((resolve, reject) => {
      socket.on("data", (d: Buffer) => {
        received += d.toString("latin1");
        if (received.includes("GET /p3")) resolve();
      });
      socket.on("error", reject);
    });
    const before = server.connections.length;
    socket.write(
      ["/p1", "/p2", "/p3"].map((p) => `GET ${p} HTTP/1.1\r\nHost: localhost\r\n\r\n`).join(""),
    );
    await done;
    socket.destroy();
    const order = [...received.matchAll(/GET (\/p\d)/g)].map((m) => m[1]);
    expect(order).toEqual(["/p1", "/p2", "/p3"]);
    const made = server.connections[before];
    expectTrue(
      made?.readMode === "own-buffer",
      `the TLS connection reads with "${made?.readMode}", not "own-buffer": every decrypted record becomes a Buffer and a 'data' event`,
      { book: "chapters/03-keep-alive.md" },
    );
  });
});

describe("the request knows it came over TLS", () => {
  test("request.scheme is https and connection.secure is true", async () => {
    const tlsServer = await startTlsServer([leaves.local], {
      handler: (request) => ({
        status: 200,
        body: `${request.scheme} ${request.connection.secure}`,
      }),
    });
    const dispatcher = new Agent({ connect: { ca: pki.ca } });
    try {
      const res = await fetch(`https://localhost:${tlsServer.port}/`, { dispatcher });
      expect(await res.text()).toBe("https true");
    } finally {
      await dispatcher.close();
      await tlsServer.close();
    }
  });
});
