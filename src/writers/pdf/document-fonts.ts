/**
 * A PDF document's fonts as one drawing of it uses them (a cable, or a book's own pages): each
 * style's face made in the document on first use from the face shared by the process, the
 * measures of words at each size, line heights, and the characters drawn that a font lacks
 * (reported once the drawing is done).
 */
import { FONT_FAMILIES, FONT_STYLES, describeChar, type FontFamilyName, type FontStyle } from '../paged/fonts.js';
import type { Measure } from './typeset.js';
import { adoptSharedFont, widthTable } from './faces.js';
import { BAR_LABEL_SCALE, BAR_PADDING } from './document.js';
import { documentFace, shaperFor, type DocumentFace, type DocumentFont, type ShapedWord } from './glyphs.js';

type Doc = PDFKit.PDFDocument;

export class DocumentFonts {
  /** Characters drawn that their font lacks. */
  private readonly missing = new Set<string>();
  private readonly activated = new Set<FontStyle>();
  private readonly faces = new Map<FontStyle, DocumentFace>();
  private readonly measures = new Map<number, Measure>();

  constructor(
    private readonly doc: Doc,
    readonly family: FontFamilyName,
  ) {}

  /** The font's own line height at a size (pdfkit's `currentLineHeight()`): ascender to descender. */
  lineHeight(style: FontStyle, size: number): number {
    const font = this.face(style).font;
    return ((font.ascender + 0 - font.descender) / 1000) * size;
  }

  measure(size: number): Measure {
    let measure = this.measures.get(size);
    if (measure) return measure;
    const family = this.family;
    const scale = size / 1000;
    const tables = new Map<FontStyle, Map<string, number>>();
    const table = (style: FontStyle) => {
      let t = tables.get(style);
      if (!t) {
        t = widthTable(family, style, size);
        tables.set(style, t);
      }
      return t;
    };
    const word = (text: string, style: FontStyle) => {
      // The face is made in the document on first use, cache or not: pdfkit numbers fonts (F1,
      // F2…) in order of first use, so the numbering (and the bytes) must not depend on a cache.
      const face = this.face(style);
      if (text.indexOf(' ') < 0) return face.shaper.shape(text).width * scale;
      // Several words (a label, a banner): measured as pdfkit lays them out, word by word with
      // the space after each, so labels and columns keep the widths they always had.
      const t = table(style);
      let w = t.get(text);
      if (w === undefined) {
        w = this.use(style).fontSize(size).widthOfString(text);
        t.set(text, w);
      }
      return w;
    };
    measure = {
      word,
      space: (style) => this.face(style).shaper.spaceWidth * scale,
      bar: (label) => word(label, 'bold') * BAR_LABEL_SCALE + BAR_PADDING,
      glyphs: (text, style) => this.face(style).shaper.shape(text),
      widthOf: (glyphs) => (glyphs as ShapedWord).width * scale,
    };
    this.measures.set(size, measure);
    return measure;
  }

  /** Selects the font for a style, creating it in this document on first use from the shared face. */
  use(style: FontStyle): Doc {
    this.activate(style);
    return this.doc.font(this.registered(style));
  }

  /** This document's face for a style (made in the document on first use, from the shared face). */
  face(style: FontStyle): DocumentFace {
    let face = this.faces.get(style);
    if (!face) {
      const name = this.registered(style);
      this.activate(style);
      const font = (this.doc as unknown as { _fontFamilies: Record<string, DocumentFont> })._fontFamilies[name]!;
      face = documentFace(font, shaperFor(this.family, name));
      this.faces.set(style, face);
    }
    return face;
  }

  private activate(style: FontStyle): void {
    const face = this.registered(style);
    if (!this.activated.has(face)) {
      this.activated.add(face);
      this.activated.add(style);
      adoptSharedFont(this.doc, face, this.family);
    }
  }

  /** The registered font for a style: a family without italics draws them upright. */
  private registered(style: FontStyle): FontStyle {
    const files = FONT_FAMILIES[this.family];
    return FONT_STYLES.find((s) => files[s] === files[style]) ?? style;
  }

  /** Records the characters of a drawn word that the font lacks (reported once the drawing is done). */
  noteMissing(word: ShapedWord): void {
    if (!word.missing) return;
    for (const ch of word.missing) this.missing.add(ch);
  }

  /** A warning for each character drawn that its font lacks, under the cable `id`. */
  reportMissing(id: string, warnings: string[] | undefined): void {
    if (!warnings) return;
    for (const ch of [...this.missing].sort()) {
      warnings.push(`${id}: font ${this.family} has no glyph for ${describeChar(ch)}; it is drawn as a blank box`);
    }
  }
}
