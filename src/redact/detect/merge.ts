/** The one place overlapping spans become one: the longer span's category wins, then the order below. */
import type { Span, RedactionCategory } from '../types.js';

const PRIORITY: RedactionCategory[] = ['email', 'url', 'fax', 'phone', 'address', 'term', 'pattern', 'name', 'source'];

export function mergeSpans(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  let current: (Span & { weight: number }) | null = null;
  for (const span of sorted) {
    const weight = span.end - span.start;
    if (current && span.start < current.end) {
      if (weight > current.weight || (weight === current.weight && PRIORITY.indexOf(span.category) < PRIORITY.indexOf(current.category))) {
        current.category = span.category;
        current.detector = span.detector;
        current.weight = weight;
      }
      current.end = Math.max(current.end, span.end);
      continue;
    }
    if (current) merged.push(plain(current));
    current = { ...span, weight };
  }
  if (current) merged.push(plain(current));
  return merged;
}

function plain(s: Span): Span {
  return { category: s.category, start: s.start, end: s.end, ...(s.detector ? { detector: s.detector } : {}) };
}
