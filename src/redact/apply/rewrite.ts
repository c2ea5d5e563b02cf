/**
 * Replacing spans of a text by fixed-length placeholders: the one place a removed value becomes
 * `████████` (box style) or `[REDACTED PHONE]` (label style), with a `redaction` Mark over it and
 * the text's other marks (a source's own redactions) moved to their new offsets.
 */
import type { Mark } from '../../model/cable.js';
import type { Span } from '../types.js';
import { REDACTION_BOX, type RedactionStyle } from '../../model/redaction.js';

export function placeholder(category: string, style: RedactionStyle): string {
  return style === 'label' ? `[REDACTED ${category.toUpperCase()}]` : REDACTION_BOX;
}

export interface Edited {
  text: string;
  marks: Mark[];
}

/** Replaces spans (sorted, disjoint) and carries existing marks over to the new offsets. */
export function rewrite(text: string, spans: Span[], style: RedactionStyle, oldMarks: Mark[] = []): Edited {
  let out = '';
  let last = 0;
  const marks: Mark[] = [];
  const shift: { at: number; delta: number }[] = [];
  for (const span of spans) {
    out += text.slice(last, span.start);
    const ph = placeholder(span.category, style);
    marks.push({ kind: 'redaction', start: out.length, end: out.length + ph.length, category: span.category });
    out += ph;
    shift.push({ at: span.end, delta: ph.length - (span.end - span.start) });
    last = span.end;
  }
  out += text.slice(last);
  const move = (offset: number): number => offset + shift.filter((s) => s.at <= offset).reduce((a, s) => a + s.delta, 0);
  for (const mark of oldMarks) {
    if (spans.some((s) => mark.start < s.end && s.start < mark.end)) continue;
    marks.push({ ...mark, start: move(mark.start), end: move(mark.end) });
  }
  marks.sort((a, b) => a.start - b.start);
  return { text: out, marks };
}

/** Sorted spans made disjoint (a reviewer's span may overlap a proposal). */
export function disjoint(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (s.end > last.end) last.end = s.end;
      continue;
    }
    out.push({ ...s });
  }
  return out;
}
