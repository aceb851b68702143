/**
 * How much of a request head the parser is willing to hold.
 *
 * Every limit here is a promise to the operator: a client cannot make the
 * server buffer more than this many bytes, or build more than this many
 * header entries, before the request is either parsed or refused. Without
 * them a peer could send an endless request-line and grow our memory until
 * the process dies. Each value below says where it comes from.
 */

export interface ParserLimits {
  /**
   * Bytes of the request-line, counting its CRLF and any empty lines that
   * precede it (RFC 9112 §2.2 lets a client send stray CRLFs; they are not
   * free). Over the limit: 414 (RFC 9112 §3).
   */
  readonly maxRequestLineBytes: number;
  /** Bytes of the method token. Over the limit: 501 (RFC 9112 §3). */
  readonly maxMethodBytes: number;
  /**
   * Bytes of the whole field section: every field line with its CRLF and
   * the empty line that ends the head. Over the limit: 431 (RFC 6585 §5).
   */
  readonly maxHeaderBytes: number;
  /** Number of field lines. Over the limit: 431 (RFC 6585 §5). */
  readonly maxHeaderCount: number;
}

/**
 * 8 KiB: RFC 9112 §3 recommends supporting request-lines of at least 8000
 * octets, and Apache (LimitRequestLine 8190) and nginx (8k buffers) agree.
 */
export const MAX_REQUEST_LINE_BYTES = 8 * 1024;

/**
 * 20: the longest method in the IANA HTTP Method Registry is
 * UPDATEREDIRECTREF (17 octets, RFC 4437). Anything longer is a method no
 * server implements, so it gets 501 before we look any further.
 */
export const MAX_METHOD_BYTES = 20;

/**
 * 16 KiB: Node's own default (--max-http-header-size) and twice Apache's
 * per-line 8190, room for large cookies and tokens while keeping a slow
 * client's cost per connection small.
 */
export const MAX_HEADER_BYTES = 16 * 1024;

/**
 * 100: Apache's LimitRequestFields default. Real browsers send about 20;
 * a head with hundreds of tiny fields is a cheap way to make a server
 * allocate, so the count is capped even when the bytes are not.
 */
export const MAX_HEADER_COUNT = 100;

export const DEFAULT_PARSER_LIMITS: ParserLimits = {
  maxRequestLineBytes: MAX_REQUEST_LINE_BYTES,
  maxMethodBytes: MAX_METHOD_BYTES,
  maxHeaderBytes: MAX_HEADER_BYTES,
  maxHeaderCount: MAX_HEADER_COUNT,
};
