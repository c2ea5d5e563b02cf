/**
 * The normalized view detectors run on: hard line wraps joined, so a number or address split
 * across a line break is one run. Keeps a map back to offsets in the text as stored.
 */

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
      // `katherine.baker@` / `state.gov`, `katherine.` / `baker@state.gov`: an address broken at its `@` or a dot
      if (hasBreak && next !== undefined && prev !== undefined && (prev === '@' || next === '@' || (/[._]/.test(prev) && /^[^\s]*@/.test(original.slice(j, j + 80))))) {
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

/** Maps a span over the normalized text back to the original text. */
export function toOriginal(norm: NormalizedText, start: number, end: number): { start: number; end: number } {
  return { start: norm.map[start]!, end: norm.map[end - 1]! + 1 };
}
