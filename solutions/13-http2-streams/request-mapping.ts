/**
 * The request mapping: one field block in, the request's parts out, or
 * why the request is malformed (RFC 9113 §8.3.1, §8.1.1).
 *
 *     fields ──▶ pseudo-headers (readPseudo) ──▶ regular fields
 *            (checkRegularField, cookies joined) ──▶ the checks:
 *            required pseudo-headers, :path's form, one valid
 *            authority (Host vs :authority), Content-Length
 *
 * What comes out is what chapter 03's HTTP/1.1 parser gives a handler:
 * a method, an authority, a target to split with chapter 02's
 * splitTarget, and regular fields. The handler never learns which
 * protocol carried the request.
 */
import { getHeader, type HeaderList } from "#ch02/header-list.ts";
import { isValidHost } from "#ch02/host-field.ts";
import { classifyTarget } from "#ch02/request-target.ts";
import { isToken } from "#ch02/tokens.ts";
import {
  checkRegularField,
  type MappedRequest,
  type Pseudo,
  readPseudo,
  type RequestFields,
} from "./request-fields.ts";

const bad = (reason: string): MappedRequest => ({ ok: false, reason });

/**
 * Maps a decoded request field block (§8.3.1).
 *
 * @exercise
 * @hint nudge: one pass over the fields: pseudo-headers first, then the
 *   regular ones; then check what must be present.
 * @hint concept: RFC 9113 §8.3.1: one :method, :scheme and :path, except
 *   CONNECT (:method, :authority, §8.5); :path "/..." or OPTIONS "*"; one Host
 *   at most, equal to :authority; a valid, non-empty authority (RFC 9110
 *   §4.2); cookie crumbs join with "; " (§8.2.3); one Content-Length (§8.1.1).
 * @hint solution: one pass: ':' names through readPseudo, the rest through
 *   checkRegularField, cookies aside, Hosts counted; Host from :authority if
 *   absent. Then: token method; CONNECT's or classifyTarget's shape; one Host;
 *   isValidHost on :authority, or on Host without one; contentLengthOf.
 */
export function mapRequest(fields: HeaderList): MappedRequest {
  const pseudo: Pseudo = {};
  const headers: (readonly [string, string])[] = [];
  let cookies: string[] | undefined;
  let regular = false;
  let hosts = 0;
  for (const [name, value] of fields) {
    if (name.charCodeAt(0) === 0x3a) {
      const broken = readPseudo(pseudo, name, value, regular);
      if (broken !== undefined) return bad(broken);
      continue;
    }
    regular = true;
    const broken = checkRegularField(name, value);
    if (broken !== undefined) return bad(broken);
    if (name === "host") hosts++;
    if (name !== "cookie") headers.push([name, value]);
    else if (cookies === undefined) cookies = [value];
    else cookies.push(value);
  }
  if (cookies !== undefined) headers.push(["cookie", cookies.join("; ")]);
  // §8.3.1: a request converted for an HTTP/1.1 context gets Host from
  // :authority, so a handler reading Host sees what HTTP/1.1 would show.
  if (
    pseudo.authority !== undefined &&
    getHeader(headers, "host") === undefined
  ) {
    headers.unshift(["host", pseudo.authority]);
  }
  const { method, scheme, authority, path } = pseudo;
  if (method === undefined || !isToken(method))
    return bad(":method missing or not a token");
  if (method === "CONNECT") {
    if (authority === undefined || scheme !== undefined || path !== undefined) {
      return bad("CONNECT takes :authority and no :scheme or :path");
    }
  } else {
    if (scheme === undefined || path === undefined)
      return bad(":scheme or :path missing");
    const form = classifyTarget(method, path);
    if (!form.ok || (form.value !== "origin" && form.value !== "asterisk")) {
      return bad(`:path ${JSON.stringify(path)} is not a path`);
    }
  }
  // One Host, as RFC 9112 §3.2 asks of HTTP/1.1: with two, the allow-list
  // (chapter 10) would check one and a handler might read the other.
  if (hosts > 1) return bad("more than one Host");
  // §8.3: an invalid pseudo-header value makes the request malformed. The
  // authority is uri-host [ ":" port ] (RFC 9110 §7.2), without userinfo
  // (§4.2.4), and not empty (§4.2.1); CONNECT's names a port (§8.5).
  if (
    authority !== undefined &&
    (authority === "" || !isValidHost(authority, method === "CONNECT"))
  ) {
    return bad(":authority is not a host");
  }
  // §8.3.1: a Host naming another entity than :authority is malformed.
  // The two are compared as URIs are (RFC 3986 §6.2.2.1): the host is
  // case-insensitive, so "LOCALHOST" and "localhost" name one entity.
  const host = getHeader(headers, "host");
  if (
    host !== undefined &&
    authority !== undefined &&
    host !== authority &&
    host.toLowerCase() !== authority.toLowerCase()
  ) {
    return bad("Host differs from :authority");
  }
  // Without :authority the Host field is the authority, held to chapter
  // 02's grammar as in HTTP/1.1 (where an empty Host is valid).
  if (host !== undefined && authority === undefined && !isValidHost(host)) {
    return bad("Host is not a host");
  }
  const contentLength = contentLengthOf(headers);
  if (contentLength === null) return bad("malformed content-length");
  const request: RequestFields = {
    method,
    scheme: scheme ?? "",
    authority: authority ?? host ?? "",
    path: path ?? "",
    headers,
    contentLength,
  };
  return { ok: true, request };
}

/**
 * Content-Length: undefined when absent, null when it is not one number
 * (RFC 9110 §8.6: repeated identical values may be taken as one).
 */
export function contentLengthOf(
  headers: HeaderList,
): number | undefined | null {
  let found: string | undefined;
  for (const [name, value] of headers) {
    if (name !== "content-length") continue;
    if (found !== undefined && found !== value) return null;
    found = value;
  }
  if (found === undefined) return undefined;
  return /^\d{1,15}$/.test(found) ? Number(found) : null;
}
