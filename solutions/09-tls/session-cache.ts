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
   * @hint nudge: a Map iterates in insertion order: its first key is the
   *   oldest entry.
   * @hint concept: the id as hex is the key; remove it first (a re-store moves
   *   it to the newest end), evict from the front while at maxSessions, then
   *   set the entry with its expiry, now + lifetimeMs (RFC 5246 §F.1.4
   *   suggests session ids live at most 24 hours).
   * @hint solution: key from the id in hex, deleted at once. While the map is
   *   at #limits.maxSessions, delete the first key its keys iterator gives
   *   (stop if there is none). Then set the key to the data and its expiry.
   */
  store(id: Buffer, data: Buffer, now = Date.now()): void {
    const key = id.toString("hex");
    this.#entries.delete(key);
    while (this.#entries.size >= this.#limits.maxSessions) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    this.#entries.set(key, { data, expires: now + this.#limits.lifetimeMs });
  }

  /**
   * The session stored under `id`, if it has not expired. An expired
   * entry is removed when it is found: resuming it would stretch a
   * session past the lifetime the operator chose.
   *
   * @exercise
   * @hint nudge: a hit is not enough: the entry also has to be young enough.
   * @hint concept: look the hex id up; past its expiry, delete it and answer
   *   undefined; otherwise return its data: an expired session is never
   *   resumed, however often it is asked for.
   * @hint solution: the hex key; no entry is undefined. An entry whose expiry
   *   is now or earlier is deleted on the spot and is undefined too; any other
   *   answers its data.
   */
  find(id: Buffer, now = Date.now()): Buffer | undefined {
    const key = id.toString("hex");
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.data;
  }
}
