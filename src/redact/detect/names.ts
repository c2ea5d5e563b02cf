/**
 * Person names in contact sentences (opt-in, `--redact names`): `contact Katherine Baker (…)`,
 * `Earl Turcotte can be reached at`, `POC is RSO Wendy Bashnan`. Heuristic; reported for review.
 */
import type { Detector, Span } from '../types.js';

const NAME = `(?<![A-Za-z])(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\\.)(?: (?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\\.|\\([A-Z][a-z]+\\))){1,3}`;
const TITLE = `(?:(?:Ambassador|Mr\\.|Ms\\.|Mrs\\.|Dr\\.|[A-Z]{2,5}|[A-Z][a-z]*Off|[A-Z][A-Za-z]*/[A-Z]+(?:'s)?) )*`;
const PATTERNS: RegExp[] = [
  new RegExp(`\\b(?:[Cc]ontact|POCs? (?:is|are)|[Pp]oints? of contact(?: for [^.]{0,40}?)? (?:is|are))\\s+${TITLE}(${NAME})`, 'g'),
  new RegExp(`(${NAME})(?= can be reached\\b)`, 'g'),
  new RegExp(`(${NAME})(?= \\((?:[^)]{0,40}@|\\+?\\d{2,3}[-. )]\\d|\\(\\d{3}))`, 'g'),
];

export const detectNames: Detector = (text) => {
  const spans: Span[] = [];
  for (const re of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const name = m[1]!;
      const start = m.index + m[0].lastIndexOf(name);
      spans.push({ category: 'name', start, end: start + name.length });
    }
  }
  return spans;
};
