/** Where the chapter explains each rule, for teaching failures. */
export const BOOK = "chapters/08-compression.md";

export const NEGOTIATION = {
  rule: "RFC 9110 §12.5.3: the highest q wins; q=0 means not acceptable; * covers unlisted codings; identity is acceptable unless excluded",
  book: `${BOOK}#negotiation-with-q-values`,
  curl: "curl -s -D - -o /dev/null -H 'Accept-Encoding: gzip;q=0.5, br' http://127.0.0.1:PORT/",
} as const;

export const QVALUE = {
  rule: 'RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )',
  book: `${BOOK}#negotiation-with-q-values`,
} as const;

export const WHAT_NOT = {
  rule: "RFC 9110 §7.7 (no-transform), §15.3.7 (206 is a range of the selected representation); compressed formats do not shrink",
  book: `${BOOK}#what-not-to-compress`,
} as const;

export const VARY = {
  rule: "RFC 9110 §12.5.5: a response whose content depends on Accept-Encoding must say Vary: Accept-Encoding",
  book: `${BOOK}#vary-and-caches`,
} as const;

export const ETAGS = {
  rule: "RFC 9110 §8.8.3: a strong entity-tag identifies one representation's bytes; gzip and identity differ",
  book: `${BOOK}#one-etag-per-representation`,
} as const;

export const STREAMING = {
  rule: "A compressed body streams through zlib with back-pressure; stopping early must free zlib",
  book: `${BOOK}#streaming-through-zlib`,
} as const;

export const PRECOMPRESSED = {
  rule: "RFC 9110 §8.4: a precompressed sibling is the same resource with Content-Encoding; its type is the original's",
  book: `${BOOK}#precompressed-assets`,
} as const;
