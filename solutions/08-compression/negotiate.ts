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
 * @hint nudge: a coding can be weighted by its own name or, failing that, by
 *   '*'.
 * @hint concept: RFC 9110 §12.5.3: '*' matches any coding not explicitly listed
 *   in the field; a coding that appears by name is weighted by that entry only,
 *   even when '*' is higher.
 * @hint solution: look for an entry with that exact coding name; if there is
 *   one, return its q; otherwise return the q of the '*' entry, or undefined
 *   when there is none.
 */
function weightOf(
  preferences: readonly EncodingPreference[],
  name: string,
): number | undefined {
  const named = preferences.find((p) => p.coding === name);
  if (named !== undefined) return named.q;
  return preferences.find((p) => p.coding === "*")?.q;
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
 * @hint nudge: a coding missing from the list may still be acceptable through
 *   `*`; identity is acceptable unless excluded.
 * @hint concept: RFC 9110 §12.5.3: a coding is weighed by its own entry, else
 *   "*", else refused; q=0 refuses. Identity is fine unless "identity;q=0", or
 *   "*;q=0" with no identity entry. The highest q wins, ties in our order and
 *   lost by identity; nothing acceptable is none.
 * @hint solution: no preferences: identity. Else walk our codings keeping the
 *   best weight above 0 (only a higher q replaces it); weigh identity (weightOf
 *   or IMPLIED_IDENTITY_Q). The best coding wins if its q is at least
 *   identity's; else identity if above 0; else none.
 */
export function chooseEncoding(
  preferences: readonly EncodingPreference[] | undefined,
  available: readonly Coding[] = CODING_PREFERENCE,
): EncodingChoice {
  if (preferences === undefined) return { kind: "identity" };
  let best: { readonly coding: Coding; readonly q: number } | undefined;
  for (const coding of available) {
    const q = weightOf(preferences, coding) ?? 0;
    if (q > 0 && (best === undefined || q > best.q)) best = { coding, q };
  }
  const identityQ = weightOf(preferences, "identity") ?? IMPLIED_IDENTITY_Q;
  if (best !== undefined && best.q >= identityQ) {
    return { kind: "coding", coding: best.coding };
  }
  if (identityQ > 0) return { kind: "identity" };
  return { kind: "none" };
}
