/**
 * RFC 9113 §8: HTTP messages over HTTP/2. A malformed request (§8.1.1)
 * MUST be a stream error PROTOCOL_ERROR, and the connection goes on:
 * every test here ends by checking the next stream is still served.
 */
import { describe, expect } from "vitest";
import type { HeaderList } from "#ch03/message.ts";
import { H2Wire } from "../h2-wire.ts";
import { must } from "./must.ts";
import { useTarget } from "./target.ts";

const t = useTarget();
const PSEUDO: HeaderList = [
  [":method", "GET"],
  [":scheme", "http"],
  [":authority", "127.0.0.1"],
  [":path", "/hello"],
];

/** Sends `fields` on stream 1 and expects a stream error PROTOCOL_ERROR, then a served stream 3. */
async function malformed(fields: HeaderList, endStream = true): Promise<H2Wire> {
  const wire = await t.open();
  wire.headers(1, fields, { endStream });
  await wire.streamError(1, "PROTOCOL_ERROR");
  return wire;
}

describe("§8.1 HTTP message framing", () => {
  must(
    "9113",
    "8.1",
    "a HEADERS without END_STREAM after the request's trailers... is malformed",
    async () => {
      const wire = await t.open();
      wire.headers(1, H2Wire.request("POST", "/echo"), { endStream: false });
      wire.send({ type: "DATA", streamId: 1, endStream: false, data: Buffer.from("x") });
      wire.headers(1, [["x-trailer", "1"]], { endStream: false });
      await wire.streamError(1, "PROTOCOL_ERROR");
    },
  );

  must("9113", "8.1", "trailers (a second HEADERS with END_STREAM) end the request", async () => {
    const wire = await t.open();
    wire.headers(1, H2Wire.request("POST", "/echo", [["te", "trailers"]]), { endStream: false });
    wire.send({ type: "DATA", streamId: 1, endStream: false, data: Buffer.from("body") });
    wire.headers(1, [["x-checksum", "abc"]], { endStream: true });
    expect((await wire.response(1)).status).toBe(200);
  });

  must("9113", "8.1.1", "content-length larger than the DATA sent is malformed", async () => {
    const wire = await t.open();
    wire.headers(1, H2Wire.request("POST", "/echo", [["content-length", "10"]]), {
      endStream: false,
    });
    wire.send({ type: "DATA", streamId: 1, endStream: true, data: Buffer.from("four") });
    await wire.streamError(1, "PROTOCOL_ERROR");
  });

  must("9113", "8.1.1", "content-length smaller than the DATA sent is malformed", async () => {
    const wire = await t.open();
    wire.headers(1, H2Wire.request("POST", "/echo", [["content-length", "2"]]), {
      endStream: false,
    });
    wire.send({ type: "DATA", streamId: 1, endStream: true, data: Buffer.from("eight b.") });
    await wire.streamError(1, "PROTOCOL_ERROR");
  });

  must("9113", "8.1", "a response to HEAD carries no content (no DATA payload)", async () => {
    const wire = await t.open();
    wire.headers(1, H2Wire.request("HEAD", "/style.css"));
    const res = await wire.response(1);
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
  });

  must("9113", "8.1.1", "a matching content-length is accepted", async () => {
    const wire = await t.open();
    wire.headers(1, H2Wire.request("POST", "/echo", [["content-length", "4"]]), {
      endStream: false,
    });
    wire.send({ type: "DATA", streamId: 1, endStream: true, data: Buffer.from("four") });
    expect((await wire.response(1)).status).toBe(200);
  });
});

describe("§8.2 HTTP fields", () => {
  must("9113", "8.2", "a field name with uppercase characters is malformed", async () => {
    await malformed([...PSEUDO, ["X-Upper", "1"]]);
  });

  for (const [what, name, value] of [
    ["a space in a field name", "x bad", "1"],
    ["a colon inside a regular field name", "x:bad", "1"],
    ["NUL in a field value", "x-bad", "a\0b"],
    ["LF in a field value", "x-bad", "a\nb"],
    ["CR in a field value", "x-bad", "a\rb"],
    ["leading whitespace in a field value", "x-bad", " a"],
    ["trailing whitespace in a field value", "x-bad", "a\t"],
  ] as const) {
    must("9113", "8.2.1", `${what} is malformed`, async () => {
      await malformed([...PSEUDO, [name, value]]);
    });
  }

  for (const [name, value] of [
    ["connection", "keep-alive"],
    ["keep-alive", "timeout=5"],
    ["proxy-connection", "keep-alive"],
    ["transfer-encoding", "chunked"],
    ["upgrade", "h2c"],
  ] as const) {
    must("9113", "8.2.2", `the connection-specific field ${name} is malformed`, async () => {
      await malformed([...PSEUDO, [name, value]]);
    });
  }

  must("9113", "8.2.2", "te with a value other than trailers is malformed", async () => {
    await malformed([...PSEUDO, ["te", "gzip"]]);
  });

  must("9113", "8.2.2", "te: trailers is allowed", async () => {
    const wire = await t.open();
    wire.headers(1, [...PSEUDO, ["te", "trailers"]]);
    expect((await wire.response(1)).status).toBe(200);
  });

  must(
    "9113",
    "8.2.2",
    "responses carry no connection-specific fields, names all lowercase",
    async () => {
      const wire = await t.open();
      wire.get(1, "/");
      const res = await wire.response(1);
      expect(res.status).toBe(200);
      const names = res.fields.map(([n]) => n);
      for (const banned of [
        "connection",
        "keep-alive",
        "proxy-connection",
        "transfer-encoding",
        "upgrade",
      ])
        expect(names).not.toContain(banned);
      for (const n of names) expect(n).toBe(n.toLowerCase());
    },
  );
});

