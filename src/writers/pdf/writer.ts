/**
 * The PDF writer: draws a `LayoutDocument` with pdfkit — banners, running header and
 * `Page N of M` footer (drawn after layout, never adding pages), the page-1 metadata block,
 * numbered paragraphs with their markings, redaction bars, bookmarks, a tagged structure tree,
 * document properties, optional logo, watermark and PDF/A. Same input → same bytes.
 */
import type { Cable } from '../../model/cable.js';
import type { WriterOptions, WriterOutput } from '../registry.js';
import { layoutCable, runsFor, type Block, type LayoutDocument, type Run } from '../paged/layout.js';
import { loadTemplate, type Template } from '../paged/templates.js';
import { FONT_FAMILIES, FONT_STYLES, describeChar, type FontFamilyName, type FontStyle } from '../paged/fonts.js';
import { prepareLogo, prepareWatermark, type PreparedImage } from '../paged/images.js';
import { breakLines, tokenize, type Line, type Measure, type Span } from './typeset.js';
import { adoptSharedFont, widthTable } from './faces.js';
import { createPdfDocument, finishOutlineItem, INK, LINK, MUTED, pageSize, RULE } from './document.js';
import { documentFace, shaperFor, TextOps, type DocumentFace, type DocumentFont, type PageLike, type ShapedWord } from './glyphs.js';

export interface PdfOptions extends WriterOptions {
  /** A notice for the page-1 block (a redacted handout's "what was removed and why"). */
  notice?: string;
}

type Doc = PDFKit.PDFDocument;
type StructElement = PDFKit.PDFStructureElement;

/** Renders a cable to PDF bytes. */
export async function renderPdf(cable: Cable, options: PdfOptions = {}): Promise<Buffer> {
  return (await renderPdfDocument(cable, options)).data;
}

/** Renders a cable to PDF bytes and reports the page count (the `pdf` writer). */
export async function renderPdfDocument(cable: Cable, options: PdfOptions = {}): Promise<WriterOutput & { pages: number }> {
  const template = loadTemplate(options.template);
  const layout = layoutCable(cable, template.texts, { notice: options.notice ?? null });
  const logo = options.logo ? await prepareLogo(options.logo) : null;
  const size = pageSize(template);
  const watermark = options.watermark?.trim()
    ? await prepareWatermark(options.watermark.trim(), template.look.font, size.width, size.height)
    : null;
  const setter = new PdfSetter(layout, template, options, logo, watermark);
  return setter.render();
}

/**
 * A cable drawn as a chapter of a larger document (a briefing book): the document, the structure
 * element and outline item the chapter goes under, and what its first page carries.
 */
export interface PdfHost {
  doc: Doc;
  root: StructElement;
  outline: PDFKit.PDFOutline;
  /** Replaces the cable's title on the chapter's first page. */
  title: string;
  /** The chapter's outline entry (its headings go under it). */
  bookmark: string;
  /** A named destination on the chapter's first page (for links to it). */
  destination: string;
  /** Called after each new page is added (a book places the page's furniture on it). */
  onNewPage?: () => void;
  /** The named destination a link to cable `id` goes to, or null when it is not in the book. */
  link?: (id: string) => string | null;
}

export class PdfSetter {
  readonly doc: Doc;
  private readonly look: Template['look'];
  private readonly chunks: Buffer[] = [];
  /** Characters drawn that their font lacks. */
  private readonly missing = new Set<string>();
  private readonly activated = new Set<FontStyle>();
  private readonly faces = new Map<FontStyle, DocumentFace>();
  /** The operators of the line being drawn. */
  private readonly ops = new TextOps();
  readonly width: number;
  readonly height: number;
  readonly margin: number;
  y = 0;
  private root!: StructElement;
  private currentHeading: PDFKit.PDFOutline | null = null;
  /** In a book: this chapter's outline entry. */
  private chapterItem: PDFKit.PDFOutline | null = null;
  /** Pages this setter has started. */
  pagesAdded = 0;

