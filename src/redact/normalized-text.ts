/**
 * The normalized view detectors run on: hard line wraps joined, so a number or address split
 * across a line break is one run. Keeps a map back to offsets in the text as stored.
 */
import { GENERIC_TLD_SET } from './domain.js';

export interface NormalizedText {
  text: string;
  /** `map[i]` is the offset in the original text of normalized character `i`. */
  map: number[];
  /** Offsets of the spaces that stand for a line break. */
  lineBreaks: Set<number>;
}

const HSPACE = /[ \t\u00a0]/;

export function normalizeForDetection(original: string): NormalizedText {
  let text = '';
  const map: number[] = [];
  const lineBreaks = new Set<number>();
  let i = 0;
  while (i < original.length) {
    const ch = original[i]!;
    if (ch === '\n' || ch === '\r' || HSPACE.test(ch)) {
      // a whitespace run; does it contain a line break?
      let j = i;
      let hasBreak = false;
      while (j < original.length && (original[j] === '\n' || original[j] === '\r' || HSPACE.test(original[j]!))) {
        if (original[j] === '\n' || original[j] === '\r') hasBreak = true;
        j++;
      }
      const prev = text[text.length - 1];
      const prev2 = text[text.length - 2];
      const next = original[j];
      // `202-663-` / `0104`: a number broken after its hyphen joins without a space.
      if (hasBreak && prev === '-' && prev2 !== undefined && /\d/.test(prev2) && next !== undefined && /\d/.test(next)) {
        i = j;
        continue;
      }
      // `katherine.baker@` / `state.gov`, `katherine.` / `baker@state.gov`, `herr-` / `mannjp@state.gov`:
      // an address broken at its `@`, a dot or a hyphenation
      if (
        hasBreak &&
        next !== undefined &&
        prev !== undefined &&
        (prev === '@' ||
          next === '@' ||
          ((/[._]/.test(prev) || (prev === '-' && prev2 !== undefined && /[a-z0-9]/i.test(prev2))) && /^[^\s]*@/.test(original.slice(j, j + 80))))
      ) {
        i = j;
        continue;
      }
      if (hasBreak && next !== undefined && prev !== undefined && joinsWrappedToken(text, original.slice(j, j + 40))) {
        i = j;
        continue;
      }
      if (text.length > 0 && j < original.length) {
        if (hasBreak) lineBreaks.add(text.length);
        text += ' ';
        map.push(i);
      }
      i = j;
      continue;
    }
    text += ch;
    map.push(i);
    i++;
  }
  return { text, map, lineBreaks };
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
  return { start: norm.map[start]!, end: norm.map[end - 1]! + 1 };
}
