/**
 * The request head parser: bytes in, a RequestHead (or a reason) out.
 *
 * Pipeline: chunk -> LineSplitter (CRLF lines, byte budgets) -> advance (the
 * only state change) -> consume (request-line, field lines, the empty line) ->
 * checkHost -> RequestHead. It is a pure codec: no socket, no timer; the
 * connection (chapter 03) feeds it whatever arrived and acts on the result.
 *
 * States and transitions (the chapter draws them):
 *
 *     request-line --empty line (RFC 9112 §2.2)--> request-line
 *     request-line --valid request-line--------> fields
 *     fields ------field line------------------> fields
 *     fields ------empty line, Host ok---------> done
 *     any ---------bad byte, limit, bad Host---> error
 *
 * After "done" or "error" the caller must reset() before the next head.
 */
import { Buffer } from "node:buffer";
import type { HeaderList } from "./header-list.ts";
import {
  type Checked,
  fail,
  ok,
  type ParseError,
  parseError,
} from "./errors.ts";
import { checkAtOnce } from "./body-framing.ts";
import { type Field, parseFieldLine } from "./field-line.ts";
import { checkHost, hostOf } from "./host-field.ts";
import { DEFAULT_PARSER_LIMITS, type ParserLimits } from "./limits.ts";
import { type LineResult, LineSplitter } from "./line-splitter.ts";
import {
  type HttpVersion,
  parseRequestLine,
  type RequestLine,
} from "./request-line.ts";
import type { TargetForm } from "./request-target.ts";

export type { ParseError } from "./errors.ts";
export { DEFAULT_PARSER_LIMITS, type ParserLimits } from "./limits.ts";
export type { TargetForm } from "./request-target.ts";

export interface RequestHead {
  readonly method: string;
  readonly target: string;
  readonly targetForm: TargetForm;
  readonly version: HttpVersion;
  /** Names lowercased, values trimmed of OWS, latin1, in arrival order. */
  readonly headers: HeaderList;
}

export type ParseResult =
  | { readonly kind: "incomplete" }
  | {
      readonly kind: "done";
      readonly head: RequestHead;
      readonly consumed: number;
    }
  | { readonly kind: "error"; readonly error: ParseError };

export type ParserState = "request-line" | "fields" | "done" | "error";

/** What one line did: keep reading, or the head is finished. */
type Step = Checked<RequestHead | undefined>;

const INCOMPLETE: ParseResult = { kind: "incomplete" };

/** Shorter slices V8 copies; from this length on, a slice is a view. */
const VIEW_LENGTH = 13;

/**
 * The same characters in a string of their own. V8 keeps a slice of 13
 * characters or more as a view into the line it was cut from, and it
 * compares a view with another string outside compiled code: about 450
 * instructions for `127.0.0.1:8080` against an equal value read on
 * another connection, about 60 when both are strings of their own.
 * Joining two pieces builds one: a cost paid once per connection (the
 * value is remembered with its line, see #fieldOf), not per request.
 */
function inOnePiece(value: string): string {
  if (value.length < VIEW_LENGTH) return value;
  return [value.slice(0, 1), value.slice(1)].join("");
}

/**
 * What the last request-line parsed by any parser of this process parsed
 * to, and under which method limit (parseShared).
 */
let sharedLine = "";
let sharedLimit = -1;
let sharedParse: Checked<RequestLine> | undefined;

/**
 * parseRequestLine, its result shared by every parser: a connection whose
 * line is the one another connection parsed last takes that result, the
 * same strings. A string compares with itself by identity; with an equal
 * string of its own, character by character, in a call. Chapter 05's
 * answer memo compares every request's target with the one it kept,
 * which another connection sent: about 45 instructions a request, which
 * one target for all connections saves. The limit is part of the key: a
 * parser with a lower one must still refuse the method (RFC 9112 §3).
 *
 * @exercise
 * @hint nudge: the same line under the same limit parses the same way,
 *   whichever connection sent it.
 * @hint concept: a shared result may be handed out only for the very line it
 *   was parsed from and under the same maxMethodBytes; only a line that
 *   parsed is worth sharing.
 * @hint solution: return sharedParse when it is set, the limit equals
 *   sharedLimit and the line equals sharedLine; else parseRequestLine, a
 *   failure returned as it is, store line, limit and result, return it.
 */
