/**
 * The request head parser: bytes in, a RequestHead (or a reason) out.
 *
 * Pipeline: chunk -> LineSplitter (CRLF lines, byte budgets) -> advance
 * (the only state change) -> consume (request-line, field lines, the empty
 * line) -> checkHost -> RequestHead. It is a pure codec: no socket, no timer; the
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
import type { HeaderList } from "./header-list.ts";
import { type Checked, fail, ok, type ParseError, parseError } from "./errors.ts";
import { checkAtOnce } from "./body-framing.ts";
import { parseFieldLine } from "./field-line.ts";
import { checkHost, hostOf } from "./host-field.ts";
import { DEFAULT_PARSER_LIMITS, type ParserLimits } from "./limits.ts";
import { type LineResult, LineSplitter } from "./line-splitter.ts";
import { type HttpVersion, parseRequestLine, type RequestLine } from "./request-line.ts";
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
  | { readonly kind: "done"; readonly head: RequestHead; readonly consumed: number }
  | { readonly kind: "error"; readonly error: ParseError };

export type ParserState = "request-line" | "fields" | "done" | "error";

/** What one line did: keep reading, or the head is finished. */
type Step = Checked<RequestHead | undefined>;

const INCOMPLETE: ParseResult = { kind: "incomplete" };
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

  /** Feeds the next bytes; see ParseResult. */
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

  /** Forgets everything: ready for the next head on the same connection. */
  reset(): void {
    this.#lines.reset();
    this.#state = "request-line";
    this.#requestLine = undefined;
    this.#fields = [];
    this.#requestLineBytes = 0;
    this.#fieldBytes = 0;
  }

  /** Bytes the current line may still use in the current state. */
  #budget(): number {
    return this.#state === "request-line"
      ? this.#limits.maxRequestLineBytes - this.#requestLineBytes
      : this.#limits.maxHeaderBytes - this.#fieldBytes;
  }

  #lineError(kind: "too-long" | "bare-lf" | "bare-cr"): ParseError {
    if (kind === "bare-lf") return parseError("HPE_BARE_LF");
    if (kind === "bare-cr") return parseError("HPE_BARE_CR");
    if (this.#state === "request-line") return parseError("HPE_URI_TOO_LONG");
    return parseError("HPE_HEADER_OVERFLOW");
  }

  /**
   * The one place the state changes. `found` is a complete line, or the
   * splitter's reason there cannot be one (too long, bare LF).
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

  /** Reads one line in the current state; undefined means "more lines". */
  private consume(line: string, bytes: number): Step {
    if (this.#state === "request-line") {
      this.#requestLineBytes += bytes;
      if (line === "") return MORE; // RFC 9112 §2.2: skip empty lines
      const parsed = parseRequestLine(line, this.#limits.maxMethodBytes);
      if (!parsed.ok) return parsed;
      this.#requestLine = parsed.value;
      return MORE;
    }
    this.#fieldBytes += bytes;
    if (line === "") return this.#finish();
    if (this.#fields.length >= this.#limits.maxHeaderCount) {
      return fail("HPE_TOO_MANY_HEADERS");
    }
    const field = parseFieldLine(line);
    if (!field.ok) return field;
    const framing = checkAtOnce(field.value, this.#fields);
    if (!framing.ok) return framing;
    this.#fields.push(field.value);
    return MORE;
  }

  /** The empty line ends the head: check Host and hand it over. */
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
