/**
 * The book's planned table of contents (from the design brief).
 *
 * Chapters appear in the site when chapters/NN-slug.md exists; planned
 * chapters show in the sidebar as plain, unlinked text so the reader sees
 * the road ahead without meeting a dead link. A written chapter whose
 * number is not planned here lands in the part of its neighbours.
 */
export interface PlannedChapter {
  readonly number: number;
  readonly slug: string;
  readonly title: string;
}

export interface Part {
  readonly title: string;
  readonly chapters: readonly PlannedChapter[];
}

const ch = (number: number, slug: string, title: string): PlannedChapter => ({
  number,
  slug: `${String(number).padStart(2, "0")}-${slug}`,
  title,
});

export const PARTS: readonly Part[] = [
  {
    title: "I · HTTP/1.1 from the socket up",
    chapters: [
      ch(1, "sockets", "Sockets"),
      ch(2, "request-parser", "The request parser"),
      ch(3, "keep-alive", "Responses and keep-alive"),
      ch(4, "bodies-and-chunking", "Bodies and chunking"),
      ch(5, "routing", "Routing"),
      ch(6, "static-files", "Static files"),
      ch(7, "caching", "Caching"),
      ch(8, "compression", "Compression"),
    ],
  },
  {
    title: "II · Security",
    chapters: [ch(9, "tls", "TLS"), ch(10, "hardening", "Hardening")],
  },
  {
    title: "III · Beyond HTTP/1.1",
    chapters: [
      ch(11, "http2-frames", "HTTP/2 frames"),
      ch(12, "hpack", "HPACK"),
      ch(13, "http2-streams", "HTTP/2 streams"),
      ch(14, "websocket", "WebSocket"),
    ],
  },
  {
    title: "IV · Applications",
    chapters: [
      ch(15, "dynamic-content", "Dynamic content"),
      ch(16, "virtual-hosts-and-proxy", "Virtual hosts and proxy"),
    ],
  },
  {
    title: "V · Operations",
    chapters: [
      ch(17, "observability", "Observability"),
      ch(18, "configuration-and-deployment", "Configuration and deployment"),
      ch(19, "performance", "Performance"),
    ],
  },
];

/** The part a chapter number belongs to (the last part for numbers past the plan). */
export function partOf(number: number): Part {
  const found = PARTS.find((p) => p.chapters.some((c) => c.number === number));
  if (found) return found;
  const before = PARTS.filter((p) => (p.chapters[0]?.number ?? 0) <= number);
  return before.at(-1) ?? (PARTS[0] as Part);
}
