/**
 * Places every repair of `cable.repairs` in the input text and in the clean text, so a reviewer
 * can highlight it where it happened. The normalizer logs a repair as { kind, line, before,
 * after }; this module finds `before` at or after its line in the input and `after` in the part
 * of the clean text that holds that line's paragraph (the text writer's places say where).
 * A repair of the whole file (line ends, trailing spaces, encoding) has no place in the clean text.
 */
import type { Cable, Repair, Warning } from '../model/cable.js';
import type { TextPlace } from '../writers/text.js';

/** A span of UTF-16 offsets; `start === end` is a point (where something was removed). */
export interface TextRange {
  start: number;
  end: number;
}

export interface RepairPlace extends Repair {
  /** Index in `cable.repairs`. */
  index: number;
  /** Where the repair was made in the input text, or null when its line is unknown (line 0 and not found). */
  raw: TextRange | null;
  /** False when only the line is known (a repair summarised over many places: `SIPDIS ×2`). */
  rawExact: boolean;
  /** What the repair left in the clean text (a point for a removal), or null for whole-file repairs. */
  clean: TextRange | null;
}

export interface WarningPlace extends Warning {
  index: number;
  /** The warning's line in the input text, or null when it has none. */
  raw: TextRange | null;
}

/** Repairs that change the whole file rather than one place in it. */
const WHOLE_FILE = new Set(['line-ends', 'trailing-space', 'line-end-backslash', 'encoding']);

/** Offsets where each 1-based line starts (index 0 unused), whatever the line ends. */
export function lineStarts(text: string): number[] {
  const starts = [0, 0];
  const re = /\r\n|\r|\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) starts.push(m.index + m[0].length);
  return starts;
}

function lineSpan(text: string, starts: number[], line: number): TextRange | null {
  if (line < 1 || line >= starts.length) return null;
  const start = starts[line]!;
  const next = line + 1 < starts.length ? starts[line + 1]! : text.length;
  let end = next;
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return { start, end };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A pattern for a text as the input may hold it: any run of white space may be a line break
 * with indentation, an apostrophe may still be the telegraph's comma (and a comma already an
 * apostrophe), quotes may be straight or still the telegraph's `&…8`,
 * and a word at either end must be whole.
 */
function flexible(needle: string, whole = true, loose = true): RegExp | null {
  const t = needle.trim();
  if (!t) return null;
  let body = '';
  for (const ch of t) {
    if (/\s/.test(ch)) {
      if (!body.endsWith('\\s+')) body += '\\s+';
    } else if (loose && (ch === "'" || ch === '’' || ch === ',')) body += "[',’]";
    else if (loose && (ch === '“' || ch === '”')) body += '[“”"&8]';
    else body += escape(ch);
  }
  const lead = whole && /^\w/.test(t) ? '(?<![\\w])' : '';
  const trail = whole && /\w$/.test(t) ? '(?![\\w])' : '';
  return new RegExp(lead + body + trail, 'g');
}

/** The first match of `re` in text[from, to) whose span is not claimed yet. */
function findFrom(text: string, re: RegExp, from: number, to: number, claimed: Set<string>): TextRange | null {
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index >= to) return null;
    const place = { start: m.index, end: m.index + m[0].length };
    if (!claimed.has(`${place.start}:${place.end}`)) return place;
    re.lastIndex = m.index + 1;
  }
  return null;
}

/**
 * Searches from `from` to `to`, then from `wrap` to `from`: nearest the expected place first.
 * A text is looked for as written (only white space free) before the looser pattern is tried.
 */
function findNear(text: string, needle: string | RegExp | null, from: number, to: number, claimed: Set<string>, wrap = 0): TextRange | null {
  if (needle === null) return null;
  const patterns = typeof needle === 'string' ? [flexible(needle, true, false), flexible(needle)] : [needle];
  for (const re of patterns) {
    if (!re) continue;
    const found = findFrom(text, re, from, to, claimed) ?? (wrap < from ? findFrom(text, re, wrap, from, claimed) : null);
    if (found) return found;
  }
  return null;
}

