/** User terms (`--redact-terms FILE`): case-insensitive, whole words, longest first. */
import type { Detector, Span } from '../types.js';

const cache = new Map<string, RegExp | null>();

function compile(terms: string[]): RegExp | null {
  const key = terms.join('\u0000');
  let re = cache.get(key);
  if (re === undefined) {
    const cleaned = [...new Set(terms.map((t) => t.trim()).filter((t) => t.length > 0 && !t.startsWith('#')))];
    cleaned.sort((a, b) => b.length - a.length);
    // a space in a term matches any whitespace run, so a term wrapped over two lines is found
    const alternatives = cleaned.map((t) => t.split(/\s+/).map(escape).join('\\s+'));
    re = alternatives.length ? new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'giu') : null;
    cache.set(key, re);
  }
  return re;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Reads a terms file's text: one term a line, `#` starts a comment line. */
export function parseTermsFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
}

export const detectTerms: Detector = (text, context) => {
  const re = context.terms?.length ? compile(context.terms) : null;
  if (!re) return [];
  const spans: Span[] = [];
  for (const m of text.matchAll(re)) spans.push({ category: 'term', start: m.index, end: m.index + m[0].length });
  return spans;
};
