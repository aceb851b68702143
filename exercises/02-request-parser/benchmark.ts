/**
 * Benchmark helpers for `npm run bench` (chapter 19 runs them).
 *
 * Linearity is a property of the work, proven in the tests by counting the
 * bytes the splitter examines; time is only measured here, where a slow
 * machine makes a number smaller instead of making a test fail.
 */
import { Buffer } from "node:buffer";
import { RequestHeadParser } from "./request-head-parser.ts";

/** A valid head of about `bytes` bytes: a request-line and filler fields. */
export function sampleHead(bytes: number): Buffer {
  const lines = ["GET /bench?q=1 HTTP/1.1", "Host: bench.example"];
  let size = lines.join("\r\n").length + 4;
  for (let i = 0; size < bytes; i++) {
    const line = `X-Filler-${i}: ${"v".repeat(40)}`;
    lines.push(line);
    size += line.length + 2;
  }
  return Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");
}

export interface ParseBenchmarkOptions {
  /** Approximate size of the head. Default 8 KiB. */
  readonly headBytes?: number;
  /** Size of each pushed chunk; 1 is the worst case. Default 1. */
  readonly chunkBytes?: number;
  /** Heads to parse. Default 200. */
  readonly iterations?: number;
}

export interface ParseBenchmarkResult {
  readonly headBytes: number;
  readonly chunkBytes: number;
  readonly iterations: number;
  readonly totalMs: number;
  /** Should stay flat as headBytes grows: that is linearity. */
  readonly nsPerByte: number;
  /** Bytes examined per head; equals headBytes for a linear parser. */
  readonly bytesScanned: number;
}

/** Parses the same head `iterations` times, fed in `chunkBytes` pieces. */
export function parseHeadBenchmark(
  options: ParseBenchmarkOptions = {},
): ParseBenchmarkResult {
  const { chunkBytes = 1, iterations = 200 } = options;
  const head = sampleHead(options.headBytes ?? 8 * 1024);
  const chunks: Buffer[] = [];
  for (let i = 0; i < head.length; i += chunkBytes)
    chunks.push(head.subarray(i, i + chunkBytes));
  const parser = new RequestHeadParser({
    maxHeaderBytes: head.length,
    maxHeaderCount: head.length,
  });
  let bytesScanned = 0;
  const start = performance.now();
  for (let n = 0; n < iterations; n++) {
    parser.reset();
    for (const chunk of chunks)
      if (parser.push(chunk).kind !== "incomplete") break;
    bytesScanned = parser.bytesScanned;
  }
  const totalMs = performance.now() - start;
  const nsPerByte = (totalMs * 1e6) / (iterations * head.length);
  return {
    headBytes: head.length,
    chunkBytes,
    iterations,
    totalMs,
    nsPerByte,
    bytesScanned,
  };
}
