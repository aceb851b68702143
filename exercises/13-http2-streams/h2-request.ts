/**
 * The HttpRequest a stream hands to the handler: chapter 03's model,
 * built from the mapped pseudo-headers with chapter 02's splitTarget, so
 * that `path` and `query` mean what they mean for HTTP/1.1.
 *
 *     :method  ─▶ method        :path ─▶ target, then path + query
 *     :authority (or Host) ─▶ authority    fields ─▶ headers
 *
 * The signal fires when the client resets the stream or the connection
 * is lost, never when the stream simply ends; like chapter 03's, it is
 * made only when a handler reads it.
 */
import { splitTarget } from "#ch02/request-target.ts";
import { ClientGone } from "#ch03/incoming-request.ts";
import type {
  ConnectionInfo,
  HeaderList,
  HttpRequest,
  RequestBody,
} from "#ch03/message.ts";
import type { RequestFields } from "./request-fields.ts";

export class H2Request implements HttpRequest {
  readonly method: string;
  readonly target: string;
  readonly version = "HTTP/2";
  readonly scheme: "http" | "https";
  readonly authority: string;
  readonly path: string;
  readonly query: string;
  readonly headers: HeaderList;
  readonly body: RequestBody;
  readonly connection: ConnectionInfo;
  #controller: AbortController | undefined;
  #gone: ClientGone | undefined;

  constructor(
    fields: RequestFields,
    body: RequestBody,
    connection: ConnectionInfo,
  ) {
    const connect = fields.method === "CONNECT";
    const target = connect ? fields.authority : fields.path;
    const form = connect ? "authority" : target === "*" ? "asterisk" : "origin";
    const parts = splitTarget(form, target);
    this.method = fields.method;
    this.target = target;
    // As for HTTP/1.1: the connection, not the client's claim, says https.
    this.scheme = connection.secure ? "https" : "http";
    this.authority = fields.authority;
    this.path = parts.path;
    this.query = parts.query;
    this.headers = fields.headers;
    this.body = body;
    this.connection = connection;
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#gone !== undefined) this.#controller.abort(this.#gone);
    }
    return this.#controller.signal;
  }

  /** The stream was reset or the connection lost: stop working on it. */
  abandon(why: string): void {
    if (this.#gone !== undefined) return;
    this.#gone = new ClientGone(why);
    this.#controller?.abort(this.#gone);
  }
}