/** `…the tail ¦ the head…` of a joined paragraph, as patterns (a part cut at `…` may end mid-word). */
function splitJoin(before: string): { tail: RegExp; head: RegExp; tailText: string; headText: string; joined: RegExp } | null {
  const i = before.indexOf(' ¦ ');
  if (i < 0) return null;
  const tailText = before.slice(0, i).replace(/^…/, '');
  const headText = before.slice(i + 3).replace(/…$/, '');
  const tail = flexible(tailText, false);
  const head = flexible(headText, false);
  const joined = flexible(`${tailText} ${headText}`, false);
  return tail && head && joined ? { tail, head, tailText, headText, joined } : null;
}

/** The last match of `re` that ends by `to`, starting from `from`. */
function lastBefore(text: string, re: RegExp, from: number, to: number): TextRange | null {
  re.lastIndex = from;
  let found: TextRange | null = null;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < to) {
    if (m.index + m[0].length <= to) found = { start: m.index, end: m.index + m[0].length };
    re.lastIndex = m.index + 1;
  }
  return found;
}

/** How many characters of `joined` the head takes (its text may have wrapped differently). */
function headLength(joined: string, head: string): number {
  const words = head.trim().split(/\s+/).length;
  const parts = joined.split(/(\s+)/);
  let n = 0;
  let seen = 0;
  for (let i = parts.length - 1; i >= 0 && seen < words; i--) {
    n += parts[i]!.length;
    if (!/^\s+$/.test(parts[i]!)) seen++;
  }
  return n;
}

const lastWord = (s: string): string => /(\S+)\s*$/.exec(s)?.[1] ?? '';
const firstWord = (s: string): string => /^\s*(\S+)/.exec(s)?.[1] ?? '';

