/**
 * Which media types are worth compressing.
 *
 * Text (HTML, CSS, JavaScript, JSON, SVG, XML) shrinks to a fifth or a
 * tenth. JPEG, PNG, WebP, MP4, WOFF2, ZIP and PDF streams are already
 * compressed: gzip cannot find redundancy that is not there, and spends
 * CPU to make them a few bytes *larger*.
 *
 * The per-type facts are data, not this book's subject: the mime-db
 * registry (which mime-types, already used by chapter 06, is built on)
 * marks each type `compressible: true | false` or leaves it unknown. We
 * add the rule the `compressible` package uses for unknown types: text/*
 * and the structured-syntax suffixes +json, +text and +xml (RFC 6839)
 * are text.
 */
import mimeDb from "mime-db";

/** The one field of a mime-db entry we read. */
interface MimeEntry {
  readonly compressible?: boolean | undefined;
}

// A static import, so a bundle (tools/build.ts) carries the data with it.
const db: Readonly<Record<string, MimeEntry>> = mimeDb;

/**
 * Our one override of mime-db: it marks application/octet-stream
 * compressible, but "bytes of unknown kind" (RFC 9110 §8.3) are as
 * likely a zip or a video as a log file, and guessing wrong costs CPU.
 */
const NEVER: ReadonlySet<string> = new Set(["application/octet-stream"]);

/** Types mime-db does not know, recognised by shape (RFC 6839 suffixes). */
const TEXT_SHAPE = /^text\/|\+(?:json|text|xml)$/;

/** The essence of a Content-Type: "Text/HTML; charset=x" -> "text/html". */
export function mediaTypeOf(contentType: string): string {
  const semicolon = contentType.indexOf(";");
  const essence =
    semicolon === -1 ? contentType : contentType.slice(0, semicolon);
  return essence.trim().toLowerCase();
}

/** True when a response of this Content-Type is worth compressing. */
export function isCompressibleType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const type = mediaTypeOf(contentType);
  if (NEVER.has(type)) return false;
  const known = Object.hasOwn(db, type) ? db[type]?.compressible : undefined;
  return known ?? TEXT_SHAPE.test(type);
}
