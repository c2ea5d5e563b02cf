/**
 * The PDF writer: a cable's `LayoutDocument` drawn with pdfkit — the page-1 front matter (logo,
 * title, metadata block, notice), numbered paragraphs with their markings, headings kept with what
 * follows, bullets, redaction bars, bookmarks and a tagged structure tree — on the pages of a
 * `PageFlow` (page-flow.ts), whose banners, running header and `Page N of M` footer are drawn after
 * layout, never adding pages. Document properties, watermark and PDF/A come with the document
 * (document.ts). Same input → same bytes.
 */
import type { Cable } from '../../model/cable.js';
import type { WriterOptions, WriterOutput } from '../registry.js';
import { layoutCable, runsFor, type Block, type LayoutDocument, type Run } from '../paged/layout.js';
import { loadTemplate, pageSize, type Template, type TemplateLook } from '../paged/templates.js';
import type { FontStyle } from '../paged/fonts.js';
import { prepareLogo, prepareWatermark, type PreparedImage } from '../paged/images.js';
import type { Line, Span } from './typeset.js';
import { createPdfDocument, finishOutlineItem, INK, MUTED } from './document.js';
import { PageFlow } from './page-flow.js';

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
  const size = pageSize(template.look);
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

/** One cable drawn: its front matter (logo, title, metadata, notice) and its blocks, on the pages of a `PageFlow`. */
export class PdfSetter {
  readonly doc: Doc;
  /** The pages the cable is drawn on. */
  readonly flow: PageFlow;
  private readonly look: TemplateLook;
  private readonly chunks: Buffer[] = [];
  private root!: StructElement;
  private currentHeading: PDFKit.PDFOutline | null = null;
  /** In a book: this chapter's outline entry. */
  private chapterItem: PDFKit.PDFOutline | null = null;

  constructor(
    private readonly layout: LayoutDocument,
    readonly template: Template,
    private readonly options: PdfOptions,
    private readonly logo: PreparedImage | null,
    watermark: PreparedImage | null,
    private readonly host: PdfHost | null = null,
  ) {
    this.look = template.look;
    if (host) {
      this.doc = host.doc;
      this.root = host.root;
    } else {
      this.doc = createPdfDocument(template, layout.info, options);
      this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    }
    this.flow = new PageFlow(this.doc, template, { watermark, onNewPage: host?.onNewPage });
  }

