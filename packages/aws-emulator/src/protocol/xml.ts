/**
 * @module protocol/xml
 * XML helpers: escaping for the hand-assembled responses (fast and exact), and a fast-xml-parser
 * reader with entity processing OFF (only the five predefined entities and character references are
 * decoded, by hand), for tests and peers that read our XML.
 */

import { XMLParser } from "fast-xml-parser";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\r": "&#xD;",
  "\n": "&#xA;",
  "\t": "&#x9;",
};
const NEEDS_ESCAPE = /[&<>"'\r]/;
const ESCAPE_ALL = /[&<>"'\r]/g;

/**
 * Escapes text for an XML element or attribute. `\r` becomes `&#xD;` so XML parsers do not normalise
 * CRLF and the client's MD5 of the body still matches.
 * @example
 * ```ts
 * escapeXml("a<b & \r"); // "a&lt;b &amp; &#xD;"
 * ```
 */
export function escapeXml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE_ALL, (c) => ESCAPES[c] ?? c) : text;
}

const ENTITY = /&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the predefined entities and numeric character references. */
export function unescapeXml(text: string): string {
  return text.replace(ENTITY, (_match, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return NAMED[entity] ?? _match;
  });
}

const parser = new XMLParser({
  ignoreAttributes: false,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: false,
  tagValueProcessor: (_name, value) => unescapeXml(value),
});

/**
 * Parses XML into plain objects (elements -> properties, repeated elements -> arrays, text as strings).
 * @throws Error when the document is malformed.
 */
export function parseXml(xml: string): Record<string, unknown> {
  return parser.parse(xml, true) as Record<string, unknown>;
}
