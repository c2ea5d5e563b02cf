/**
 * What the reader did to one cable, checked against the text it read: words of the input that are
 * in neither the clean text nor a logged repair (lost by the reader), and the gaps in the paragraph
 * numbers — told apart into gaps the source has (the missing number is nowhere between the two
 * paragraphs in the input) and gaps the reader made (the input holds the missing number where a
 * paragraph starts, and the reader did not take it). Pure: `inspect --summary` and the corpus tests
 * call it with the source text of `readCableSource` / `csvRecordSource`.
 */
import type { Cable, Paragraph } from '../model/cable.js';
import { formatText } from '../writers/text.js';
import { sourceRedactionRuns } from '../model/source-redactions.js';

export interface ParagraphGap {
  /** The numbers missing, in order (`[3]`, `[9, 10]`); a numbering that starts late lists 1…N−1. */
  missing: number[];
  /** The input line of the paragraph after the gap. */
  line: number;
}

export interface ReadingAudit {
  /** Words (three letters or more) of the input in neither the clean text nor any repair's `before`. */
  lostWords: string[];
  /** Gaps the source itself has: the missing numbers are not in the input where a paragraph could start. */
  sourceGaps: ParagraphGap[];
  /** Gaps the reader made: the input holds a missing number at a paragraph start that the reader did not take. */
  readerGaps: ParagraphGap[];
}

/**
 * Header words the text writer spells in its own form: the classification line as its level
 * (`UNCLAS` → `UNCLASSIFIED`), field labels in one spelling, the Classified By line as
 * `X. Reasons: …` (its `for` and `and` written as `Reasons` and `,`).
 */
const CANONICAL: Record<string, string> = {
  unclas: 'unclassified',
  reason: 'reasons',
  subj: 'subject',
  refs: 'ref',
  reftel: 'ref',
  reftels: 'ref',
  references: 'ref',
  reference: 'ref',
  tag: 'tags',
  and: 'reasons',
  for: 'reasons',
};

/** Words of `source` the cable lost: in neither its text output nor a repair. */
export function lostWords(cable: Cable, source: string, clean: string = formatText(cable)): string[] {
  const out = new Set<string>();
  for (const w of clean.match(/[A-Za-z]{3,}/g) ?? []) out.add(w.toLowerCase());
  const repaired = cable.repairs.map((r) => r.before).join('\n').toLowerCase();
  const lost = new Set<string>();
  // the source's runs of X are redactions, shown as marks: no word (`BothXXXXXXXXXXXXX` keeps its `Both`)
  for (const word of withoutRuns(source).match(/[A-Za-z]{3,}/g) ?? []) {
    const w = word.toLowerCase();
    if (out.has(w) || out.has(CANONICAL[w] ?? '\0') || repaired.includes(w)) continue;
    lost.add(word);
  }
  return [...lost];
}

function withoutRuns(text: string): string {
  const runs = sourceRedactionRuns(text);
  if (runs.length === 0) return text;
  let out = '';
  let at = 0;
  for (const r of runs) {
    out += `${text.slice(at, r.start)} `;
    at = r.end;
  }
  return out + text.slice(at);
}

/** A paragraph start holding `n` on an input line: `3.`, `¶3.`, `3.(C)` at the line's start, or `¶3.` / `… end. 3. (C)` inside it. */
function startsParagraph(line: string, n: number): boolean {
  if (!line.includes(String(n))) return false;
  const lead = new RegExp(String.raw`^[ \t]*(?:¶[ \t]?|\[\d{1,3}\]\(#[^)\s]*\)[ \t]?)?${n}[ \t]?\.(?=\s|\(|$)`);
  if (lead.test(line)) return true;
  const inline = new RegExp(String.raw`(?:¶[ \t]?${n}\.|[.!?"”)][ \t]+${n}[ \t]?\.[ \t]*\((?:U|C|S|SBU|TS)\b[^)]{0,12}\))`);
  return inline.test(line);
}

/** The gaps in the numbers of `paragraphs`, each told apart by the input lines between its two paragraphs. */
export function paragraphGaps(cable: Cable, source: string): { sourceGaps: ParagraphGap[]; readerGaps: ParagraphGap[] } {
  const lines = source.split(/\r\n|\r|\n/);
  const numbered = cable.paragraphs.filter((p): p is Paragraph & { number: number } => p.number !== null);
  const sourceGaps: ParagraphGap[] = [];
  const readerGaps: ParagraphGap[] = [];
  let prev: (Paragraph & { number: number }) | null = null;
  for (const p of numbered) {
    const from = prev ? prev.number + 1 : 1;
    if (p.number > from && (prev === null || p.number > prev.number)) {
      // a number far off the sequence (a year kept as a paragraph number) lists at most 100 missing numbers
      const missing = Array.from({ length: Math.min(100, p.number - from) }, (_, k) => from + k);
      // the input lines between the paragraph before (or the start) and this one (line numbers are 1-based)
      const first = prev ? Math.max(0, prev.line - 1) : 0;
      const last = Math.min(lines.length, Math.max(first, p.line));
      const window = lines.slice(first, last);
      const made = missing.some((n) => window.some((l) => startsParagraph(l, n)));
      (made ? readerGaps : sourceGaps).push({ missing, line: p.line });
    }
    prev = p;
  }
  return { sourceGaps, readerGaps };
}

/** The audit of one cable against the text it was read from. */
export function auditReading(cable: Cable, source: string, clean?: string): ReadingAudit {
  return { lostWords: lostWords(cable, source, clean), ...paragraphGaps(cable, source) };
}