function parseShared(
  line: string,
  maxMethodBytes: number,
): Checked<RequestLine> {
  const shared = sharedParse;
  if (
    shared !== undefined &&
    maxMethodBytes === sharedLimit &&
    line === sharedLine
  )
    return shared;
  const parsed = parseRequestLine(line, maxMethodBytes);
  if (!parsed.ok) return parsed;
  sharedLine = line;
  sharedLimit = maxMethodBytes;
  sharedParse = parsed;
  return parsed;
}

/** The last Host value made whole (hostInOnePiece), by any parser. */
let sharedHost = "";

/**
 * inOnePiece, and the same string for every connection that sends the
 * value the last one sent: chapter 05's answer memo then finds each
 * request's authority the one it kept by identity, as parseShared does
 * for the target. Once per connection, when its Host line is new to it.
 */
function hostInOnePiece(value: string): string {
  if (value !== sharedHost) sharedHost = inOnePiece(value);
  return sharedHost;
}

/** "Keep reading": one shared value, not an allocation per line. */
const MORE: Step = ok(undefined);

export class RequestHeadParser {
  readonly #limits: ParserLimits;
  readonly #lines = new LineSplitter();
  #state: ParserState = "request-line";
  #requestLine: RequestLine | undefined;
  #fields: (readonly [string, string])[] = [];
  #requestLineBytes = 0;
  #fieldBytes = 0;
  /** The last Host value that passed validation (see checkHost). */
  #knownHost: string | undefined;
  /**
   * The field lines read so far on this connection, by their place in
   * the head, and the name and value each parsed to (see #fieldOf).
   */
  readonly #seenLines: string[] = [];
  readonly #seenNames: string[] = [];
  readonly #seenValues: string[] = [];
  /** The last request-line that parsed, and what it parsed to. */
  #seenRequestLine = "";
  #seenRequestParse: Checked<RequestLine> | undefined;
  /** Lines parsed, not recognised (#requestLineOf, #fieldOf): a test probe. */
  #linesParsed = 0;

  constructor(limits: Partial<ParserLimits> = {}) {
    this.#limits = { ...DEFAULT_PARSER_LIMITS, ...limits };
  }

  get state(): ParserState {
    return this.#state;
  }

  /** Bytes the line splitter has examined for this head (linearity probe). */
  get bytesScanned(): number {
    return this.#lines.scanned;
  }

  /** Request-lines and field lines parsed here rather than recognised. */
  get linesParsed(): number {
    return this.#linesParsed;
  }

  /**
   * Feeds the next bytes; see ParseResult.
   *
   * @exercise
   * @hint nudge: push drives the state machine one line at a time, and a chunk
   *   can hold half a line, several lines, or the head plus a body.
   * @hint concept: a push after done or error is refused. Take lines with the
   *   splitter under #budget (partial: incomplete; the splitter keeps it) and
   *   give each, or the splitter's refusal, to advance. A head is done,
   *   consumed up to that line's end: body bytes stay with the caller.
   * @hint solution: a push after done or error throws. View the chunk as a
   *   Buffer and walk it: take a line under #budget (partial: INCOMPLETE),
   *   advance (an error is returned), move past a complete line; a head means
   *   done with the bytes consumed. Out of bytes: INCOMPLETE.
   */
  push(chunk: Uint8Array): ParseResult {
    if (this.#state === "done" || this.#state === "error") {
      throw new Error(`push after "${this.#state}": call reset() first`);
    }
    const bytes = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let pos = 0;
    while (pos < bytes.length) {
      const found = this.#lines.take(bytes, pos, this.#budget());
      if (found.kind === "partial") return INCOMPLETE;
      const step = this.advance(found);
      if (!step.ok) return { kind: "error", error: step.error };
      if (found.kind === "line") pos = found.end;
      const head = step.value;
      if (head !== undefined) return { kind: "done", head, consumed: pos };
    }
    return INCOMPLETE;
  }

