/**
 * The pages a drawing fills from top to bottom: the page's geometry and the position on it
 * (`y`), new pages (the watermark under each, then the host's furniture), text set into lines and
 * the lines into structure elements without orphans or widows, rules, and the page furniture
 * (banners, running header, `Page N of M`) once the page count is known. A cable's setter and a
 * book's own pages (cover, parts, contents, back matter) both draw through one.
 */
import { pageSize, type PageContext, type Template, type TemplateLook } from '../paged/templates.js';
import type { FontStyle } from '../paged/fonts.js';
import type { PreparedImage } from '../paged/images.js';
import { breakLines, tokenize, type Line, type Span } from './typeset.js';
import { INK, MUTED, RULE } from './document.js';
import { DocumentFonts } from './document-fonts.js';
import { LineWriter } from './line-writer.js';

type Doc = PDFKit.PDFDocument;
type StructElement = PDFKit.PDFStructureElement;

/** What the margins of a page show: its banner, and the running header's id and subject. */
export type PageLabel = Pick<PageContext, 'id' | 'subject' | 'banner'>;

export interface PageFlowOptions {
  /** Drawn under the text of every page. */
  watermark?: PreparedImage | null;
  /** Called after each new page is added (a book places the page's furniture on it). */
  onNewPage?: () => void;
}

export class PageFlow {
  readonly fonts: DocumentFonts;
  readonly lines: LineWriter;
  readonly look: TemplateLook;
  readonly width: number;
  readonly height: number;
  readonly margin: number;
  y = 0;
  /** Pages this flow has started. */
  pagesAdded = 0;

  constructor(
    readonly doc: Doc,
    readonly template: Template,
    private readonly options: PageFlowOptions = {},
  ) {
    this.look = template.look;
    const size = pageSize(this.look);
    this.width = size.width;
    this.height = size.height;
    this.margin = this.look.page.margin;
    this.fonts = new DocumentFonts(doc, this.look.font);
    this.lines = new LineWriter(doc, this.fonts);
  }

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
    this.options.onNewPage?.();
    const watermark = this.options.watermark;
    if (watermark) {
      // Opaque, so drawn first: the page's text goes on top of it.
      this.doc.markContent('Artifact', { type: 'Page' });
      this.doc.image(watermark.png, 0, 0, { width: this.width, height: this.height });
      this.doc.endMarkedContent();
    }
  }

  lineHeight(size: number): number {
    return this.fonts.lineHeight('regular', size) + this.look.lineGap;
  }

  upper(text: string): string {
    return this.look.uppercase ? text.toUpperCase() : text;
  }

  typeset(spans: Span[], size: number, widths: number[]): Line[] {
    const measure = this.fonts.measure(size);
    return breakLines(tokenize(spans, measure), widths, measure);
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
        this.lines.drawLine(lines[i]!, x[Math.min(i, x.length - 1)]!, this.y, size, color, i < lines.length - 1);
        this.y += lh;
      }
      this.doc.endMarkedContent();
      el.add(content);
      if (i < lines.length) this.newPage();
    }
  }

  rule(y: number, x0 = this.left, x1 = this.left + this.contentWidth): void {
    this.doc.markContent('Artifact', { type: 'Layout' });
    this.doc.save().moveTo(x0, y).lineTo(x1, y).lineWidth(0.5).strokeColor(RULE).stroke().restore();
    this.doc.endMarkedContent();
  }

  /** The furniture of page `number` (1-based) of `pages`, drawn on the current page as artifacts. */
  drawFurniture(number: number, pages: number, page: PageLabel): void {
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
      const w = this.fonts.measure(look.sizes.footer).word(footer, 'regular');
      this.artifactText(footer, 'regular', look.sizes.footer, this.left + this.contentWidth - w, this.height - this.margin + 16, MUTED);
    }
  }

  private centered(text: string, style: FontStyle, size: number, y: number): void {
    const w = this.fonts.measure(size).word(text, style);
    this.artifactText(text, style, size, (this.width - w) / 2, y, INK);
  }

  private artifactText(text: string, style: FontStyle, size: number, x: number, y: number, color: string): void {
    this.doc.markContent('Artifact', { type: 'Pagination' });
    this.lines.drawText(text, style, size, x, y, color);
    this.doc.endMarkedContent();
  }
}
