/**
 * Estimates how many pages a cable takes in a DOCX, so a book's table of contents can be
 * written with page numbers (LibreOffice and many viewers never update fields). Text is
 * measured with the template font's own advance widths and wrapped greedily, as a word
 * processor does; it is an estimate (hyphenation, widow control and table rows are
 * approximated), and Word refreshes the numbers when it updates the field.
 */
import { create as createFont, type Font } from 'fontkit';
import { fontData, type FontFamilyName, type FontStyle } from '../fonts.js';

const fonts = new Map<string, { font: Font; widths: Map<number, number>; lineHeight: number }>();

function metricsFor(family: FontFamilyName, style: FontStyle) {
  const key = `${family}/${style}`;
  let m = fonts.get(key);
  if (!m) {
    const font = createFont(fontData(family, style));
    // Word's single line: ascent + descent of the font (hhea/OS2 win metrics are close to these).
    const lineHeight = (font.ascent - font.descent) / font.unitsPerEm;
    m = { font, widths: new Map(), lineHeight };
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
    const { font, widths } = this.m;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let w = widths.get(cp);
      if (w === undefined) {
        w = font.hasGlyphForCodePoint(cp) ? (font.layout(ch).positions[0]?.xAdvance ?? font.unitsPerEm / 2) : font.unitsPerEm * 0.6;
        widths.set(cp, w);
      }
      units += w;
    }
    return (units / font.unitsPerEm) * this.size;
  }

  /** Lines a paragraph wraps into at `width` points (greedy, at spaces; a long word breaks anywhere). */
  lines(text: string, width: number): number {
    let total = 0;
    const space = this.width(' ');
    for (const hard of text.split('\n')) {
      let lines = 1;
      let x = 0;
      for (const word of hard.split(/ +/)) {
        if (!word) continue;
        const w = this.width(word);
        if (x === 0) {
          x = w;
        } else if (x + space + w <= width) {
          x += space + w;
        } else {
          lines++;
          x = w;
        }
        while (x > width) {
          lines++;
          x -= width;
        }
      }
      total += lines;
    }
    return total;
  }
}

/** A running page count: blocks of lines are placed on pages of a fixed height. */
export class PageCounter {
  pages = 1;
  private y = 0;
  constructor(readonly height: number) {}

  /** Places a block `lines` lines of `lineHeight` tall plus `after` points of space after it. */
  add(lines: number, lineHeight: number, after = 0): void {
    for (let i = 0; i < lines; i++) {
      if (this.y + lineHeight > this.height + 0.01) this.newPage();
      this.y += lineHeight;
    }
    this.y += after;
  }

  newPage(): void {
    this.pages++;
    this.y = 0;
  }

  get used(): number {
    return this.y;
  }
}