  constructor(
    private readonly layout: LayoutDocument,
    readonly template: Template,
    private readonly options: PdfOptions,
    private readonly logo: PreparedImage | null,
    private readonly watermark: PreparedImage | null,
    private readonly host: PdfHost | null = null,
  ) {
    this.look = template.look;
    const size = pageSize(template);
    this.width = size.width;
    this.height = size.height;
    this.margin = this.look.page.margin;
    if (host) {
      this.doc = host.doc;
      this.root = host.root;
      return;
    }
    this.doc = createPdfDocument(template, layout.info, options);
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
  }

  async render(): Promise<WriterOutput & { pages: number }> {
    const done = new Promise<void>((resolve, reject) => {
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
    const { doc } = this;
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
    this.newPage();
    this.drawFrontMatter();
    this.drawBlocks();
    this.root.end();
    const pages = doc.bufferedPageRange().count;
    this.drawPageFurniture(pages);
    this.reportMissingGlyphs();
    doc.end();
    await done;
    return { data: Buffer.concat(this.chunks), pages };
  }

  /**
   * Draws the cable as a chapter of the host document, starting on a new page. Returns the
   * (0-based, buffered) indexes of its first and last pages; page furniture is drawn later by
   * `drawPageFurniture`, once the whole document's page count is known.
   */
  drawChapter(): { pages: number } {
    const host = this.host;
    if (!host) throw new Error('drawChapter needs a host document');
    const before = this.pagesAdded;
    this.newPage();
    this.chapterItem = host.outline.addItem(host.bookmark);
    this.doc.addNamedDestination(host.destination);
    this.drawFrontMatter();
    this.drawBlocks();
    this.reportMissingGlyphs();
    finishOutlineItem(this.chapterItem);
    return { pages: this.pagesAdded - before };
  }

  // ---- geometry -------------------------------------------------------------------------

  get left(): number {
    return this.margin;
  }
  get contentWidth(): number {
    return this.width - 2 * this.margin;
  }
  get bottom(): number {
    return this.height - this.margin;
  }

  newPage(): void {
    this.doc.addPage({
      size: [this.width, this.height],
      margins: { top: this.margin, bottom: this.margin, left: this.margin, right: this.margin },
    });
    this.y = this.margin;
    this.pagesAdded++;
    this.host?.onNewPage?.();
    if (this.watermark) {
      // Opaque, so drawn first: the page's text goes on top of it.
      this.doc.markContent('Artifact', { type: 'Page' });
      this.doc.image(this.watermark.png, 0, 0, { width: this.width, height: this.height });
      this.doc.endMarkedContent();
    }
  }

  lineHeight(size: number): number {
    return this.fontLineHeight('regular', size) + this.look.lineGap;
  }

  /** The font's own line height at a size (pdfkit's `currentLineHeight()`): ascender to descender. */
  fontLineHeight(style: FontStyle, size: number): number {
    const font = this.docFace(style).font;
    return ((font.ascender + 0 - font.descender) / 1000) * size;
  }

  private readonly measures = new Map<number, Measure>();

  measure(size: number): Measure {
    let measure = this.measures.get(size);
    if (measure) return measure;
    const family = this.look.font;
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
      const face = this.docFace(style);
      if (text.indexOf(' ') < 0) return face.shaper.shape(text).width * scale;
      // Several words (a label, a banner): measured as pdfkit lays them out, word by word with
      // the space after each, so labels and columns keep the widths they always had.
      const t = table(style);
      let w = t.get(text);
      if (w === undefined) {
        w = this.useFont(style).fontSize(size).widthOfString(text);
        t.set(text, w);
      }
      return w;
    };
    measure = {
      word,
      space: (style) => this.docFace(style).shaper.spaceWidth * scale,
      bar: (label) => word(label, 'bold') * 0.72 + 8,
      glyphs: (text, style) => this.docFace(style).shaper.shape(text),
      widthOf: (glyphs) => (glyphs as ShapedWord).width * scale,
    };
    this.measures.set(size, measure);
    return measure;
  }

  // ---- text -----------------------------------------------------------------------------

  upper(text: string): string {
    return this.look.uppercase ? text.toUpperCase() : text;
  }

  spansOf(runs: Run[], style: FontStyle = 'regular'): Span[] {
    const box = this.options.redactionStyle !== 'label';
    const linkTo = this.host?.link;
    return runs.map((run): Span => {
      if (run.kind === 'text') {
        const link = run.link && linkTo ? linkTo(run.link) : null;
        return link ? { kind: 'text', style, text: this.upper(run.text), link } : { kind: 'text', style, text: this.upper(run.text) };
      }
      return box ? { kind: 'bar', label: run.label } : { kind: 'text', style: 'italic', text: run.label };
    });
  }

  /** Selects the font for a style, creating it in this document on first use from the shared face. */
  useFont(style: FontStyle): Doc {
    this.activate(style);
    return this.doc.font(this.face(style));
  }

  /** This document's face for a style (made in the document on first use, from the shared face). */
  docFace(style: FontStyle): DocumentFace {
    let face = this.faces.get(style);
    if (!face) {
      const name = this.face(style);
      this.activate(style);
      const font = (this.doc as unknown as { _fontFamilies: Record<string, DocumentFont> })._fontFamilies[name]!;
      face = documentFace(font, shaperFor(this.look.font, name));
      this.faces.set(style, face);
    }
    return face;
  }

  private activate(style: FontStyle): void {
    const face = this.face(style);
    if (!this.activated.has(face)) {
      this.activated.add(face);
      this.activated.add(style);
      adoptSharedFont(this.doc, face, this.look.font);
    }
  }

  /** The registered font for a style: a family without italics draws them upright. */
  private face(style: FontStyle): FontStyle {
    const files = FONT_FAMILIES[this.look.font];
    return FONT_STYLES.find((s) => files[s] === files[style]) ?? style;
  }

  private valueSpans(row: { value: string; runs?: Run[] }): Span[] {
    return this.spansOf(row.runs ?? runsFor(row.value, undefined, this.template.texts));
  }

  /** Records the characters of a drawn word that the font lacks (reported once the cable is drawn). */
  private noteMissing(word: ShapedWord): void {
    if (!word.missing) return;
    for (const ch of word.missing) this.missing.add(ch);
  }

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
    const doc = this.doc;
    const ops = this.ops;
    ops.begin(doc.page as unknown as PageLike);
    const measure = this.measure(size);
    let cursor = x;
    /** The run being drawn: its style and link (null: none open). */
    let open: { style: FontStyle; link: string | undefined } | null = null;
    let link: { to: string; x0: number; x1: number } | null = null;
    const closeLink = () => {
      if (!link) return;
      doc.goTo(link.x0, y, link.x1 - link.x0, this.fontLineHeight('regular', size), link.to);
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
        const lh = this.fontLineHeight('regular', size);
        ops.fillRect(cursor, y + lh * 0.08, token.width, lh * 0.84, '#000000');
        const labelSize = size * 0.72;
        const labelWidth = this.measure(labelSize).word(token.text, 'bold');
        const labelY = y + (lh - this.fontLineHeight('bold', labelSize)) / 2;
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
      const face = this.docFace(token.style);
      const word = (token.glyphs as ShapedWord | undefined) ?? face.shaper.shape(token.text);
      this.noteMissing(word);
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

  /**
   * A string (words and spaces) added to the operators of the current line at (x, y), top of the
   * line: a bar's label, or (through `drawText`) page furniture and a bullet's mark.
   */
  private textOps(text: string, style: FontStyle, size: number, x: number, y: number, color: string): void {
    const face = this.docFace(style);
    const ops = this.ops;
    ops.moveTo(face, size, x, y + (face.font.ascender / 1000) * size, color);
    let from = 0;
    for (;;) {
      const at = text.indexOf(' ', from);
      const part = at < 0 ? text.slice(from) : text.slice(from, at);
      if (part) {
        const word = face.shaper.shape(part);
        this.noteMissing(word);
        ops.word(word);
      }
      if (at < 0) break;
      ops.space();
      from = at + 1;
    }
  }

  /** A one-line string drawn on its own at (x, y), top of the line (a text with line breaks goes through pdfkit). */
  drawText(text: string, style: FontStyle, size: number, x: number, y: number, color: string): void {
    if (text.includes('\n')) {
      this.useFont(style).fontSize(size).fillColor(color).text(text, x, y, { lineBreak: false });
      return;
    }
    this.ops.begin(this.doc.page as unknown as PageLike);
    this.textOps(text, style, size, x, y, color);
    this.ops.flush(this.doc);
  }

  /**
   * Sets lines inside structure element `el`, breaking pages as needed: a block never leaves a
   * single line at the bottom of a page (orphan) nor carries a single line to the next (widow).
   */
  setLines(el: StructElement, tag: string, lines: Line[], x: number[], size: number, color?: string, onFirst?: () => void): void {
    const lh = this.lineHeight(size);
    let i = 0;
    while (i < lines.length) {
      let fit = Math.floor((this.bottom - this.y + this.look.lineGap) / lh);
      const remaining = lines.length - i;
      if (fit < remaining) {
        if (remaining - fit === 1 && fit > 2) fit -= 1; // widow: carry two lines, not one
        if (fit < 2 && !(this.y === this.margin)) {
          this.newPage();
          continue;
        }
        fit = Math.max(fit, 1);
      }
      const count = Math.min(fit, remaining);
      if (i === 0 && onFirst) onFirst();
      const content = this.doc.markStructureContent(tag);
      for (let k = 0; k < count; k++, i++) {
        this.drawLine(lines[i]!, x[Math.min(i, x.length - 1)]!, this.y, size, color, i < lines.length - 1);
        this.y += lh;
      }
      this.doc.endMarkedContent();
      el.add(content);
      if (i < lines.length) this.newPage();
    }
  }

  typeset(spans: Span[], size: number, widths: number[]): Line[] {
    const measure = this.measure(size);
    return breakLines(tokenize(spans, measure), widths, measure);
  }

  // ---- page 1 ---------------------------------------------------------------------------

  private drawFrontMatter(): void {
    const { doc, look, layout } = this;
    let titleWidth = this.contentWidth;
    if (this.logo) {
      const box = { w: 110, h: 56 };
      const scale = Math.min(box.w / this.logo.width, box.h / this.logo.height);
      const w = this.logo.width * scale;
      const h = this.logo.height * scale;
      const figure = doc.struct('Figure', { alt: 'Logo' });
      this.root.add(figure);
      const content = doc.markStructureContent('Figure');
      doc.image(this.logo.png, this.left + this.contentWidth - w, this.y, { width: w, height: h });
      doc.endMarkedContent();
      figure.add(content);
      figure.end();
      titleWidth -= w + 14;
      if (!look.title) this.y += h + 10;
    }
    if (look.title) {
      const startY = this.y;
      const h1 = doc.struct('H1');
      this.root.add(h1);
      const lines = this.typeset(this.spansOf(runsFor(this.host?.title ?? layout.info.title, undefined, this.template.texts), 'bold'), look.sizes.title, [titleWidth]);
      this.setLines(h1, 'H1', lines, [this.left], look.sizes.title);
      h1.end();
      if (this.logo) this.y = Math.max(this.y, startY + 60);
      this.y += 6;
    }
    this.drawMetadata();
    if (layout.notice) {
      this.y += 6;
      const p = doc.struct('P');
      this.root.add(p);
      const lines = this.typeset([{ kind: 'text', style: 'italic', text: this.upper(layout.notice) }], look.sizes.metadata, [this.contentWidth]);
      this.setLines(p, 'P', lines, [this.left], look.sizes.metadata, MUTED);
      p.end();
    }
    this.y += 8;
    this.rule(this.y);
    this.y += look.paragraphGap + 4;
  }

  rule(y: number, x0 = this.left, x1 = this.left + this.contentWidth): void {
    this.doc.markContent('Artifact', { type: 'Layout' });
    this.doc.save().moveTo(x0, y).lineTo(x1, y).lineWidth(0.5).strokeColor(RULE).stroke().restore();
    this.doc.endMarkedContent();
  }

  private drawMetadata(): void {
    const { doc, look, layout } = this;
    const size = look.sizes.metadata;
    const measure = this.measure(size);
    const sect = doc.struct('Sect', { title: 'Cable metadata' });
    this.root.add(sect);
    if (look.metadata.style === 'table') {
      const labelWidth = Math.max(...layout.metadata.map((r) => measure.word(r.label, 'bold')), 40) + 12;
      for (const row of layout.metadata) {
        const lines = this.typeset(
          [{ kind: 'text', style: 'bold', text: row.label }, { kind: 'newline' }, ...this.valueSpans(row)],
          size,
          [labelWidth, this.contentWidth - labelWidth],
        );
        // Label beside the value: the label line sits in the left column, value lines to its right.
        const [labelLine, ...valueLines] = lines;
        const p = doc.struct('P');
        sect.add(p);
        const merged: Line[] = valueLines.map((line, i) => (i === 0 ? joinLabel(labelLine!, line, labelWidth, measure) : line));
        this.setLines(p, 'P', merged, [this.left, this.left + labelWidth], size);
        p.end();
        this.y += 1.5;
      }
    } else {
      const indent = measure.word('MMMM', 'regular');
      for (const row of layout.metadata) {
        const lines = this.typeset(
          [{ kind: 'text', style: 'bold', text: row.label + ' ' }, ...this.valueSpans(row)],
          size,
          [this.contentWidth, this.contentWidth - indent],
        );
        const p = doc.struct('P');
        sect.add(p);
        this.setLines(p, 'P', lines, [this.left, this.left + indent], size);
        p.end();
        this.y += 2;
      }
    }
    sect.end();
  }

  // ---- body -----------------------------------------------------------------------------

  private drawBlocks(): void {
    const { layout } = this;
    const blocks = layout.blocks;
    let list: StructElement | null = null;
    blocks.forEach((block, index) => {
      if (block.kind !== 'bullet' && list) {
        list.end();
        list = null;
      }
      switch (block.kind) {
        case 'heading':
          this.drawHeading(block, index);
          break;
        case 'paragraph':
          this.drawParagraph(block);
          break;
        case 'bullet':
          if (!list) {
            list = this.doc.struct('L');
            this.root.add(list);
          }
          this.drawBullet(block, list);
          break;
        case 'withheld':
          this.drawSimple(block.text, 'italic', MUTED, block.outline);
          break;
        case 'signature':
          this.y += this.look.paragraphGap;
          this.drawSimple(block.text, 'bold', INK, null);
          break;
        case 'footer':
          this.drawSimple(block.text, 'italic', MUTED, null, this.look.sizes.metadata);
          break;
      }
    });
    if (list) (list as StructElement).end();
  }

  private bookmark(title: string, top: boolean): void {
    const outline = this.chapterItem ?? this.doc.outline;
    if (top) {
      this.currentHeading = outline.addItem(title);
    } else {
      (this.currentHeading ?? outline).addItem(title);
    }
  }

  private paragraphLines(block: Extract<Block, { kind: 'paragraph' }>): Line[] {
    const spans: Span[] = [];
    if (block.number !== null) spans.push({ kind: 'text', style: 'bold', text: `${block.number}.` });
    if (block.marking) spans.push({ kind: spans.length ? 'bound' : 'text', style: 'bold', text: (spans.length ? ' ' : '') + block.marking });
    const body = this.spansOf(block.runs);
    if (spans.length && body.length && body[0]!.kind === 'text') body[0] = { ...body[0]!, text: ' ' + body[0]!.text.replace(/^ +/, '') };
    spans.push(...body);
    return this.typeset(spans, this.look.sizes.body, [this.contentWidth]);
  }

  private headingLines(block: Extract<Block, { kind: 'heading' }>): Line[] {
    return this.typeset(this.spansOf(runsFor(block.text, undefined, this.template.texts), 'bold'), this.look.sizes.heading, [this.contentWidth]);
  }

  /**
   * Height that must fit below the current position for a heading to stay with what follows: the
   * heading and two lines of its paragraph, or, for a heading followed by another heading, both
   * headings and two lines after them.
   */
  private headingNeed(index: number, depth = 0): number {
    const { look } = this;
    const block = this.layout.blocks[index];
    const next = this.layout.blocks[index + 1];
    const body = this.lineHeight(look.sizes.body);
    if (!block || block.kind !== 'heading') return 0;
    const own = look.paragraphGap * 0.8 + this.headingLines(block).length * this.lineHeight(look.sizes.heading) + 4;
    if (!next) return own;
    if (next.kind === 'paragraph') return own + Math.min(this.paragraphLines(next).length, 2) * body;
    if (next.kind === 'heading' && depth < 3) return own + this.headingNeed(index + 1, depth + 1);
    return own + body;
  }

  private drawHeading(block: Extract<Block, { kind: 'heading' }>, index: number): void {
    const { look } = this;
    const size = look.sizes.heading;
    const lines = this.headingLines(block);
    // Keep with next: the heading, and two lines of what follows, must fit on this page.
    if (this.y > this.margin && this.y + this.headingNeed(index) > this.bottom) this.newPage();
    if (this.y > this.margin) this.y += look.paragraphGap * 0.8;
    const h = this.doc.struct('H2');
    this.root.add(h);
    this.setLines(h, 'H2', lines, [this.left], size, INK, () => this.bookmark(block.text, true));
    h.end();
    this.y += 4;
  }

  private drawParagraph(block: Extract<Block, { kind: 'paragraph' }>): void {
    const lines = this.paragraphLines(block);
    const p = this.doc.struct('P');
    this.root.add(p);
    this.setLines(p, 'P', lines, [this.left], this.look.sizes.body, INK, () => this.bookmark(block.outline, false));
    p.end();
    this.y += this.look.paragraphGap;
  }

  private drawBullet(block: Extract<Block, { kind: 'bullet' }>, list: StructElement): void {
    const { doc, look } = this;
    const size = look.sizes.body;
    const indent = look.bulletIndent;
    const lines = this.typeset(this.spansOf(block.runs), size, [this.contentWidth - indent * 2]);
    const li = doc.struct('LI');
    list.add(li);
    const lbl = doc.struct('Lbl');
    const body = doc.struct('LBody');
    li.add(lbl);
    li.add(body);
    const x = this.left + indent * 2;
    this.setLines(body, 'LBody', lines, [x], size, INK, () => {
      // The dash goes where the first line will be drawn (after any page break).
      const content = doc.markStructureContent('Lbl');
      this.drawText(look.bullet || '–', 'regular', size, this.left + indent, this.y, INK);
      doc.endMarkedContent();
      lbl.add(content);
    });
    // Lbl must precede LBody in reading order; both are children of LI in that order.
    lbl.end();
    body.end();
    li.end();
    this.y += look.paragraphGap * 0.6;
  }

  private drawSimple(text: string, style: FontStyle, color: string, outline: string | null, size = this.look.sizes.body): void {
    // Unmarked texts (signature, footer lines) may still hold X-runs or box placeholders.
    const lines = this.typeset(this.spansOf(runsFor(text, undefined, this.template.texts), style), size, [this.contentWidth]);
    const p = this.doc.struct('P');
    this.root.add(p);
    this.setLines(p, 'P', lines, [this.left], size, color, outline ? () => this.bookmark(outline, false) : undefined);
    p.end();
    this.y += this.look.paragraphGap;
  }

  // ---- after layout ---------------------------------------------------------------------

  /** Banners, header, footer, watermark on every page: drawn in the margins as artifacts. */
  drawPageFurniture(
    pages: number,
    from = this.doc.bufferedPageRange().start,
    to = from + this.doc.bufferedPageRange().count - 1,
    page: { id: string; subject: string; banner: string } = { id: this.layout.id, subject: this.layout.info.title, banner: this.layout.banner },
  ): void {
    const { doc } = this;
    for (let n = from; n <= to; n++) {
      doc.switchToPage(n);
      const saved = doc.page.margins;
      doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 }; // nothing here may break a page
      this.drawFurniture(n + 1, pages, page);
      doc.page.margins = saved;
    }
  }

  /** The furniture of page `number` (1-based) of `pages`, drawn on the current page as artifacts. */
  drawFurniture(number: number, pages: number, page: { id: string; subject: string; banner: string }): void {
    const { look, template } = this;
    const ctx = { id: page.id, subject: page.subject, banner: page.banner, page: number, pages };
    const bannerSize = look.sizes.banner;
    this.centered(page.banner, 'bold', bannerSize, 20);
    this.centered(page.banner, 'bold', bannerSize, this.height - 20 - this.lineHeight(bannerSize) + look.lineGap);
    const header = template.header(ctx);
    const headerY = this.margin - 30;
    if (header) this.artifactText(this.upper(header), 'regular', look.sizes.header, this.left, headerY, MUTED);
    this.rule(this.margin - 14);
    this.rule(this.height - this.margin + 10);
    const footer = template.footer(ctx);
    if (footer) {
      const w = this.measure(look.sizes.footer).word(footer, 'regular');
      this.artifactText(footer, 'regular', look.sizes.footer, this.left + this.contentWidth - w, this.height - this.margin + 16, MUTED);
    }
  }

  centered(text: string, style: FontStyle, size: number, y: number): void {
    const w = this.measure(size).word(text, style);
    this.artifactText(text, style, size, (this.width - w) / 2, y, INK);
  }

  artifactText(text: string, style: FontStyle, size: number, x: number, y: number, color: string): void {
    this.doc.markContent('Artifact', { type: 'Pagination' });
    this.drawText(text, style, size, x, y, color);
    this.doc.endMarkedContent();
  }

  reportMissingGlyphs(): void {
    const warnings = this.options.warnings;
    if (!warnings) return;
    const family = this.look.font;
    for (const ch of [...this.missing].sort()) {
      warnings.push(`${this.layout.id}: font ${family} has no glyph for ${describeChar(ch)}; it is drawn as a blank box`);
    }
  }
}

/** Puts a metadata label (left column) on the first line of its value (right column). */
function joinLabel(label: Line, value: Line, labelWidth: number, measure: Measure): Line {
  void measure;
  // Encoded as a label line whose width is padded to the column; drawLine handles the two parts
  // through a spacer token so the value starts exactly at labelWidth.
  const labelTokens = label.tokens;
  const spacer = { kind: 'word' as const, style: 'regular' as FontStyle, text: '', width: labelWidth - label.width, space: false, bound: false, newline: false };
  return { tokens: [...labelTokens, spacer, ...value.tokens.map((t, i) => (i === 0 ? { ...t, space: false } : t))], width: labelWidth + value.width };
}
