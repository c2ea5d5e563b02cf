/**
 * The drafter's marker of a protected source: `(protect)`, `(strictly protect)`, `(please protect)`,
 * `(protect throughout)`, `(strictly protect throughout,)`, `(strictly protect - see reftels)`,
 * `(again, please protect)`, `(PROTECT)`, in any case, in parentheses or brackets, split over a
 * line break anywhere. "Protect" in prose (`to protect civilians`, `(protect the border)`,
 * `the Presidential Protection Unit`) is no marker: inside the brackets only the marker's own
 * words may stand, then at most a dash, comma or colon and a short note (`- see reftels`).
 */

export interface SourceMarker {
  start: number;
  end: number;
  /** The marker as written, on one line: `(strictly protect throughout)`. */
  text: string;
}

const LEAD = String.raw`(?:(?:again|also|and|but|pls\.?|please|kindly|strictly|strongly|very|must|do)\s*,?\s*)*`;
const TAIL = String.raw`(?:\s+(?:throughout|source|sources|identity|identities|name|names|him|her|them|all|please|strictly|fully|as\s+(?:a\s+)?sources?))*`;
const NOTE = String.raw`(?:\s*[-–—,;:.]\s*(?:[^()[\]]{0,60}?))?`;
const MARKER = new RegExp(String.raw`[([]\s*${LEAD}protect(?:ed)?(?![\p{L}\p{N}])${TAIL}${NOTE}\s*[,.;]?\s*[)\]]`, 'giu');

/** Every source marker in a text, in order. */
export function findSourceMarkers(text: string): SourceMarker[] {
  if (!/protect/i.test(text)) return [];
  return [...text.matchAll(MARKER)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0].replace(/\s+/g, ' ') }));
}

/** Could the text hold a marker at all? (The cheap test before any work.) */
export function mayHoldMarker(text: string): boolean {
  return /protect/i.test(text);
}
