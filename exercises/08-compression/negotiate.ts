// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Choosing a content coding for one response (RFC 9110 §12.5.3).
 *
 *     Accept-Encoding        available          chosen
 *     (absent)               br, gzip, deflate  identity
 *     gzip, br               br, gzip, deflate  br         (our tie-break)
 *     gzip;q=1, br;q=0.5     br, gzip, deflate  gzip       (the client's q)
 *     *;q=0.2, gzip;q=0      br, gzip, deflate  br
 *     zstd, identity;q=0     br, gzip, deflate  none       (→ 406)
 *
 * The rules, in the RFC's words where they decide something:
 * - a coding listed with q=0 is "not acceptable";
 * - `*` gives its weight to every coding not listed by name;
 * - identity is acceptable "unless specifically excluded", by
 *   `identity;q=0`, or by `*;q=0` without an entry for identity;
 * - an empty field value means the client wants no coding.
 */
import type { EncodingPreference } from "./accept-encoding.ts";
import { CODING_PREFERENCE, type Coding } from "./codings.ts";
import { NotImplemented } from "#course/not-implemented.ts";

export type EncodingChoice =
  | { readonly kind: "coding"; readonly coding: Coding }
  | { readonly kind: "identity" }
  /** Nothing we can send is acceptable: identity was excluded too. */
  | { readonly kind: "none" };

/**
 * The weight of an identity the client never mentioned: acceptable, but
 * below every q a client can write (the smallest is 0.001, i.e. 1). So
 * `gzip;q=0.1` still gets gzip: listing a coding is asking for it.
 */
export const IMPLIED_IDENTITY_Q = 0.5;

/**
 * The client's weight for `name`: by name, else from `*`, else none.
 *
 * @exercise
 */
function weightOf(
  preferences: readonly EncodingPreference[],
  name: string,
): number | undefined {
  throw new NotImplemented({
    chapter: "08",
    name: "weightOf",
    file: "exercises/08-compression/negotiate.ts",
    hint: "a coding can be weighted by its own name or, failing that, by '*'.",
  });
}

/**
 * Picks the coding for a response, given the parsed Accept-Encoding
 * (undefined when the request had none) and the codings available for
 * this response, in our order of preference.
 *
 * No Accept-Encoding at all means, per §12.5.3, that any coding is
 * acceptable; we send identity anyway, because a client that did not
 * ask (a script, `curl` without --compressed) usually cannot decode.
 *
 * @exercise
 */
export function chooseEncoding(
  preferences: readonly EncodingPreference[] | undefined,
  available: readonly Coding[] = CODING_PREFERENCE,
): EncodingChoice {
  throw new NotImplemented({
    chapter: "08",
    name: "chooseEncoding",
    file: "exercises/08-compression/negotiate.ts",
    hint: "a coding missing from the list may still be acceptable through `*`; identity is acceptable unless excluded.",
  });
}