  async render(): Promise<WriterOutput & { pages: number }> {
    const done = new Promise<void>((resolve, reject) => {
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
    const { doc } = this;
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
    this.flow.newPage();
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
   * number of pages it took; page furniture is drawn later by the host, once the whole
   * document's page count is known.
   */
  drawChapter(): { pages: number } {
    const host = this.host;
    if (!host) throw new Error('drawChapter needs a host document');
    const before = this.flow.pagesAdded;
    this.flow.newPage();
    this.chapterItem = host.outline.addItem(host.bookmark);
    this.doc.addNamedDestination(host.destination);
    this.drawFrontMatter();
    this.drawBlocks();
    this.reportMissingGlyphs();
    finishOutlineItem(this.chapterItem);
    return { pages: this.flow.pagesAdded - before };
  }

  /** Banners, header, footer on every page: drawn in the margins as artifacts. */
  private drawPageFurniture(pages: number): void {
    const { doc, layout } = this;
    const { start, count } = doc.bufferedPageRange();
    const page = { id: layout.id, subject: layout.info.title, banner: layout.banner };
    for (let n = start; n <= start + count - 1; n++) {
      doc.switchToPage(n);
      const saved = doc.page.margins;
      doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 }; // nothing here may break a page
      this.flow.drawFurniture(n + 1, pages, page);
      doc.page.margins = saved;
    }
  }

  private reportMissingGlyphs(): void {
    this.flow.fonts.reportMissing(this.layout.id, this.options.warnings);
  }

  private spansOf(runs: Run[], style: FontStyle = 'regular'): Span[] {
    const box = this.options.redactionStyle !== 'label';
    const linkTo = this.host?.link;
    const upper = (text: string) => this.flow.upper(text);
    return runs.map((run): Span => {
      if (run.kind === 'text') {
        const link = run.link && linkTo ? linkTo(run.link) : null;
        return link ? { kind: 'text', style, text: upper(run.text), link } : { kind: 'text', style, text: upper(run.text) };
      }
      return box ? { kind: 'bar', label: run.label } : { kind: 'text', style: 'italic', text: run.label };
    });
  }

  private valueSpans(row: { value: string; runs?: Run[] }): Span[] {
    return this.spansOf(row.runs ?? runsFor(row.value, undefined, this.template.texts));
  }

  // ---- page 1 ---------------------------------------------------------------------------

  private drawFrontMatter(): void {
    const { doc, look, layout, flow } = this;
    let titleWidth = flow.contentWidth;
    if (this.logo) {
      const box = { w: 110, h: 56 };
      const scale = Math.min(box.w / this.logo.width, box.h / this.logo.height);
      const w = this.logo.width * scale;
      const h = this.logo.height * scale;
      const figure = doc.struct('Figure', { alt: 'Logo' });
      this.root.add(figure);
      const content = doc.markStructureContent('Figure');
      doc.image(this.logo.png, flow.left + flow.contentWidth - w, flow.y, { width: w, height: h });
      doc.endMarkedContent();
      figure.add(content);
      figure.end();
      titleWidth -= w + 14;
      if (!look.title) flow.y += h + 10;
    }
    if (look.title) {
      const startY = flow.y;
      const h1 = doc.struct('H1');
      this.root.add(h1);
      const lines = flow.typeset(this.spansOf(runsFor(this.host?.title ?? layout.info.title, undefined, this.template.texts), 'bold'), look.sizes.title, [titleWidth]);
      flow.setLines(h1, 'H1', lines, [flow.left], look.sizes.title);
      h1.end();
      if (this.logo) flow.y = Math.max(flow.y, startY + 60);
      flow.y += 6;
    }
    this.drawMetadata();
    if (layout.notice) {
      flow.y += 6;
      const p = doc.struct('P');
      this.root.add(p);
      const lines = flow.typeset([{ kind: 'text', style: 'italic', text: flow.upper(layout.notice) }], look.sizes.metadata, [flow.contentWidth]);
      flow.setLines(p, 'P', lines, [flow.left], look.sizes.metadata, MUTED);
      p.end();
    }
    flow.y += 8;
    flow.rule(flow.y);
    flow.y += look.paragraphGap + 4;
  }

  private drawMetadata(): void {
    const { doc, look, layout, flow } = this;
    const size = look.sizes.metadata;
    const measure = flow.fonts.measure(size);
    const sect = doc.struct('Sect', { title: 'Cable metadata' });
    this.root.add(sect);
    if (look.metadata.style === 'table') {
      const labelWidth = Math.max(...layout.metadata.map((r) => measure.word(r.label, 'bold')), 40) + 12;
      for (const row of layout.metadata) {
        const lines = flow.typeset(
          [{ kind: 'text', style: 'bold', text: row.label }, { kind: 'newline' }, ...this.valueSpans(row)],
          size,
          [labelWidth, flow.contentWidth - labelWidth],
        );
        // Label beside the value: the label line sits in the left column, value lines to its right.
        const [labelLine, ...valueLines] = lines;
        const p = doc.struct('P');
        sect.add(p);
        const merged: Line[] = valueLines.map((line, i) => (i === 0 ? joinLabel(labelLine!, line, labelWidth) : line));
        flow.setLines(p, 'P', merged, [flow.left, flow.left + labelWidth], size);
        p.end();
        flow.y += 1.5;
      }
    } else {
      const indent = measure.word('MMMM', 'regular');
      for (const row of layout.metadata) {
        const lines = flow.typeset(
          [{ kind: 'text', style: 'bold', text: row.label + ' ' }, ...this.valueSpans(row)],
          size,
          [flow.contentWidth, flow.contentWidth - indent],
        );
        const p = doc.struct('P');
        sect.add(p);
        flow.setLines(p, 'P', lines, [flow.left, flow.left + indent], size);
        p.end();
        flow.y += 2;
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
          this.flow.y += this.look.paragraphGap;
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
    return this.flow.typeset(spans, this.look.sizes.body, [this.flow.contentWidth]);
  }

  private headingLines(block: Extract<Block, { kind: 'heading' }>): Line[] {
    return this.flow.typeset(this.spansOf(runsFor(block.text, undefined, this.template.texts), 'bold'), this.look.sizes.heading, [this.flow.contentWidth]);
  }

  /**
   * Height that must fit below the current position for a heading to stay with what follows: the
   * heading and two lines of its paragraph, or, for a heading followed by another heading, both
   * headings and two lines after them.
   */
  private headingNeed(index: number, depth = 0): number {
    const { look, flow } = this;
    const block = this.layout.blocks[index];
    const next = this.layout.blocks[index + 1];
    const body = flow.lineHeight(look.sizes.body);
    if (!block || block.kind !== 'heading') return 0;
    const own = look.paragraphGap * 0.8 + this.headingLines(block).length * flow.lineHeight(look.sizes.heading) + 4;
    if (!next) return own;
    if (next.kind === 'paragraph') return own + Math.min(this.paragraphLines(next).length, 2) * body;
    if (next.kind === 'heading' && depth < 3) return own + this.headingNeed(index + 1, depth + 1);
    return own + body;
  }

  private drawHeading(block: Extract<Block, { kind: 'heading' }>, index: number): void {
    const { look, flow } = this;
    const size = look.sizes.heading;
    const lines = this.headingLines(block);
    // Keep with next: the heading, and two lines of what follows, must fit on this page.
    if (flow.y > flow.margin && flow.y + this.headingNeed(index) > flow.bottom) flow.newPage();
    if (flow.y > flow.margin) flow.y += look.paragraphGap * 0.8;
    const h = this.doc.struct('H2');
    this.root.add(h);
    flow.setLines(h, 'H2', lines, [flow.left], size, INK, () => this.bookmark(block.text, true));
    h.end();
    flow.y += 4;
  }

  private drawParagraph(block: Extract<Block, { kind: 'paragraph' }>): void {
    const lines = this.paragraphLines(block);
    const p = this.doc.struct('P');
    this.root.add(p);
    this.flow.setLines(p, 'P', lines, [this.flow.left], this.look.sizes.body, INK, () => this.bookmark(block.outline, false));
    p.end();
    this.flow.y += this.look.paragraphGap;
  }

  private drawBullet(block: Extract<Block, { kind: 'bullet' }>, list: StructElement): void {
    const { doc, look, flow } = this;
    const size = look.sizes.body;
    const indent = look.bulletIndent;
    const lines = flow.typeset(this.spansOf(block.runs), size, [flow.contentWidth - indent * 2]);
    const li = doc.struct('LI');
    list.add(li);
    const lbl = doc.struct('Lbl');
    const body = doc.struct('LBody');
    li.add(lbl);
    li.add(body);
    const x = flow.left + indent * 2;
    flow.setLines(body, 'LBody', lines, [x], size, INK, () => {
      // The dash goes where the first line will be drawn (after any page break).
      const content = doc.markStructureContent('Lbl');
      flow.lines.drawText(look.bullet || '–', 'regular', size, flow.left + indent, flow.y, INK);
      doc.endMarkedContent();
      lbl.add(content);
    });
    // Lbl must precede LBody in reading order; both are children of LI in that order.
    lbl.end();
    body.end();
    li.end();
    flow.y += look.paragraphGap * 0.6;
  }

  private drawSimple(text: string, style: FontStyle, color: string, outline: string | null, size = this.look.sizes.body): void {
    // Unmarked texts (signature, footer lines) may still hold X-runs or box placeholders.
    const lines = this.flow.typeset(this.spansOf(runsFor(text, undefined, this.template.texts), style), size, [this.flow.contentWidth]);
    const p = this.doc.struct('P');
    this.root.add(p);
    this.flow.setLines(p, 'P', lines, [this.flow.left], size, color, outline ? () => this.bookmark(outline, false) : undefined);
    p.end();
    this.flow.y += this.look.paragraphGap;
  }
}

/** Puts a metadata label (left column) on the first line of its value (right column). */
function joinLabel(label: Line, value: Line, labelWidth: number): Line {
  // Encoded as a label line whose width is padded to the column; drawLine handles the two parts
  // through a spacer token so the value starts exactly at labelWidth.
  const labelTokens = label.tokens;
  const spacer = { kind: 'word' as const, style: 'regular' as FontStyle, text: '', width: labelWidth - label.width, space: false, bound: false, newline: false };
  return { tokens: [...labelTokens, spacer, ...value.tokens.map((t, i) => (i === 0 ? { ...t, space: false } : t))], width: labelWidth + value.width };
}
