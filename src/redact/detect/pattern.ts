/** User regular expressions (`--redact-pattern REGEX`, repeatable), matched case-insensitively. */
import { CableError } from '../../errors.js';
import type { Detector, Span } from '../types.js';

const cache = new Map<string, RegExp>();

export function compilePattern(source: string): RegExp {
  let re = cache.get(source);
  if (!re) {
    try {
      re = new RegExp(source, 'giu');
    } catch (err) {
      throw new CableError(`invalid --redact-pattern ${JSON.stringify(source)}: ${(err as Error).message}`);
    }
    cache.set(source, re);
  }
  return re;
}

export const detectPatterns: Detector = (text, context) => {
  const spans: Span[] = [];
  for (const source of context.patterns ?? []) {
    for (const m of text.matchAll(compilePattern(source))) {
      if (m[0].length > 0) spans.push({ category: 'pattern', start: m.index, end: m.index + m[0].length });
    }
  }
  return spans;
};
