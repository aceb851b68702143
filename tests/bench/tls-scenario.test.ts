/**
 * The TLS scenarios compare like with like: node:https is started with
 * the header fields ours sent (headFields) and ours' TLS profile, and
 * answers with those fields, over the same cipher suite and group.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import tls from "node:tls";
import { afterAll, describe, expect, test } from "vitest";
import { TLS_PROFILE } from "#ch09/tls-profile.ts";
import { benchCertificate } from "../../tools/bench/scenarios/bench-certificate.ts";
import { headFields } from "../../tools/bench/scenarios/tls.ts";
import { ROOT } from "../../tools/bench/servers.ts";

const OURS_ANSWER =
  "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nvary: Accept-Encoding\r\n" +
  "x-content-type-options: nosniff\r\ndate: Sat, 05 Dec 2026 01:59:45 GMT\r\n" +
  "content-length: 11\r\nconnection: close\r\n\r\nhello world";

/** One GET /hello over TLS; the raw answer and the negotiated suite. */
function get(port: number): Promise<{ raw: string; cipher: string; group: string }> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ port, host: "127.0.0.1", rejectUnauthorized: false });
    let raw = "";
    socket.on("secureConnect", () => socket.write("GET /hello HTTP/1.1\r\nHost: b\r\n\r\n"));
    socket.on("data", (d: Buffer) => {
      raw += d.toString("latin1");
      if (!raw.endsWith("hello world")) return;
      const key = socket.getEphemeralKeyInfo();
      const group = key !== null && "name" in key ? String(key.name) : "none";
      resolve({ raw, cipher: socket.getCipher().name, group });
      socket.destroy();
    });
    socket.on("error", reject);
  });
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("TLS bench scenarios", () => {
  test("headFields keeps ours' fields in order, minus the ones node:http writes", () => {
    expect(headFields(OURS_ANSWER)).toEqual([
      ["content-type", "text/plain"],
      ["vary", "Accept-Encoding"],
      ["x-content-type-options", "nosniff"],
    ]);
  });

  test("node:https sends the fields it was given, with ours' TLS profile", async () => {
    const files = await benchCertificate("test");
    dirs.push(path.dirname(files.dir));
    const fields = headFields(OURS_ANSWER);
    const peer = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(ROOT, "tools/bench/peers/node-https-server.ts"),
        ...["--port", "0", "--cert", files.cert, "--key", files.key],
        ...["--tls-json", JSON.stringify(TLS_PROFILE), "--fields-json", JSON.stringify(fields)],
      ],
      { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      const port = await new Promise<number>((resolve, reject) => {
        peer.stdout.on("data", (d: Buffer) => {
          const m = /"port":(\d+)/.exec(d.toString());
          if (m) resolve(Number(m[1]));
        });
        peer.on("exit", (code) => reject(new Error(`peer exited with ${code}`)));
      });
      const { raw, cipher, group } = await get(port);
      expect(headFields(raw)).toEqual(fields);
      expect(raw).toMatch(/\r\nDate: /);
      expect(cipher).toMatch(/^TLS_AES_/);
      expect(group).toBe("X25519");
    } finally {
      peer.kill("SIGTERM");
    }
  }, 20_000);
});
