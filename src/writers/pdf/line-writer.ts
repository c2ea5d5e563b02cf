/**
 * Lines of set text drawn into the current page, each as one text object written straight into
 * the page's content stream (see glyphs.ts): words as shaped, real spaces between them, redaction
 * bars with their label, links to other chapters; and single strings (page furniture, a bullet's
 * mark).
 */
import type { FontStyle } from '../paged/fonts.js';
import type { Line } from './typeset.js';
import { BAR_LABEL_SCALE, INK, LINK } from './document.js';
import type { DocumentFonts } from './document-fonts.js';
import { TextOps, type PageLike, type ShapedWord } from './glyphs.js';

type Doc = PDFKit.PDFDocument;

export class LineWriter {
  /** The operators of the line being drawn. */
  private readonly ops = new TextOps();

  constructor(
    private readonly doc: Doc,
    private readonly fonts: DocumentFonts,
  ) {}

  /**
   * Draws one line of tokens at (x, y), as one text object written straight into the page: runs
   * of words of one style and colour share a text matrix, each word's glyphs as shaped, spaces
   * as real space characters (invisible, and positioned exactly where the gap is) so that text
   * extraction and the structure tree read `1. (C/NF) Summary` and `regarding cluster`, not
   * `(C/NF)Summary`. A space at a style change or before a bar ends the run before it; a wrapped
   * line ends with one (`trailingSpace`). Words with a `link` are drawn in the link colour under a
   * link annotation to their destination.
   */
  drawLine(line: Line, x: number, y: number, size: number, color = INK, trailingSpace = false): void {
    const { doc, ops, fonts } = this;
    ops.begin(doc.page as unknown as PageLike);
    const measure = fonts.measure(size);
    let cursor = x;
    /** The run being drawn: its style and link (null: none open). */
    let open: { style: FontStyle; link: string | undefined } | null = null;
    let link: { to: string; x0: number; x1: number } | null = null;
    const closeLink = () => {
      if (!link) return;
      doc.goTo(link.x0, y, link.x1 - link.x0, fonts.lineHeight('regular', size), link.to);
      link = null;
    };
    const tokens = line.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const gap = i > 0 && token.space ? measure.space(token.style) : 0;
      if (link && token.link !== link.to) closeLink();
      if (token.kind === 'bar') {
        if (open && gap > 0) ops.space();
        open = null;
        cursor += gap;
        const lh = fonts.lineHeight('regular', size);
        ops.fillRect(cursor, y + lh * 0.08, token.width, lh * 0.84, '#000000');
        const labelSize = size * BAR_LABEL_SCALE;
        const labelWidth = fonts.measure(labelSize).word(token.text, 'bold');
        const labelY = y + (lh - fonts.lineHeight('bold', labelSize)) / 2;
        this.textOps(token.text, 'bold', labelSize, cursor + (token.width - labelWidth) / 2, labelY, '#ffffff');
        cursor += token.width;
        continue;
      }
      if (token.text === '') {
        // A spacer (metadata label column): the label ends with a space.
        if (open) ops.space();
        open = null;
        cursor += gap + token.width;
        continue;
      }
      if (token.link) {
        if (!link) link = { to: token.link, x0: cursor + gap, x1: cursor + gap + token.width };
        else link.x1 = cursor + gap + token.width;
      }
      const face = fonts.face(token.style);
      const word = (token.glyphs as ShapedWord | undefined) ?? face.shaper.shape(token.text);
      fonts.noteMissing(word);
      if (open && open.style === token.style && open.link === token.link) {
        if (gap) ops.space();
      } else {
        const ink = token.link ? LINK : color;
        const baseline = (at: number) => ops.moveTo(face, size, at, y + (face.font.ascender / 1000) * size, ink);
        if (open) {
          // The space before a new run ends the run before it.
          if (gap > 0) ops.space();
          baseline(cursor + gap);
        } else {
          // A run after a gap (after a bar) starts with the space itself, where the gap begins.
          baseline(cursor);
          if (gap) ops.space();
        }
        open = { style: token.style, link: token.link };
      }
      ops.word(word);
      cursor += gap + token.width;
    }
    if (open && trailingSpace) ops.space();
    ops.flush(doc);
    closeLink();
  }

  /** A one-line string drawn on its own at (x, y), top of the line (a text with line breaks goes through pdfkit). */
  drawText(text: string, style: FontStyle, size: number, x: number, y: number, color: string): void {
    if (text.includes('\n')) {
      this.fonts.use(style).fontSize(size).fillColor(color).text(text, x, y, { lineBreak: false });
      return;
    }
    this.ops.begin(this.doc.page as unknown as PageLike);
    this.textOps(text, style, size, x, y, color);
    this.ops.flush(this.doc);
  }

  /**
   * A string (words and spaces) added to the operators of the current line at (x, y), top of the
   * line: a bar's label, or (through `drawText`) page furniture and a bullet's mark.
   */
  private textOps(text: string, style: FontStyle, size: number, x: number, y: number, color: string): void {
    const face = this.fonts.face(style);
    const ops = this.ops;
    ops.moveTo(face, size, x, y + (face.font.ascender / 1000) * size, color);
    let from = 0;
    for (;;) {
      const at = text.indexOf(' ', from);
      const part = at < 0 ? text.slice(from) : text.slice(from, at);
      if (part) {
        const word = face.shaper.shape(part);
        this.fonts.noteMissing(word);
        ops.word(word);
      }
      if (at < 0) break;
      ops.space();
      from = at + 1;
    }
  }
}