describe("§8.3 pseudo-header fields", () => {
  must("9113", "8.3", "an undefined pseudo-header field is malformed", async () => {
    await malformed([...PSEUDO, [":foo", "bar"]]);
  });

  must("9113", "8.3", "a response pseudo-header (:status) in a request is malformed", async () => {
    await malformed([...PSEUDO, [":status", "200"]]);
  });

  must("9113", "8.3", "a pseudo-header after a regular field is malformed", async () => {
    const [m, s, a, p] = PSEUDO as [HeaderList[0], HeaderList[0], HeaderList[0], HeaderList[0]];
    await malformed([m, s, a, ["x-early", "1"], p]);
  });

  must("9113", "8.3", "a pseudo-header field in trailers is malformed", async () => {
    const wire = await t.open();
    wire.headers(1, H2Wire.request("POST", "/echo"), { endStream: false });
    wire.send({ type: "DATA", streamId: 1, endStream: false, data: Buffer.from("x") });
    wire.headers(1, [[":method", "GET"]], { endStream: true });
    await wire.streamError(1, "PROTOCOL_ERROR");
  });

  for (const name of [":method", ":scheme", ":path"]) {
    must("9113", "8.3.1", `a request without ${name} is malformed`, async () => {
      await malformed(PSEUDO.filter(([n]) => n !== name));
    });
    must("9113", "8.3.1", `a request with ${name} twice is malformed`, async () => {
      const twice = PSEUDO.find(([n]) => n === name) as HeaderList[0];
      await malformed([twice, ...PSEUDO]);
    });
  }

  must(
    "9113",
    "8.3.1",
    ":authority MUST NOT include userinfo: such a request is refused",
    async () => {
      const wire = await t.open();
      wire.headers(
        1,
        PSEUDO.map(([n, v]) => (n === ":authority" ? [n, "user@127.0.0.1"] : [n, v])),
      );
      const answer = await wire.waitFor(
        (f) => f.streamId === 1 && (f.type === "RST_STREAM" || f.type === "HEADERS"),
        "a refusal of stream 1",
      );
      if (answer.type === "RST_STREAM") expect(answer.errorCode).toBe(1);
      else expect(Number(answer.fields?.[0]?.[1])).toBeGreaterThanOrEqual(400);
    },
  );

  must(
    "9113",
    "8.3.1",
    "a second Host naming another host is malformed (RFC 9112 §3.2), not left for the handler",
    async () => {
      await malformed([...PSEUDO, ["host", "127.0.0.1"], ["host", "evil.example"]]);
    },
  );

  must("9113", "8.3.1", "an empty :path is malformed", async () => {
    await malformed(PSEUDO.map(([n, v]) => (n === ":path" ? [n, ""] : [n, v])));
  });

  must("9113", "8.3.2", "a response has exactly one :status, first", async () => {
    const wire = await t.open();
    wire.get(1);
    const res = await wire.response(1);
    expect(res.fields[0]?.[0]).toBe(":status");
    expect(res.fields.filter(([n]) => n.startsWith(":"))).toHaveLength(1);
  });
});

describe("§8.1 interim responses, §8.2.3 cookies, §8.5 CONNECT", () => {
  must(
    "9113",
    "8.1",
    "expect: 100-continue gets a 100 field block before the final response",
    async () => {
      const wire = await t.open();
      const fields = H2Wire.request("POST", "/echo", [["expect", "100-continue"]]);
      wire.headers(1, fields, { endStream: false });
      await wire.waitFor((f) => f.type === "HEADERS" && f.streamId === 1, "the 100 (Continue)");
      wire.send({ type: "DATA", streamId: 1, endStream: true, data: Buffer.from("after 100") });
      const res = await wire.response(1);
      expect(res.interim).toBe(1);
      expect(res.status).toBe(200);
    },
  );

  must(
    "9113",
    "8.2.3",
    "cookie fields MUST be joined with '; ' before an HTTP/1.1 context (the handler)",
    async () => {
      const wire = await t.open();
      wire.headers(
        1,
        H2Wire.request("GET", "/echo", [
          ["cookie", "a=1"],
          ["cookie", "b=2"],
        ]),
      );
      const res = await wire.response(1);
      const echoed = JSON.parse(res.body.toString()) as { headers: [string, string][] };
      expect(echoed.headers.filter(([n]) => n === "cookie")).toEqual([["cookie", "a=1; b=2"]]);
    },
  );

  must(
    "9113",
    "8.3.1",
    "converted for an HTTP/1.1 context (the handler), Host MUST come from :authority",
    async () => {
      const wire = await t.open();
      wire.get(1, "/echo");
      const res = await wire.response(1);
      const echoed = JSON.parse(res.body.toString()) as { headers: [string, string][] };
      expect(echoed.headers.filter(([n]) => n === "host")).toEqual([["host", "127.0.0.1"]]);
    },
  );

  must(
    "9113",
    "8.5",
    "a CONNECT request with :scheme and :path (they MUST be omitted) is malformed",
    async () => {
      await malformed([
        [":method", "CONNECT"],
        [":scheme", "http"],
        [":authority", "127.0.0.1:443"],
        [":path", "/"],
      ]);
    },
  );
});
