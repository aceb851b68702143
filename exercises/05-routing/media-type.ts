// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function parseMediaType(value: string): MediaType | null {
  throw new NotImplemented({
    chapter: "05",
    name: "parseMediaType",
    file: "exercises/05-routing/media-type.ts",
    hint: "'Application/JSON; Charset=\"utf-8\"' and 'application/json;charset=utf-8' are the same media type.",
  });
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
