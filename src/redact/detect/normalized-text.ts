/**
 * The normalized view detectors run on: hard line wraps joined, so a number or address split
 * across a line break is one run. Keeps a map back to offsets in the text as stored.
 */
import { GENERIC_TLD_SET } from './domain.js';

export interface NormalizedText {
  text: string;
  /** `map[i]` is the offset in the original text of normalized character `i`; null: the same offsets. */
  map: Int32Array | null;
  /** Offsets of the spaces that stand for a line break. */
  lineBreaks: Set<number>;
}

/** Whitespace runs as the view sees them: spaces, tabs, no-break spaces and line breaks. */
const WHITESPACE = /[ \t\u00a0\n\r]+/g;
/** Anything the view would change: a line break, a tab, a no-break space, two spaces, an edge space. */
const CHANGES = /[\t\u00a0\n\r]| {2}|^ | $/;

export function normalizeForDetection(original: string): NormalizedText {
  const lineBreaks = new Set<number>();
  // most texts (paragraphs reflowed by the parser) are already in normal form
  if (!CHANGES.test(original)) return { text: original, map: null, lineBreaks };
  const parts: string[] = [];
  const map = new Int32Array(original.length);
  let length = 0;
  let last = 0;
  const keep = (from: number, to: number): void => {
    if (to <= from) return;
    parts.push(original.slice(from, to));
    for (let k = from; k < to; k++) map[length++] = k;
  };
  /** The normalized text so far (only built when a join rule needs to look back). */
  const soFar = (): string => parts.join('');
  WHITESPACE.lastIndex = 0;
  for (let m = WHITESPACE.exec(original); m; m = WHITESPACE.exec(original)) {
    const i = m.index;
    const j = i + m[0].length;
    keep(last, i);
    last = j;
    if (length === 0 || j >= original.length) continue; // edge whitespace goes
    const hasBreak = m[0].includes('\n') || m[0].includes('\r');
    const prev = original[i - 1]!;
    const prev2 = i >= 2 ? original[i - 2] : undefined;
    const next = original[j]!;
    if (hasBreak) {
      // `202-663-` / `0104`: a number broken after its hyphen joins without a space.
      if (prev === '-' && prev2 !== undefined && /\d/.test(prev2) && /\d/.test(next)) continue;
      // `katherine.baker@` / `state.gov`, `katherine.` / `baker@state.gov`, `herr-` / `mannjp@state.gov`:
      // an address broken at its `@`, a dot or a hyphenation
      if (
        prev === '@' ||
        next === '@' ||
        ((/[._]/.test(prev) || (prev === '-' && prev2 !== undefined && /[a-z0-9]/i.test(prev2))) && /^[^\s]*@/.test(original.slice(j, j + 80)))
      ) {
        continue;
      }
      if (/[.\-]/.test(prev) && joinsWrappedToken(soFar(), original.slice(j, j + 40))) continue;
      lineBreaks.add(length);
    }
    parts.push(' ');
    map[length++] = i;
  }
  keep(last, original.length);
  return { text: parts.join(''), map: map.subarray(0, length), lineBreaks };
}

/** What may follow a dot a wrap cut inside a URL: a file extension or a top-level domain. */
const URL_TAIL = /^(?:cfm|html?|shtml|php\d?|aspx?|jsp|pdf|docx?|xml|txt|gov|mil|com|org|net|edu|int)(?![a-z0-9])/i;

/**
 * A wrap inside the host of an address (`jp@state.sgov.` / `gov`, `jp@sta-` / `te.gov`) or
 * inside a URL (`http://…/p/` / `wha/ottawa`, `…/index.` / `cfm`): the two halves are one token.
 * An address that already ends in a generic TLD (`jp@state.gov.` / `The…`) ended there.
 */
function joinsWrappedToken(text: string, nextText: string): boolean {
  const token = text.slice(text.lastIndexOf(' ') + 1);
  const last = token[token.length - 1]!;
  if (!/^[a-z0-9]/i.test(nextText)) return false;
  const at = token.indexOf('@');
  if (at >= 0 && at < token.length - 1 && (last === '.' || last === '-')) {
    if (last === '-') return true;
    const labels = token.slice(at + 1, -1).split('.');
    const tld = labels[labels.length - 1]!;
    if (!GENERIC_TLD_SET.has(tld.toLowerCase())) return true;
    // `…@mfa.gov.` / `tr`: a two-letter country code in the address's own case
    const cc = /^([a-z]{2})(?![a-z0-9])/i.exec(nextText)?.[1];
    return cc !== undefined && (cc === cc.toLowerCase()) === (tld === tld.toLowerCase());
  }
  if (/^\(?(?:[a-z][a-z0-9+.-]*:\/\/|www\d?\.)\S/i.test(token)) {
    // `…/crimes-` / `article.php`, `…/index.` / `cfm`; other breaks are left to the URL detector
    if (last === '-') return /^[a-z0-9]/.test(nextText);
    if (last === '.') return URL_TAIL.test(nextText);
  }
  return false;
}

/** Maps a span over the normalized text back to the original text. */
export function toOriginal(norm: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (!norm.map) return { start, end };
  return { start: norm.map[start]!, end: norm.map[end - 1]! + 1 };
}
