/**
 * The demo routes chapter 03 serves. Not a router (chapter 05 builds
 * one): a handler with three cases, enough to try the connection with
 * curl and to benchmark it.
 *
 *     GET /hello      → "hello world", text/plain: every benchmark's target
 *     /echo, /echo/*  → the request reflected as JSON
 *     anything else   → 404
 */
import { Buffer } from "node:buffer";
import type {
  Handler,
  HeaderList,
  HttpRequest,
  HttpResponse,
} from "./message.ts";

const { freeze } = Object;
const TEXT: HeaderList = freeze([
  freeze(["content-type", "text/plain"] as const),
]);
const JSON_TYPE: HeaderList = [["content-type", "application/json"]];

/**
 * Allocated once and frozen all the way down: the benchmark path builds
 * nothing per request, and the connection may reuse their encoded bytes
 * (encoded-response-cache.ts) because they provably never change.
 */
const HELLO: HttpResponse = freeze({
  status: 200,
  headers: TEXT,
  body: "hello world",
});
const NOT_FOUND: HttpResponse = freeze({
  status: 404,
  headers: TEXT,
  body: "not found\n",
});
const METHOD_NOT_ALLOWED: HttpResponse = freeze({
  status: 405,
  headers: freeze([...TEXT, freeze(["allow", "GET, HEAD"] as const)]),
  body: "method not allowed\n",
});

/** True for "/echo", "/echo/..." and "/echo?...". */
function isEcho(target: string): boolean {
  if (!target.startsWith("/echo")) return false;
  const next = target.charCodeAt(5);
  return Number.isNaN(next) || next === 0x2f || next === 0x3f; // end, '/', '?'
}

/** Reads the whole body (empty until chapter 04 brings bodies). */
async function readText(request: HttpRequest): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const chunk of request.body) parts.push(chunk);
  return Buffer.concat(parts).toString("utf8");
}

async function echo(request: HttpRequest): Promise<HttpResponse> {
  const { method, target, version, headers } = request;
  const body = await readText(request);
  // Trailers exist once the body is read (chapter 04); shown when sent.
  const { trailers } = request.body;
  const reflected = { method, target, version, headers, body };
  const json = JSON.stringify(
    trailers.length > 0 ? { ...reflected, trailers } : reflected,
    null,
    2,
  );
  return { status: 200, headers: JSON_TYPE, body: `${json}\n` };
}

export const demoRoutes: Handler = (request) => {
  const { method, target } = request;
  if (target === "/hello") {
    return method === "GET" || method === "HEAD" ? HELLO : METHOD_NOT_ALLOWED;
  }
  if (isEcho(target)) return echo(request);
  return NOT_FOUND;
};
