// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Server-side session cache for resumption by session id (RFC 5246
 * §7.4.1.2; TLS 1.3 calls the same thing a stateful ticket, RFC 8446
 * §4.6.1). Resumption skips the certificate and the expensive signature:
 * the client says "we met before", the server finds the secret it kept.
 *
 * The cache is a map the client fills: every full handshake adds an entry.
 * So it is bounded in entries and in time, and the oldest entry goes first
 * (a Map keeps insertion order, which makes the eviction one line).
 */
import type { Buffer } from "node:buffer";
import { NotImplemented } from "#course/not-implemented.ts";

/** 20 000 sessions of ~200 bytes: a few MiB at most. */
export const MAX_SESSIONS = 20_000;

export interface SessionCacheLimits {
  readonly maxSessions: number;
  /** How long an entry may resume a session (ms). */
  readonly lifetimeMs: number;
}

interface Entry {
  readonly data: Buffer;
  readonly expires: number;
}

export class SessionCache {
  readonly #limits: SessionCacheLimits;
  readonly #entries = new Map<string, Entry>();

  constructor(limits: SessionCacheLimits) {
    this.#limits = limits;
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * Keeps a session under its id. When full, the oldest entry is evicted
   * first, so the cache can never grow past maxSessions however many
   * clients arrive; an id stored again moves to the back.
   *
   * @exercise
   */
  store(id: Buffer, data: Buffer, now = Date.now()): void {
    throw new NotImplemented({
      chapter: "09",
      name: "SessionCache.store",
      file: "exercises/09-tls/session-cache.ts",
      hint: "a Map iterates in insertion order: its first key is the oldest entry.",
    });
  }

  /**
   * The session stored under `id`, if it has not expired. An expired
   * entry is removed when it is found: resuming it would stretch a
   * session past the lifetime the operator chose.
   *
   * @exercise
   */
  find(id: Buffer, now = Date.now()): Buffer | undefined {
    throw new NotImplemented({
      chapter: "09",
      name: "SessionCache.find",
      file: "exercises/09-tls/session-cache.ts",
      hint: "a hit is not enough: the entry also has to be young enough.",
    });
  }
}
