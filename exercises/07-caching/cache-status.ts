/**
 * The Cache-Status response field (RFC 9211): each cache on the path says
 * what it did with the request, in a Structured Fields list (RFC 9651).
 *
 *     Cache-Status: handshake; hit; ttl=57
 *     Cache-Status: handshake; fwd=uri-miss; fwd-status=200; stored; ttl=60
 *     Cache-Status: handshake; fwd=method
 *
 * It replaces the ad-hoc X-Cache: HIT headers with one vocabulary that
 * curl users, CDNs and browsers' devtools all read the same way.
 */

/** Why the cache forwarded the request (RFC 9211 §2.2). */
export type ForwardReason =
  | "bypass"
  | "method"
  | "uri-miss"
  | "vary-miss"
  | "miss"
  | "request"
  | "stale"
  | "partial";

export interface CacheStatus {
  /** The cache's name: who is speaking. */
  readonly cache: string;
  readonly hit?: boolean;
  readonly fwd?: ForwardReason;
  /** The status the next hop returned to the forwarded request. */
  readonly fwdStatus?: number;
  /** Remaining freshness, in seconds; negative when stale (§2.5). */
  readonly ttl?: number;
  /** True when the forwarded response was stored. */
  readonly stored?: boolean;
  /**
   * The request waited for an identical one already going forward: true
   * when that answer was reused, false when it could not be and this
   * request went forward itself (RFC 9211's `collapsed`, RFC 9111 §4).
   */
  readonly collapsed?: boolean;
  /** Implementation-specific detail, e.g. why it was not stored. */
  readonly detail?: string;
}

/** sf-token (RFC 9651 §3.3.4): ( ALPHA / "*" ) *( tchar / ":" / "/" ). */
const SF_TOKEN = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*$/;

/** A bare item as a token if it is one, else as an sf-string. */
function item(text: string): string {
  return SF_TOKEN.test(text) ? text : `"${text.replace(/(["\\])/g, "\\$1")}"`;
}

/** Serializes one list member: the cache name and its parameters. */
export function formatCacheStatus(s: CacheStatus): string {
  const params: string[] = [];
  if (s.hit) params.push("hit");
  if (s.fwd !== undefined) params.push(`fwd=${s.fwd}`);
  if (s.fwdStatus !== undefined) params.push(`fwd-status=${s.fwdStatus}`);
  if (s.stored) params.push("stored");
  if (s.ttl !== undefined) params.push(`ttl=${Math.floor(s.ttl)}`);
  if (s.collapsed !== undefined)
    params.push(s.collapsed ? "collapsed" : "collapsed=?0");
  if (s.detail !== undefined) params.push(`detail=${item(s.detail)}`);
  return [item(s.cache), ...params].join("; ");
}
