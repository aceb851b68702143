/**
 * Just enough of media types (RFC 9110 §8.3.1) to decide whether a body is
 * JSON and in which charset text arrived:
 *
 *     media-type = type "/" subtype parameters
 *     parameters = *( OWS ";" OWS [ parameter ] )
 *     parameter  = name "=" ( token / quoted-string )
 *
 * Type, subtype and parameter names are case-insensitive; values keep
 * their case except charset, which is case-insensitive by its definition.
 */

export interface MediaType {
  /** `type/subtype`, lowercased. */
  readonly essence: string;
  /** Parameters by lowercased name; quoted values unquoted. */
  readonly params: ReadonlyMap<string, string>;
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const ESSENCE = new RegExp(`^(${TOKEN})/(${TOKEN})[ \\t]*`);
const PARAM = new RegExp(
  `^;[ \\t]*(?:(${TOKEN})=(${TOKEN}|"(?:[^"\\\\]|\\\\.)*"))?[ \\t]*`,
);

/**
 * Parse a Content-Type value, or null when it is not a media type.
 *
 * @exercise
 * @hint nudge: 'Application/JSON; Charset="utf-8"' and
 *   'application/json;charset=utf-8' are the same media type.
 * @hint concept: RFC 9110 §8.3.1: type/subtype, then parameters ';' name '='
 *   (token or quoted-string) with optional whitespace; type, subtype and names
 *   are case-insensitive. Match ESSENCE, then PARAM until nothing is left
 *   (anything unmatched: null); unquote quoted values.
 * @hint solution: match ESSENCE on the trimmed value (no match: null) and
 *   lower-case type and subtype; then match PARAM repeatedly on what is left,
 *   storing each lower-cased name with its value (unquoted when quoted),
 *   cutting the match off each time; return the essence with the parameters.
 */
export function parseMediaType(value: string): MediaType | null {
  const head = ESSENCE.exec(value.trim());
  if (head === null) return null;
  const essence = `${head[1]}/${head[2]}`.toLowerCase();
  const params = new Map<string, string>();
  let rest = value.trim().slice(head[0].length);
  while (rest !== "") {
    const param = PARAM.exec(rest);
    if (param === null) return null;
    const [whole, name, raw] = param;
    if (name !== undefined && raw !== undefined) {
      const unquoted = raw.startsWith('"')
        ? raw.slice(1, -1).replace(/\\(.)/g, "$1")
        : raw;
      params.set(name.toLowerCase(), unquoted);
    }
    rest = rest.slice(whole.length);
  }
  return { essence, params };
}

/** `application/json` or a `+json` type (RFC 6839 §3.1). */
export function isJson(type: MediaType): boolean {
  return (
    type.essence === "application/json" ||
    /^application\/[^/]+\+json$/.test(type.essence)
  );
}

/**
 * True when the charset parameter, if any, names UTF-8 (or ASCII, its
 * subset). RFC 8259 §8.1: JSON exchanged between systems MUST be UTF-8.
 */
export function isUtf8Charset(type: MediaType | null): boolean {
  const charset = type?.params.get("charset")?.toLowerCase();
  return charset === undefined || charset === "utf-8" || charset === "us-ascii";
}
