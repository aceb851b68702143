/**
 * Parsing Accept-Encoding (RFC 9110 §12.5.3): which content codings the
 * client can decode, each with a weight.
 *
 *     Accept-Encoding: br;q=1.0, gzip;q=0.8, *;q=0.1, identity;q=0
 *
 *     Accept-Encoding = #( codings [ weight ] )
 *     codings         = content-coding / "identity" / "*"
 *     weight          = OWS ";" OWS "q=" qvalue            (§12.4.2)
 *     qvalue          = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
 *
 * Weights are kept as integers in thousandths (0–1000): a qvalue has at
 * most three decimals, so integers compare exactly where 0.1 + 0.2 would
 * not. Names are lowercased: codings are case-insensitive (§8.4.1).
 */
import { isToken } from "#ch02/tokens.ts";

/** One element of the list: a coding name (or `*`, `identity`) and q. */
export interface EncodingPreference {
  readonly coding: string;
  /** Weight in thousandths: 1000 is q=1, 0 is "not acceptable". */
  readonly q: number;
}

export type AcceptEncoding =
  | { readonly kind: "ok"; readonly preferences: readonly EncodingPreference[] }
  | { readonly kind: "invalid"; readonly reason: string };

/** §12.4.2, exactly: at most three decimals, never above 1. */
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * Reads a qvalue into thousandths, or undefined when it breaks §12.4.2
 * ("0.5000", "1.5", ".5", "-0" and "0,5" all do).
 */
export function parseQvalue(text: string): number | undefined {
  if (!QVALUE.test(text)) return undefined;
  return Math.round(Number.parseFloat(text) * 1000);
}

/** One list element: `gzip`, `gzip;q=0.5`, `* ; Q=0`. */
function parseElement(element: string): EncodingPreference | string {
  const [name = "", ...params] = element.split(";").map((s) => s.trim());
  if (name !== "*" && !isToken(name))
    return `bad coding ${JSON.stringify(name)}`;
  if (params.length > 1) return `more than one parameter after ${name}`;
  let q = 1000;
  const param = params[0];
  if (param !== undefined) {
    // "q=" is a literal in the ABNF, and ABNF literals are case-insensitive.
    if (!/^q=/i.test(param))
      return `unknown parameter ${JSON.stringify(param)}`;
    const parsed = parseQvalue(param.slice(2));
    if (parsed === undefined)
      return `bad qvalue ${JSON.stringify(param.slice(2))}`;
    q = parsed;
  }
  return { coding: name.toLowerCase(), q };
}

/**
 * Parses an Accept-Encoding field value. Empty list elements are skipped,
 * as §5.6.1 requires of a recipient ("gzip,,br" is two codings). An empty
 * value is valid and means "no coding, please" (§12.5.3). Anything else
 * that breaks the grammar is `invalid`, with the reason.
 *
 * @exercise
 * @hint nudge: split the list on commas, then each element on ";"; an empty
 *   element is allowed and skipped.
 * @hint concept: a missing weight means q=1; "q=" is case-insensitive; a qvalue
 *   has at most 3 decimals and is at most 1 (RFC 9110 §12.4.2).
 * @hint solution: split on commas; trim each element, skip empties, split off
 *   parameters on ';'. The name is '*' or a token; at most one parameter, q=
 *   with a valid parseQvalue, else the field is invalid. Collect lower-case
 *   names and weights (1 without q).
 */
export function parseAcceptEncoding(value: string): AcceptEncoding {
  const preferences: EncodingPreference[] = [];
  for (const raw of value.split(",")) {
    const element = raw.trim();
    if (element === "") continue;
    const parsed = parseElement(element);
    if (typeof parsed === "string") return { kind: "invalid", reason: parsed };
    preferences.push(parsed);
  }
  return { kind: "ok", preferences };
}
