/**
 * Line breaking for the PDF writer: styled spans become tokens (words, redaction bars) that are
 * broken greedily into lines of a given width. Pure, given a measuring function.
 */
import type { FontStyle } from '../paged/fonts.js';

export type Span =
  /** `link`: a named destination the text links to (a chapter of a book). */
  | { kind: 'text'; style: FontStyle; text: string; link?: string }
  | { kind: 'bar'; label: string }
  /** Text that must stay on one line with what precedes it (a marking after its number). */
  | { kind: 'bound'; style: FontStyle; text: string; link?: string }
  | { kind: 'newline' };

export interface Token {
  kind: 'word' | 'bar';
  style: FontStyle;
  text: string;
  width: number;
  /** A space precedes the token in the text (a place where the line may break). */
  space: boolean;
  /** The token may not start a new line (it is bound to the previous one). */
  bound: boolean;
  newline: boolean;
  /** The named destination the word links to, if any. */
  link?: string;
  /** What the writer draws of the word, when its measure gave it (see `Measure.glyphs`). */
  glyphs?: unknown;
}

export interface Line {
  tokens: Token[];
  width: number;
}

export interface Measure {
  word(text: string, style: FontStyle): number;
  space(style: FontStyle): number;
  bar(label: string): number;
  /**
   * Optional: a word (no spaces) as the writer will draw it, kept on its token so that drawing
   * need not look it up again; `widthOf` gives its width (the same as `word`).
   */
  glyphs?(text: string, style: FontStyle): unknown;
  widthOf?(glyphs: unknown): number;
}

/** Control characters and tabs drawn as nothing / a space; keeps NBSP. */
function clean(text: string): string {
  return text.replace(/\t/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f\u00ad]/g, '');
}

export function tokenize(spans: Span[], measure: Measure): Token[] {
  const tokens: Token[] = [];
  let pendingSpace = false;
  let pendingNewline = false;
  for (const span of spans) {
    if (span.kind === 'newline') {
      pendingNewline = true;
      pendingSpace = false;
      continue;
    }
    if (span.kind === 'bar') {
      tokens.push({ kind: 'bar', style: 'bold', text: span.label, width: measure.bar(span.label), space: pendingSpace, bound: false, newline: pendingNewline });
      pendingSpace = pendingNewline = false;
      continue;
    }
    const bound = span.kind === 'bound';
    const text = clean(span.text);
    const parts = text.split(/( +|\n)/);
    let first = true;
    for (const part of parts) {
      if (part === '') continue;
      if (part === '\n') {
        pendingNewline = true;
        pendingSpace = false;
        first = false;
        continue;
      }
      if (/^ +$/.test(part)) {
        pendingSpace = true;
        continue;
      }
      const glyphs = measure.glyphs?.(part, span.style);
      const token: Token = {
        kind: 'word',
        style: span.style,
        text: part,
        width: glyphs === undefined ? measure.word(part, span.style) : measure.widthOf!(glyphs),
        space: pendingSpace,
        bound: bound && first && !pendingNewline,
        newline: pendingNewline,
      };
      if (span.link) token.link = span.link;
      if (glyphs !== undefined) token.glyphs = glyphs;
      tokens.push(token);
      pendingSpace = pendingNewline = false;
      first = false;
    }
  }
  return tokens;
}

/**
 * Greedy line breaking: `widths[i]` is the width of line i (the last entry repeats). Lines break
 * only at a space before a token that is not bound; a word longer than a line is cut by
 * characters so nothing runs into the margin.
 */
export function breakLines(tokens: Token[], widths: number[], measure: Measure): Line[] {
  // Groups: runs of tokens with no break opportunity inside (a word glued to a bar, `1. (C)`).
  const groups: Token[][] = [];
  for (const token of tokens) {
    const last = groups[groups.length - 1];
    if (last && !token.newline && (!token.space || token.bound)) last.push(token);
    else groups.push([token]);
  }
  const widthOf = (i: number) => widths[Math.min(i, widths.length - 1)]!;
  const lines: Line[] = [];
  let current: Token[] = [];
  let width = 0;
  for (const group of groups) {
    const head = { ...group[0]!, space: false };
    const startLine = [head, ...group.slice(1)];
    const groupWidth = lineWidth(startLine, measure);
    const gap = group[0]!.space ? measure.space(group[0]!.style) : 0;
    const forced = group[0]!.newline && current.length > 0;
    if (current.length === 0) {
      current = startLine;
      width = groupWidth;
    } else if (!forced && width + gap + groupWidth <= widthOf(lines.length)) {
      current.push(...group);
      width += gap + groupWidth;
    } else {
      lines.push({ tokens: current, width });
      current = startLine;
      width = groupWidth;
    }
  }
  if (current.length) lines.push({ tokens: current, width });
  return lines.flatMap((line, i) => splitOverlong(line, widthOf(i), measure));
}

function lineWidth(tokens: Token[], measure: Measure): number {
  let w = 0;
  tokens.forEach((t, i) => {
    w += (i > 0 && t.space ? measure.space(t.style) : 0) + t.width;
  });
  return w;
}

/** A single word wider than the line (a long URL) is cut into pieces that fit. */
function splitOverlong(line: Line, limit: number, measure: Measure): Line[] {
  if (line.width <= limit || line.tokens.length !== 1 || line.tokens[0]!.kind !== 'word') return [line];
  const token = line.tokens[0]!;
  const out: Line[] = [];
  let piece = '';
  for (const ch of token.text) {
    if (piece && measure.word(piece + ch, token.style) > limit) {
      const width = measure.word(piece, token.style);
      out.push({ tokens: [{ ...token, text: piece, width, newline: false, glyphs: undefined }], width });
      piece = '';
    }
    piece += ch;
  }
  const width = measure.word(piece, token.style);
  out.push({ tokens: [{ ...token, text: piece, width, newline: false, glyphs: undefined }], width });
  return out;
}
