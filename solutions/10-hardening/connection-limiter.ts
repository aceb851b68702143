/**
 * How many connections, in all and per client address.
 *
 * Every open connection costs a file descriptor (the process has a hard
 * limit, `ulimit -n`, often 1024 or 65536) and tens of kilobytes of
 * buffers. Past the descriptor limit accept() fails for everyone, so the
 * server must refuse a little before that, and must not let one address
 * take every slot. The counts live here; the sockets live in
 * connection-gate.ts.
 */

/**
 * 10 000 open connections in all: far below a typical 65 536 descriptor
 * limit (files being served need descriptors too), far above what one
 * core serves well. nginx's worker_connections is 512 per worker by
 * default (768 in Debian's nginx.conf); node:http has no limit
 * (server.maxConnections is unset).
 */
export const MAX_CONNECTIONS = 10_000;

/**
 * 256 per client address: a browser opens 6 per origin, a NAT of an
 * office shares one address among a few dozen browsers; a flood from one
 * address stops here. nginx has none unless limit_conn is configured.
 */
export const MAX_CONNECTIONS_PER_ADDRESS = 256;

export interface ConnectionLimits {
  readonly maxConnections: number;
  readonly maxConnectionsPerAddress: number;
}

export type Admission = "admit" | "full" | "address-full";

/**
 * The counts. Memory is bounded by the open connections: an address
 * whose last connection closed is forgotten.
 */
export class ConnectionLimiter {
  readonly #limits: ConnectionLimits;
  readonly #perAddress = new Map<string, number>();
  #open = 0;

  constructor(limits: ConnectionLimits) {
    this.#limits = limits;
  }

  get open(): number {
    return this.#open;
  }

  /** Open connections from `address`. */
  from(address: string): number {
    return this.#perAddress.get(address) ?? 0;
  }

  /** Addresses with a connection open: the per-address table's size. */
  get addresses(): number {
    return this.#perAddress.size;
  }

  /**
   * Counts a new connection from `address` if both caps allow it. The
   * per-address cap is checked first: one address at its cap is told so
   * even when the server is full for everyone.
   *
   * @exercise
   * @hint nudge: two caps, two counters; a refused connection changes neither.
   * @hint concept: the per-address cap comes first, so an address at its cap
   *   hears TOO_MANY_CONNECTIONS even when the server is full for everyone; a
   *   refused connection is not counted, or the counts would drift up and never
   *   come back down.
   * @hint solution: read the address's count with from; at its cap, answer
   *   "address-full"; with the total at maxConnections, "full"; only then count
   *   the connection in both #open and #perAddress and answer "admit".
   */
  admit(address: string): Admission {
    const mine = this.from(address);
    if (mine >= this.#limits.maxConnectionsPerAddress) return "address-full";
    if (this.#open >= this.#limits.maxConnections) return "full";
    this.#open++;
    this.#perAddress.set(address, mine + 1);
    return "admit";
  }

  /**
   * A connection admitted earlier has closed. An address at zero is
   * deleted, so addresses seen once do not pile up.
   *
   * @exercise
   * @hint nudge: undo what admit counted, and do not keep zeros.
   * @hint concept: every admit has one release, so the counts return to zero
   *   once all are closed; an address with no connection left is forgotten, or
   *   the map grows with every address ever seen. Never go below zero.
   * @hint solution: read the address's count with from; at zero there is
   *   nothing to undo. Otherwise take one off #open, and delete the address
   *   from #perAddress when this was its last connection, else store its count
   *   less one.
   */
  release(address: string): void {
    const mine = this.from(address);
    if (mine === 0) return;
    this.#open--;
    if (mine === 1) this.#perAddress.delete(address);
    else this.#perAddress.set(address, mine - 1);
  }
}
