/**
 * Estimates how many pages a cable takes in a DOCX, so a book's table of contents can be
 * written with page numbers (LibreOffice and many viewers never update fields). Text is
 * measured with the template font's own advance widths and wrapped greedily, as a word
 * processor does; it is an estimate (hyphenation, widow control and table rows are
 * approximated), and Word refreshes the numbers when it updates the field.
 */
import { create as createFont, type Font } from 'fontkit';
import { fontData, type FontFamilyName, type FontStyle } from '../paged/fonts.js';

const fonts = new Map<string, { font: Font; widths: Map<number, number>; lineHeight: number; unitsPerEm: number; ascii: Float64Array }>();

function metricsFor(family: FontFamilyName, style: FontStyle) {
  const key = `${family}/${style}`;
  let m = fonts.get(key);
  if (!m) {
    const font = createFont(fontData(family, style));
    // A single line: the smaller of the hhea and Windows ascent + descent, which is what
    // LibreOffice lays these two fonts out with (checked against its PDFs; Word may differ by a few %).
    const os2 = (font as unknown as { 'OS/2': { winAscent: number; winDescent: number } })['OS/2'];
    const lineHeight = Math.min(os2.winAscent + os2.winDescent, font.ascent - font.descent) / font.unitsPerEm;
    m = { font, widths: new Map(), lineHeight, unitsPerEm: font.unitsPerEm, ascii: new Float64Array(128).fill(-1) };
    fonts.set(key, m);
  }
  return m;
}

/** Measures text in one font at one size, in points. */
export class TextMeasure {
  private readonly m: ReturnType<typeof metricsFor>;
  constructor(
    family: FontFamilyName,
    style: FontStyle,
    readonly size: number,
  ) {
    this.m = metricsFor(family, style);
  }

  get lineHeight(): number {
    return this.m.lineHeight * this.size;
  }

  width(text: string): number {
    let units = 0;
    const { font, widths, unitsPerEm, ascii } = this.m;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 128 && ascii[code]! >= 0) {
        units += ascii[code]!;
        continue;
      }
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++; // a surrogate pair is one character
      const ch = String.fromCodePoint(cp);
      let w = widths.get(cp);
      if (w === undefined) {
        w = font.hasGlyphForCodePoint(cp) ? (font.layout(ch).positions[0]?.xAdvance ?? unitsPerEm / 2) : unitsPerEm * 0.6;
        widths.set(cp, w);
      }
      if (code < 128) ascii[code] = w;
      units += w;
    }
    return (units / unitsPerEm) * this.size;
  }

  /** Lines a paragraph wraps into at `width` points (greedy, at spaces; a long word breaks anywhere). */
  lines(text: string, width: number): number {
    const space = this.width(' ');
    const scale = this.size / this.m.unitsPerEm;
    let total = 0;
    let lines = 1;
    let x = 0;
    let word = 0; // width of the word being read, in points; -1 when between words
    let start = 0;
    const place = () => {
      if (word < 0) return;
      if (x === 0) x = word;
      else if (x + space + word <= width) x += space + word;
      else {
        lines++;
        x = word;
      }
      while (x > width) {
        lines++;
        x -= width;
      }
      word = -1;
    };
    word = -1;
    for (let i = 0; i <= text.length; i++) {
      const code = i < text.length ? text.charCodeAt(i) : 10;
      if (code === 32 || code === 10) {
        if (word >= 0 || i > start) {
          if (word < 0) word = 0;
          place();
        }
        if (code === 10) {
          total += lines;
          lines = 1;
          x = 0;
        }
        start = i + 1;
        continue;
      }
      const w = this.m.ascii[code];
      if (code < 128 && w !== undefined && w >= 0) {
        word = (word < 0 ? 0 : word) + w * scale;
      } else {
        // a character outside the cached ASCII table: measure the rest of this word the slow way
        let end = i;
        while (end < text.length && text.charCodeAt(end) !== 32 && text.charCodeAt(end) !== 10) end++;
        word = (word < 0 ? 0 : word) + this.width(text.slice(i, end));
        i = end - 1;
      }
    }
    return total;
  }

}

/**
 * A running page count: paragraphs of lines are placed on pages of a fixed height, following
 * widow and orphan control (at least two lines of a split paragraph on each page, which the
 * document's styles turn on) and "keep with next" for headings.
 */
export class PageCounter {
  pages = 1;
  private y = 0;
  /** Headings waiting to be placed with what follows them (a chain of headings stays together). */
  private keep: { lines: number; lineHeight: number; after: number }[] = [];
  constructor(readonly height: number) {}

  private room(lineHeight: number): number {
    return Math.max(0, Math.floor((this.height - this.y + 0.01) / lineHeight));
  }

  /** A heading: placed with the first two lines of what follows it. */
  addKeepWithNext(lines: number, lineHeight: number, after = 0): void {
    this.keep.push({ lines, lineHeight, after });
  }

  private flushKeep(): void {
    const keep = this.keep;
    this.keep = [];
    for (const k of keep) this.add(k.lines, k.lineHeight, k.after);
  }

  /** Places a paragraph `lines` lines of `lineHeight` tall plus `after` points of space after it. */
  add(lines: number, lineHeight: number, after = 0, splittable = true): void {
    if (this.keep.length) {
      const kept = this.keep.reduce((h, k) => h + k.lines * k.lineHeight + k.after, 0);
      const need = kept + Math.min(lines, 2) * lineHeight;
      if (this.y > 0 && this.y + need > this.height + 0.01 && need <= this.height) this.newPage();
      this.keep = [];
      this.y += kept;
    }
    let left = lines;
    while (left > 0) {
      const room = this.room(lineHeight);
      if (left <= room) {
        this.y += left * lineHeight;
        left = 0;
        break;
      }
      // Split: keep two lines at the foot (orphans) and two at the head of the next page (widows).
      let here = splittable ? room : 0;
      if (left - here < 2) here = left - 2;
      if (here < 2) here = 0;
      if (here === 0 && this.y === 0) here = Math.max(1, room); // taller than a page: it has to split
      this.y += here * lineHeight;
      left -= here;
      this.newPage();
    }
    this.y += after;
  }

  newPage(): void {
    this.pages++;
    this.y = 0;
  }

  /** Pages used, counting a heading still waiting for what follows it. */
  finish(): number {
    this.flushKeep();
    return this.pages;
  }
}
