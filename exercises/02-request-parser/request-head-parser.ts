// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
function parseShared(
  line: string,
  maxMethodBytes: number,
): Checked<RequestLine> {
  throw new NotImplemented({
    chapter: "02",
    name: "parseShared",
    file: "exercises/02-request-parser/request-head-parser.ts",
    hint: "the same line under the same limit parses the same way, whichever connection sent it.",
  });
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
   */
  push(chunk: Uint8Array): ParseResult {
    throw new NotImplemented({
      chapter: "02",
      name: "RequestHeadParser.push",
      file: "exercises/02-request-parser/request-head-parser.ts",
      hint: "push drives the state machine one line at a time, and a chunk can hold half a line, several lines, or the head plus a body.",
    });
  }

  /**
   * Forgets everything: ready for the next head on the same connection.
   *
   * @exercise
   */
  reset(): void {
    throw new NotImplemented({
      chapter: "02",
      name: "RequestHeadParser.reset",
      file: "exercises/02-request-parser/request-head-parser.ts",
      hint: "on a persistent connection one parser reads every request's head in turn.",
    });
  }

  /**
   * Bytes the current line may still use in the current state.
   *
   * @exercise
   */
  #budget(): number {
    throw new NotImplemented({
      chapter: "02",
      name: "RequestHeadParser.#budget",
      file: "exercises/02-request-parser/request-head-parser.ts",
      hint: "the request-line and the header section have separate limits.",
    });
  }

  /**
   * The error for a line the splitter refused, in the current state.
   *
   * @exercise
   */
  #lineError(kind: "too-long" | "bare-lf" | "bare-cr"): ParseError {
    throw new NotImplemented({
      chapter: "02",
      name: "RequestHeadParser.#lineError",
      file: "exercises/02-request-parser/request-head-parser.ts",
      hint: "the same splitter refusal means a different error in each state.",
    });
  }

  /**
   * The one place the state changes. `found` is a complete line, or the
   * splitter's reason there cannot be one (too long, bare LF).
   *
   * @exercise
   */
  private advance(found: Exclude<LineResult, { kind: "partial" }>): Step {
    throw new NotImplemented({
      chapter: "02",
      name: "RequestHeadParser.advance",
      file: "exercises/02-request-parser/request-head-parser.ts",
      hint: "this is the only method that changes #state: consume reads, advance decides.",
    });
  }

  /**
   * Reads one line in the current state; undefined means "more lines".
   *
   * @exercise
   */
  private consume(line: string, bytes: number): Step {
    throw new NotImplemented({
      chapter: "02",
      name: "RequestHeadParser.consume",
      file: "exercises/02-request-parser/request-head-parser.ts",
      hint: "two states read lines: the request-line, then field lines until an empty one.",
    });
  }

  /**
   * parseRequestLine, remembered: a client on a keep-alive connection
   * often asks for the same thing again (a poll, a health check, a
   * benchmark), and one comparison of the line costs less than parsing it
   * (about 1,200 instructions for `GET /hello HTTP/1.1`). What it parsed
   * to is never handed out: #finish copies its four parts into the head.
   *
   * @exercise
   */
  #requestLineOf(line: string): Checked<RequestLine> {
    throw new NotImplemented({
      chapter: "02",
      name: "RequestHeadParser.#requestLineOf",
      file: "exercises/02-request-parser/request-head-parser.ts",
      hint: "the same line parses the same way every time; only a line that parsed is worth remembering.",
    });
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
   */
  #finish(): Step {
    throw new NotImplemented({
      chapter: "02",
      name: "RequestHeadParser.#finish",
      file: "exercises/02-request-parser/request-head-parser.ts",
      hint: "the empty line ends the head, and only now can Host be judged: it may be any of the fields.",
    });
  }
}
