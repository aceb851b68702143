/**
 * The HttpRequest a connection hands to its handler: the head parsed once
 * (chapter 02's splitTarget), and a signal that fires if the client goes
 * away before its answer is written.
 *
 * The signal is made only when someone reads it. An AbortController costs
 * more than everything else about a request put together (tens of
 * microseconds on Node 20, in a profile of the hello benchmark), and most
 * handlers answer at once and never look at it.
 */
import { hostOf } from "#ch02/host-field.ts";
import type { RequestHead } from "#ch02/request-head-parser.ts";
import { splitTarget } from "#ch02/request-target.ts";
import type {
  ConnectionInfo,
  HeaderList,
  HttpRequest,
  RequestBody,
} from "./message.ts";

/**
 * Why a signal fired, or a body could not be read: the client left. Not a
 * bug on our side, so it is logged at level info, never as a 500 error.
 */
export class ClientGone extends Error {
  override readonly name = "ClientGone";
  readonly code = "CLIENT_GONE";
}

/**
 * The signals of one connection's requests that someone is holding.
 *
 * Every connection leaves, and almost none has a signal to abort when it
 * does; so leaving only notes why. The ClientGone (an Error, whose stack
 * trace costs more than the rest of a connection's close) and the set of
 * live controllers are made when someone needs them.
 */
export class ClientPresence {
  #why: string | undefined;
  #gone: ClientGone | undefined;
  #live: Set<AbortController> | undefined;

  /** Set once the client has gone: why. */
  get gone(): ClientGone | undefined {
    if (this.#why === undefined) return undefined;
    this.#gone ??= new ClientGone(this.#why);
    return this.#gone;
  }

  /**
   * A controller for one request; already aborted if the client left.
   *
   * @exercise
   * @hint nudge: a handler may ask for its signal after the client is gone.
   * @hint concept: a new controller either starts aborted (with the
   *   ClientGone as its reason) or joins the live set that leave() aborts.
   * @hint solution: make the controller; if this.gone is set abort it with
   *   it, otherwise add it to #live (made on first use); return it.
   */
  open(): AbortController {
    const controller = new AbortController();
    const gone = this.gone;
    if (gone !== undefined) {
      controller.abort(gone);
      return controller;
    }
    this.#live ??= new Set();
    this.#live.add(controller);
    return controller;
  }

  /** The request is answered: its signal has nothing left to stop. */
  close(controller: AbortController): void {
    this.#live?.delete(controller);
  }

  /**
   * The client went away: abort every request still being worked on.
   *
   * @exercise
   * @hint nudge: the first reason wins; later calls change nothing.
   * @hint concept: remember why, abort every live controller with a
   *   ClientGone, and forget them: a signal fires once. No live controller
   *   (the usual case): no ClientGone either.
   * @hint solution: return if #why is set; #why = why; return unless #live
   *   has controllers; abort each with this.gone; clear #live.
   */
  leave(why: string): void {
    if (this.#why !== undefined) return;
    this.#why = why;
    const live = this.#live;
    if (live === undefined || live.size === 0) return;
    const gone = this.gone;
    for (const controller of live) controller.abort(gone);
    live.clear();
  }
}

export class IncomingRequest implements HttpRequest {
  readonly method: string;
  readonly target: string;
  readonly version: string;
  readonly scheme: "http" | "https";
  readonly authority: string;
  readonly path: string;
  readonly query: string;
  readonly headers: HeaderList;
  readonly body: RequestBody;
  readonly connection: ConnectionInfo;
  readonly #presence: ClientPresence;
  #controller: AbortController | undefined;

  constructor(
    head: RequestHead,
    body: RequestBody,
    connection: ConnectionInfo,
    presence: ClientPresence,
  ) {
    const parts = splitTarget(head.targetForm, head.target);
    this.method = head.method;
    this.target = head.target;
    this.version = head.version;
    this.scheme = connection.secure ? "https" : "http";
    // RFC 9112 §3.2.2: an absolute-form authority replaces Host.
    this.authority = parts.authority || (hostOf(head.headers) ?? "");
    this.path = parts.path;
    this.query = parts.query;
    this.headers = head.headers;
    this.body = body;
    this.connection = connection;
    this.#presence = presence;
  }

  get signal(): AbortSignal {
    this.#controller ??= this.#presence.open();
    return this.#controller.signal;
  }

  /** Its answer is written: forget the signal, if one was made. */
  answered(): void {
    if (this.#controller !== undefined) this.#presence.close(this.#controller);
  }
}