  /**
   * Forgets everything: ready for the next head on the same connection.
   *
   * @exercise
   * @hint nudge: on a persistent connection one parser reads every request's
   *   head in turn.
   * @hint concept: put everything back as the constructor left it (the splitter
   *   too), except what is known about the connection itself: the Host already
   *   validated stays, so the next request with the same Host is not checked
   *   again.
   * @hint solution: reset the splitter; state back to request-line; clear the
   *   request-line, the fields (a fresh array: the old one was handed to the
   *   caller) and both byte counters.
   */
  reset(): void {
    this.#lines.reset();
    this.#state = "request-line";
    this.#requestLine = undefined;
    this.#fields = [];
    this.#requestLineBytes = 0;
    this.#fieldBytes = 0;
  }

  /**
   * Bytes the current line may still use in the current state.
   *
   * @exercise
   * @hint nudge: the request-line and the header section have separate limits.
   * @hint concept: in the request-line state the current line may use what is
   *   left of maxRequestLineBytes; afterwards, what is left of maxHeaderBytes
   *   (RFC 9112 §3: a server SHOULD answer an overlong request-line with 414,
   *   and RFC 6585 §5 an overlong header section with 431).
   * @hint solution: one conditional expression subtracting the bytes used so
   *   far from the matching limit.
   */
  #budget(): number {
    return this.#state === "request-line"
      ? this.#limits.maxRequestLineBytes - this.#requestLineBytes
      : this.#limits.maxHeaderBytes - this.#fieldBytes;
  }

  /**
   * The error for a line the splitter refused, in the current state.
   *
   * @exercise
   * @hint nudge: the same splitter refusal means a different error in each
   *   state.
   * @hint concept: a bare LF or a bare CR is refused wherever it is (RFC 9112
   *   §2.2: a recipient of a bare CR MUST treat it as invalid or replace it; we
   *   refuse both, HPE_BARE_LF and HPE_BARE_CR); too long is HPE_URI_TOO_LONG
   *   (414) in the request-line and HPE_HEADER_OVERFLOW (431) in the fields.
   * @hint solution: two ifs for the bare kinds, one for the request-line state,
   *   and a final return, each calling parseError with its code.
   */
  #lineError(kind: "too-long" | "bare-lf" | "bare-cr"): ParseError {
    if (kind === "bare-lf") return parseError("HPE_BARE_LF");
    if (kind === "bare-cr") return parseError("HPE_BARE_CR");
    if (this.#state === "request-line") return parseError("HPE_URI_TOO_LONG");
    return parseError("HPE_HEADER_OVERFLOW");
  }

  /**
   * The one place the state changes. `found` is a complete line, or the
   * splitter's reason there cannot be one (too long, bare LF).
   *
   * @exercise
   * @hint nudge: this is the only method that changes #state: consume reads,
   *   advance decides.
   * @hint concept: a complete line goes to consume; a refusal becomes
   *   #lineError. Then: a failed step moves to error, a step with a head moves
   *   to done, and otherwise, once a request-line has been read, the state is
   *   fields.
   * @hint solution: build the step from found.kind; three branches on step.ok,
   *   step.value and #requestLine set #state; return the step.
   */
  private advance(found: Exclude<LineResult, { kind: "partial" }>): Step {
    const step: Step =
      found.kind === "line"
        ? this.consume(found.line, found.bytes)
        : { ok: false, error: this.#lineError(found.kind) };
    if (!step.ok) this.#state = "error";
    else if (step.value !== undefined) this.#state = "done";
    else if (this.#requestLine !== undefined) this.#state = "fields";
    return step;
  }

  /**
   * Reads one line in the current state; undefined means "more lines".
   *
   * @exercise
   * @hint nudge: two states read lines: the request-line, then field lines
   *   until an empty one.
   * @hint concept: request-line state: count its bytes, skip empty lines before
   *   it (RFC 9112 §2.2: a server SHOULD ignore at least one), parse it with
   *   #requestLineOf. Fields state: count, finish at the empty line, refuse
   *   past maxHeaderCount, #fieldOf. MORE asks for a line.
   * @hint solution: branch on #state; add bytes to the matching counter; the
   *   empty-line cases; #requestLineOf and #fieldOf (they remember what the
   *   last head parsed to), failures returned as they are; store the result;
   *   return MORE.
   */
  private consume(line: string, bytes: number): Step {
    if (this.#state === "request-line") {
      this.#requestLineBytes += bytes;
      if (line === "") return MORE; // RFC 9112 §2.2: skip empty lines
      const parsed = this.#requestLineOf(line);
      if (!parsed.ok) return parsed;
      this.#requestLine = parsed.value;
      return MORE;
    }
    this.#fieldBytes += bytes;
    if (line === "") return this.#finish();
    if (this.#fields.length >= this.#limits.maxHeaderCount) {
      return fail("HPE_TOO_MANY_HEADERS");
    }
    const field = this.#fieldOf(line);
    if (!field.ok) return field;
    const framing = checkAtOnce(field.value, this.#fields);
    if (!framing.ok) return framing;
    this.#fields.push(field.value);
    return MORE;
  }

  /**
   * parseRequestLine, remembered: a client on a keep-alive connection
   * often asks for the same thing again (a poll, a health check, a
   * benchmark), and one comparison of the line costs less than parsing it
   * (about 1,200 instructions for `GET /hello HTTP/1.1`). What it parsed
   * to is never handed out: #finish copies its four parts into the head.
   *
   * @exercise
   * @hint nudge: the same line parses the same way every time; only a
   *   line that parsed is worth remembering.
   * @hint concept: compare the line with the one remembered (a string
   *   comparison); equal, return what it parsed to. Otherwise count it in
   *   #linesParsed, parse it, and remember line and result when it parsed.
   * @hint solution: return #seenRequestParse when set and the line equals
   *   #seenRequestLine; else #linesParsed++, parseShared (parseRequestLine,
   *   shared among connections) with maxMethodBytes, a failure returned as
   *   it is, store both, return it.
   */
  #requestLineOf(line: string): Checked<RequestLine> {
    const seen = this.#seenRequestParse;
    if (seen !== undefined && line === this.#seenRequestLine) return seen;
    this.#linesParsed++;
    const parsed = parseShared(line, this.#limits.maxMethodBytes);
    if (!parsed.ok) return parsed;
    this.#seenRequestLine = line;
    this.#seenRequestParse = parsed;
    return parsed;
  }

  /**
   * parseFieldLine, remembered by place: a client sends the same field
   * lines request after request (Host, User-Agent, Accept), and comparing
   * a line with the one at its place in the last head costs less than
   * parsing it again. The field handed out is then a new pair of the same
   * two strings as last time, so the known Host (#finish) and a later
   * chapter's comparisons with it succeed by identity, without reading
   * the bytes. A new pair, not the last one frozen: each request owns its
   * list, and V8 reads a frozen array's elements through a call, about a
   * third as fast, on every header scan of every request.
   */
  #fieldOf(line: string): Checked<Field> {
    const at = this.#fields.length;
    if (this.#seenLines[at] === line)
      return ok([
        this.#seenNames[at] as string,
        this.#seenValues[at] as string,
      ]);
    this.#linesParsed++;
    const field = parseFieldLine(line);
    if (!field.ok) return field;
    const [name, value] = field.value;
    this.#seenLines[at] = line;
    this.#seenNames[at] = name;
    if (name !== "host") {
      this.#seenValues[at] = value;
      return field;
    }
    // Host becomes every request's authority, which later chapters compare
    // with other connections' (chapter 05's answer memo): in one piece,
    // and one string for every connection that sends it.
    const host = hostInOnePiece(value);
    this.#seenValues[at] = host;
    return ok([name, host]);
  }

  /**
   * The empty line ends the head: check Host and hand it over.
   *
   * @exercise
   * @hint nudge: the empty line ends the head, and only now can Host be judged:
   *   it may be any of the fields.
   * @hint concept: check Host (checkHost, with the value already validated on
   *   this connection), remember the Host value for the next request on the
   *   connection, and return the head: method, target, its form, version and
   *   the fields.
   * @hint solution: read the stored request-line (missing: a bug, throw).
   *   checkHost with the headers, version and #knownHost, returning a failure
   *   as it is; remember hostOf the value for the next request; return ok with
   *   method, target, form, version and fields.
   */
  #finish(): Step {
    const line = this.#requestLine;
    if (line === undefined) throw new Error("fields without a request-line");
    const headers: HeaderList = this.#fields;
    const host = checkHost(headers, line.version, this.#knownHost);
    if (!host.ok) return host;
    this.#knownHost = hostOf(headers) ?? this.#knownHost;
    // Spelled out rather than spread: one object shape, built in one step.
    const { method, target, targetForm, version } = line;
    return ok({ method, target, targetForm, version, headers });
  }
}
