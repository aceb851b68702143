/**
 * RFC 7541 (HPACK) as the server decodes request field blocks: every
 * decoding error is a connection error COMPRESSION_ERROR (RFC 9113
 * §4.3), and the server's own encoder respects our table size.
 */
import { describe, expect } from "vitest";
import type { H2Wire } from "../h2-wire.ts";
import { must } from "./must.ts";
import { useTarget } from "./target.ts";

const t = useTarget();

/** :method GET, :scheme http, :path / (static indexes 2, 6, 4) and :authority 127.0.0.1. */
const REQUEST = Buffer.from([0x82, 0x86, 0x84, 0x01, 0x09, ...Buffer.from("127.0.0.1")]);

async function rawBlock(block: Uint8Array): Promise<H2Wire> {
  const wire = await t.open();
  wire.send({ type: "HEADERS", streamId: 1, endStream: true, endHeaders: true, fragment: block });
  return wire;
}

/** user-agent (static 58) without indexing, value a Huffman string of these bytes. */
const huffmanValue = (bytes: number[]) =>
  Buffer.concat([REQUEST, Buffer.from([0x0f, 0x2b, 0x80 | bytes.length, ...bytes])]);

describe("RFC 7541 §2.3, §6.1 indexes", () => {
  must("7541", "2.3.3", "an index beyond both tables MUST be a decoding error", async () => {
    const wire = await rawBlock(Buffer.concat([REQUEST, Buffer.from([0x80 | 70])]));
    await wire.connectionError("COMPRESSION_ERROR");
  });

  must("7541", "6.1", "index 0 in an indexed field MUST be a decoding error", async () => {
    const wire = await rawBlock(Buffer.concat([REQUEST, Buffer.from([0x80])]));
    await wire.connectionError("COMPRESSION_ERROR");
  });

  must(
    "7541",
    "6.2.1",
    "a literal name index beyond both tables MUST be a decoding error",
    async () => {
      const wire = await rawBlock(
        Buffer.concat([REQUEST, Buffer.from([0x40 | 63, 5, 0x01, 0x61])]),
      );
      await wire.connectionError("COMPRESSION_ERROR");
    },
  );

  must(
    "7541",
    "2.3.2",
    "the dynamic table carries fields from one request to the next",
    async () => {
      const wire = await t.open();
      const extra: [string, string][] = [["x-custom", "same value each time"]];
      for (const id of [1, 3, 5]) wire.get(id, "/hello", extra);
      for (const id of [1, 3, 5]) expect((await wire.response(id)).status).toBe(200);
    },
  );
});

describe("RFC 7541 §4.2, §6.3 dynamic table size updates", () => {
  must(
    "7541",
    "6.3",
    "a size update above our SETTINGS_HEADER_TABLE_SIZE MUST be a decoding error",
    async () => {
      // 0x3f 0xe1 0x3f: a size update to 8,192 (the server announced at most 4,096 by default).
      const wire = await rawBlock(Buffer.concat([Buffer.from([0x3f, 0xe1, 0x3f]), REQUEST]));
      await wire.connectionError("COMPRESSION_ERROR");
    },
  );

  must(
    "7541",
    "4.2",
    "a size update after a field (not at the block's start) MUST be a decoding error",
    async () => {
      const wire = await rawBlock(Buffer.concat([REQUEST, Buffer.from([0x20])]));
      await wire.connectionError("COMPRESSION_ERROR");
    },
  );

  must("7541", "4.2", "a size update at the block's start is accepted", async () => {
    const wire = await rawBlock(Buffer.concat([Buffer.from([0x3f, 0xe1, 0x1f]), REQUEST]));
    expect((await wire.response(1)).status).toBe(200);
  });

  must(
    "7541",
    "4.2",
    "with our SETTINGS_HEADER_TABLE_SIZE 0, the server signals it and indexes nothing",
    async () => {
      const wire = await t.open([], { headerTableSize: 0 });
      for (const id of [1, 3, 5]) wire.get(id, "/");
      for (const id of [1, 3, 5]) expect((await wire.response(id)).status).toBe(200);
      expect(wire.serverFault).toBeUndefined();
    },
  );
});

describe("RFC 7541 §5.2 Huffman strings", () => {
  must("7541", "5.2", "padding longer than 7 bits MUST be a decoding error", async () => {
    // "a" is 00011 (5 bits); then 11 bits of 1s.
    const wire = await rawBlock(huffmanValue([0x1f, 0xff]));
    await wire.connectionError("COMPRESSION_ERROR");
  });

  must(
    "7541",
    "5.2",
    "padding that is not the EOS prefix (1s) MUST be a decoding error",
    async () => {
      // "a" then 000 instead of 111.
      const wire = await rawBlock(huffmanValue([0x18]));
      await wire.connectionError("COMPRESSION_ERROR");
    },
  );

  must("7541", "5.2", "a string containing EOS MUST be a decoding error", async () => {
    // 32 bits of 1s: EOS (30 bits) decoded as a symbol.
    const wire = await rawBlock(huffmanValue([0xff, 0xff, 0xff, 0xff]));
    await wire.connectionError("COMPRESSION_ERROR");
  });

  must("7541", "5.2", "a well-padded Huffman string is accepted", async () => {
    const wire = await rawBlock(huffmanValue([0x1f]));
    expect((await wire.response(1)).status).toBe(200);
  });
});

describe("RFC 7541 §5.1 integers", () => {
  must(
    "7541",
    "5.1",
    "an integer that overflows (an endless continuation) MUST be a decoding error",
    async () => {
      const wire = await rawBlock(
        Buffer.concat([REQUEST, Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])]),
      );
      await wire.connectionError("COMPRESSION_ERROR");
    },
  );

  must(
    "7541",
    "5.1",
    "a field block that ends inside an integer MUST be a decoding error",
    async () => {
      const wire = await rawBlock(Buffer.concat([REQUEST, Buffer.from([0xff, 0x80])]));
      await wire.connectionError("COMPRESSION_ERROR");
    },
  );

  must("7541", "5.2", "a string longer than the block MUST be a decoding error", async () => {
    const wire = await rawBlock(Buffer.concat([REQUEST, Buffer.from([0x0f, 0x2b, 0x10, 0x61])]));
    await wire.connectionError("COMPRESSION_ERROR");
  });
});
