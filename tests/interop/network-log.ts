/**
 * What a page asked for and where each answer came from, read from the
 * Chrome DevTools Protocol. Playwright's own events cannot tell a
 * response from the disk cache from one off the wire; CDP can:
 *
 * - `requestWillBeSentExtraInfo` and `responseReceivedExtraInfo` fire
 *   only for requests that reached the network, and carry the headers
 *   and status exactly as they crossed it (a 304 stays a 304);
 * - `requestServedFromCache` and `response.fromDiskCache` mark answers
 *   the browser's HTTP cache gave without asking the server.
 */
import type { CDPSession, Page } from "playwright-core";

/** One request as the browser saw it (header names in lower case). */
export interface Exchange {
  readonly id: string;
  url: string;
  /** Document, Script, Stylesheet, Font, Fetch... */
  type: string;
  /** Headers sent on the wire; empty when it never left the browser. */
  wireRequestHeaders: Readonly<Record<string, string>>;
  /** Status the server sent on the wire (304 included). */
  wireStatus: number | undefined;
  /** Status the page saw (a revalidated 304 may show as 200 here). */
  status: number | undefined;
  responseHeaders: Readonly<Record<string, string>>;
  /** Answered by the HTTP cache without a network round trip. */
  fromCache: boolean;
  state: "pending" | "finished" | "failed";
  failure: string | undefined;
}

/** CDP's header object: names as sent, values as strings. */
type Headers = Readonly<Record<string, unknown>>;

/** Header names in lower case, so lookups need not guess the case. */
function lower(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = String(v);
  return out;
}

/** True when the exchange went to the server (it has wire headers). */
export function wentToNetwork(e: Exchange): boolean {
  return e.wireStatus !== undefined || Object.keys(e.wireRequestHeaders).length > 0;
}

/** Records every request of one page, from `attach` on. */
export class NetworkLog {
  readonly #byId = new Map<string, Exchange>();
  readonly #session: CDPSession;

  private constructor(session: CDPSession) {
    this.#session = session;
  }

  /** Open a CDP session on the page and start recording. */
  static async attach(page: Page): Promise<NetworkLog> {
    const session = await page.context().newCDPSession(page);
    const log = new NetworkLog(session);
    log.#listen();
    await session.send("Network.enable");
    return log;
  }

  /** Every exchange so far, in the order the requests started. */
  get exchanges(): readonly Exchange[] {
    return [...this.#byId.values()];
  }

  /** Forget what was recorded (e.g. before a reload). */
  clear(): void {
    this.#byId.clear();
  }

  /**
   * Wait until no request is pending, polling every 50 ms for at most
   * `timeoutMs`; returns the exchanges still pending at the deadline.
   */
  async settle(timeoutMs: number): Promise<readonly Exchange[]> {
    const deadline = Date.now() + timeoutMs;
    let pending = this.#pending();
    while (pending.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      pending = this.#pending();
    }
    return pending;
  }

  async detach(): Promise<void> {
    await this.#session.detach().catch(() => undefined);
  }

  /** Started (requestWillBeSent seen), not yet finished or failed. */
  #pending(): Exchange[] {
    return this.exchanges.filter((e) => e.state === "pending" && e.url !== "");
  }

  /** The exchange for an id; events can arrive in any order. */
  #get(id: string): Exchange {
    let e = this.#byId.get(id);
    if (e === undefined) {
      e = {
        id,
        url: "",
        type: "Other",
        wireRequestHeaders: {},
        wireStatus: undefined,
        status: undefined,
        responseHeaders: {},
        fromCache: false,
        state: "pending",
        failure: undefined,
      };
      this.#byId.set(id, e);
    }
    return e;
  }

  #listen(): void {
    const s = this.#session;
    s.on("Network.requestWillBeSent", (ev) => {
      const e = this.#get(ev.requestId);
      e.url = ev.request.url;
      e.type = ev.type ?? e.type;
    });
    s.on("Network.requestWillBeSentExtraInfo", (ev) => {
      this.#get(ev.requestId).wireRequestHeaders = lower(ev.headers);
    });
    s.on("Network.responseReceived", (ev) => {
      const e = this.#get(ev.requestId);
      e.status = ev.response.status;
      e.type = ev.type;
      if (Object.keys(e.responseHeaders).length === 0)
        e.responseHeaders = lower(ev.response.headers);
      if (ev.response.fromDiskCache) e.fromCache = true;
    });
    s.on("Network.responseReceivedExtraInfo", (ev) => {
      const e = this.#get(ev.requestId);
      e.wireStatus = ev.statusCode;
      e.responseHeaders = lower(ev.headers);
    });
    s.on("Network.requestServedFromCache", (ev) => {
      this.#get(ev.requestId).fromCache = true;
    });
    s.on("Network.loadingFinished", (ev) => {
      this.#get(ev.requestId).state = "finished";
    });
    s.on("Network.loadingFailed", (ev) => {
      const e = this.#get(ev.requestId);
      e.state = "failed";
      e.failure = ev.canceled ? "canceled" : ev.errorText;
    });
  }
}