/** Up to three words of plain text after `at` on the input line (markup links unwrapped). */
function rightContext(text: string, at: number): string {
  const rest = text.slice(at, at + 80).split(/\r?\n/)[0] ?? '';
  const plain = rest.replace(/\[([^\]]*)\]\(#[^)\s]*\)/g, '$1').trim();
  return plain.split(/\s+/).slice(0, 3).join(' ');
}

function leftContext(text: string, at: number): string {
  const lines = text.slice(Math.max(0, at - 80), at).split(/\r?\n/);
  const plain = (lines[lines.length - 1] ?? '').replace(/\[([^\]]*)\]\(#[^)\s]*\)/g, '$1').trim();
  return plain.split(/\s+/).slice(-3).join(' ');
}

/** Where repairs land in the input (`source`) and in the clean text (`clean`, with its `places`). */
export function locateRepairs(source: string, cable: Cable, clean: string, places: TextPlace[]): RepairPlace[] {
  const starts = lineStarts(source);
  const rawClaimed = new Set<string>();
  const cleanClaimed = new Set<string>();
  const blocks = places.filter((p) => p.field === 'block').sort((a, b) => a.index - b.index);
  const bodyStart = blocks[0]?.start ?? clean.length;
  const footers = places.filter((p) => p.field === 'footer');
  const signature = places.find((p) => p.field === 'signature') ?? null;
  let footerSeen = 0;

  /** The part of the clean text that holds input line `line`: its paragraph and the next (for a heading). */
  const cleanRange = (line: number): { from: number; to: number } => {
    const paragraphs = cable.paragraphs;
    if (line < 1 || !paragraphs.length || line < paragraphs[0]!.line) return line < 1 ? { from: 0, to: clean.length } : { from: 0, to: bodyStart };
    let i = 0;
    while (i + 1 < paragraphs.length && paragraphs[i + 1]!.line <= line) i++;
    const here = blocks.find((b) => b.index >= i);
    const next = blocks.find((b) => b.index > (here?.index ?? i));
    const after = next ? blocks.find((b) => b.index > next.index) : undefined;
    return { from: here?.start ?? bodyStart, to: after?.start ?? clean.length };
  };

  const claim = (set: Set<string>, p: TextRange | null): TextRange | null => {
    if (p && p.end > p.start) set.add(`${p.start}:${p.end}`);
    return p;
  };

  return cable.repairs.map((repair, index): RepairPlace => {
    const lineStart = repair.line >= 1 && repair.line < starts.length ? starts[repair.line]! : 0;
    let raw: TextRange | null = null;
    let rawExact = true;

    // 1. The input.
    const join = repair.kind.startsWith('split-paragraph') ? splitJoin(repair.before) : null;
    if (join) {
      const head = findNear(source, join.head, lineStart, source.length, rawClaimed);
      const tail = head ? lastBefore(source, join.tail, Math.max(0, head.start - 4000), head.start) : null;
      if (head && tail) {
        // the break between the two parts, with the words on either side of it
        raw = { start: tail.end - lastWord(join.tailText).length, end: head.start + firstWord(join.headText).length };
      }
    } else if (!WHOLE_FILE.has(repair.kind) && !/ ×\d+$/.test(repair.before)) {
      raw = findNear(source, repair.before, lineStart, source.length, rawClaimed);
    }
    if (!raw && repair.kind === 'trailing-space') {
      const span = lineSpan(source, starts, repair.line);
      const spaces = span ? /[ \t]+$/.exec(source.slice(span.start, span.end)) : null;
      if (span && spaces) raw = { start: span.end - spaces[0].length, end: span.end };
    }
    if (!raw) {
      raw = lineSpan(source, starts, repair.line);
      rawExact = false;
    }
    claim(rawClaimed, raw);

    // 2. The clean text.
    let cleanPlace: TextRange | null = null;
    if (!WHOLE_FILE.has(repair.kind)) {
      const range = cleanRange(repair.line);
      if (repair.kind === 'footer') {
        const f = footers[footerSeen++];
        cleanPlace = f ? { start: f.start, end: f.end } : null;
      } else if (repair.kind === 'signature-split' && signature) {
        cleanPlace = { start: signature.start, end: signature.end };
      } else if (join) {
        const both = findNear(clean, join.joined, range.from, range.to, cleanClaimed, Math.max(0, range.from - 2000));
        if (both) {
          const at = both.start + (clean.slice(both.start, both.end).length - headLength(clean.slice(both.start, both.end), join.headText));
          cleanPlace = { start: at - 1 - lastWord(join.tailText).length, end: at + firstWord(join.headText).length };
        }
      } else if (repair.after.trim() !== '') {
        cleanPlace = findNear(clean, repair.after, range.from, range.to, cleanClaimed, Math.max(0, range.from - 2000)) ??
          findNear(clean, repair.after, 0, clean.length, cleanClaimed);
      }
      if (!cleanPlace && raw && rawExact) {
        // a removal: the point where the removed text stood, found by the words after (or before) it
        const right = rightContext(source, raw.end);
        const r = right ? findNear(clean, right, range.from, range.to, cleanClaimed) : null;
        if (r) cleanPlace = { start: r.start, end: r.start };
        else {
          const left = leftContext(source, raw.start);
          const l = left ? findNear(clean, left, range.from, range.to, new Set()) : null;
          if (l) cleanPlace = { start: l.end, end: l.end };
        }
      }
      if (!cleanPlace) cleanPlace = { start: range.from, end: range.from };
      claim(cleanClaimed, cleanPlace);
    }
    return { ...repair, index, raw, rawExact, clean: cleanPlace };
  });
}

/** Each warning with its line in the input text. */
export function locateWarnings(source: string, cable: Cable): WarningPlace[] {
  const starts = lineStarts(source);
  return cable.warnings.map((w, index) => ({ ...w, index, raw: w.line === null ? null : lineSpan(source, starts, w.line) }));
}
