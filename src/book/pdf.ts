/**
 * A briefing book as PDF, written as it is laid out so memory stays flat however many cables it
 * holds: a cover under the book's highest banner, then part title pages and one chapter per
 * cable (each under its own banner), the back matter, and the contents — laid out last, when
 * every page number is known, and moved to its place after the cover in the page tree.
 * Each page is written out as soon as the next one starts; what a page cannot know while it is
 * written (`Page N of M` needs M) goes into a form XObject the page shows, filled in at the end.
 * References to other chapters are links to their named destinations (`cable-1`, `cable-2`, …).
 */
import { layoutCable } from '../writers/paged/layout.js';
import { PdfSetter, type PdfHost } from '../writers/pdf/writer.js';
import { createPdfDocument, finishOutlineItem, INK, MUTED } from '../writers/pdf/document.js';
import { PageFlow, type PageLabel } from '../writers/pdf/page-flow.js';
import type { Template } from '../writers/paged/templates.js';
import type { Line, Span } from '../writers/pdf/typeset.js';
import type { FontStyle } from '../writers/paged/fonts.js';
import type { RedactionStyle } from '../model/redaction.js';
import { BlockSink } from '../io/blocks.js';
import { HeapGuard } from '../io/heap.js';
import { backMatter, type BackSection } from './back.js';
import type { BookEntry, BookPlan, BookResult } from './types.js';

type Doc = PDFKit.PDFDocument;
type StructElement = PDFKit.PDFStructureElement;
type PDFKitRef = ReturnType<Doc['ref']>;

/** The named destination of chapter `index` (0-based). */
export function chapterDestination(index: number): string {
  return `cable-${index + 1}`;
}
/** The named destinations of part `index` (0-based) and of the back matter. */
export function partDestination(index: number): string {
  return `part-${index + 1}`;
}
export function backDestination(kind: 'cited' | 'tags'): string {
  return kind === 'cited' ? 'cited-not-included' : 'index-of-tags';
}

/** A contents entry: its title, level (1, or 2 for a chapter under a part), where it goes, and its page once known. */
interface TocItem {
  title: string;
  level: 1 | 2;
  destination: string;
  page: number;
}

/** Where each contents entry goes: its page (0-based among the contents pages), top and lines. */
interface TocSlot {
  page: number;
  y: number;
  lines: Line[];
}

/** pdfkit's page objects, as far as a form XObject stands in for one (see FurnitureForms). */
interface PageLike {
  width: number;
  height: number;
  margins: { top: number; bottom: number; left: number; right: number };
  write(chunk: string | Uint8Array): void;
  markings: unknown[];
}

/**
 * The furniture of every page (banners, running header, `Page N of M`), each page's in a form
 * XObject the page draws at once and that is filled in when the page count is known.
 */
class FurnitureForms {
  private readonly pending: { form: PDFKitRef; number: number; context: PageLabel }[] = [];
  private readonly resources: PDFKitRef;

  constructor(private readonly doc: Doc) {
    // One resource dictionary for all the forms: the fonts the furniture uses.
    this.resources = doc.ref({ ProcSet: ['PDF', 'Text'] });
  }

  /** Shows a form on the current page, to be filled in later as page `number` with `context`. */
  place(number: number, context: PageLabel): void {
    const doc = this.doc;
    const page = doc.page as unknown as PageLike & { xobjects: Record<string, unknown> };
    const form = doc.ref({ Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: [0, 0, page.width, page.height], Resources: this.resources });
    page.xobjects.CkFurniture = form;
    doc.addContent('q /CkFurniture Do Q');
    this.pending.push({ form, number, context });
  }

  /** Draws each page's furniture into its form (`draw` draws on `doc.page`), then writes the forms out. */
  fill(draw: (number: number, context: PageLabel) => void): void {
    const doc = this.doc as unknown as { page: unknown };
    const real = doc.page;
    const data = this.resources.data as Record<string, Record<string, unknown> | undefined>;
    const dict = (key: string) => (data[key] ??= {});
    try {
      for (const item of this.pending) {
        const [, , w, h] = (item.form.data as unknown as { BBox: number[] }).BBox;
        const fake = {
          width: w!,
          height: h!,
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
          markings: [] as unknown[],
          write: (chunk: string | Uint8Array) => item.form.write(chunk as never),
          maxY: () => h!,
          get fonts() {
            return dict('Font');
          },
          get xobjects() {
            return dict('XObject');
          },
          get ext_gstates() {
            return dict('ExtGState');
          },
          get patterns() {
            return dict('Pattern');
          },
          get colorSpaces() {
            return dict('ColorSpace');
          },
        };
        doc.page = fake;
        draw(item.number, item.context);
        item.form.end(undefined);
      }
    } finally {
      doc.page = real;
    }
    this.pending.length = 0;
    this.resources.end(undefined);
  }
}

export interface PdfBookOptions {
  redactionStyle: RedactionStyle;
  /**
   * Receives the file's bytes as they are written, in blocks (a view valid during the call only);
   * by default they are kept and returned as `data`.
   */
  sink?: (block: Buffer) => void;
}

/**
 * Sends what pdfkit writes straight to `sink` through a `BlockSink`, instead of through the
 * document's readable stream, which would hold every chunk until the event loop turns (a book is
 * laid out without waiting) and keep each small chunk in a buffer of its own.
 */
function streamTo(doc: Doc, blocks: BlockSink): void {
  // What the document wrote before (its header) is waiting in the stream.
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) blocks.write(chunk);
  const internals = doc as unknown as { _write(data: Uint8Array | string): void; _offset: number };
  internals._write = function (this: typeof internals, data: Uint8Array | string) {
    if (typeof data === 'string') {
      blocks.write(data);
      blocks.write('\n');
      this._offset += data.length + 1;
    } else {
      blocks.write(data);
      this._offset += data.length;
    }
  };
}

/**
 * Lets go of each PDF object's contents once it is written: objects that refer to it only need
 * its number. pdfkit keeps them all to the end (every page's dictionaries, every structure
 * element, annotation and outline entry), which grows with the book; a written object is never
 * read again (content is always added to structure elements while its page is current).
 */
function releaseWritten(doc: Doc): void {
  const internals = doc as unknown as { _refEnd(ref: { data: Record<string, unknown>; buffer: unknown }): void; _root: unknown };
  const refEnd = internals._refEnd;
  const released: Record<string, unknown> = {};
  internals._refEnd = function (this: typeof internals, ref) {
    refEnd.call(this, ref);
    if (ref === this._root) return; // the catalog is read after it is written, as the document ends
    // What pdfkit reads of a written object: a structure element's parent (is it flushable?).
    // It may still set a key (a structure element's K) but never reads one.
    ref.data = 'P' in ref.data ? { P: ref.data.P } : released;
    ref.buffer = [];
  };
}

export async function buildPdfBook(plan: BookPlan, options: PdfBookOptions): Promise<BookResult> {
  const out = openBookDocument(plan, options.sink);
  const book = new PdfBookDrawing(out.doc, plan, options.redactionStyle);
  book.drawCover();
  const contents = book.reserveContents();
  const entries = book.drawChapters();
  const pages = book.drawBackMatter();
  book.drawContents(contents);
  book.drawFurniture(pages);
  out.doc.end();
  await out.done;
  out.blocks.flush();
  return { data: Buffer.concat(out.chunks), pages, entries, warnings: book.warnings() };
}

/** The book's document, streamed to `sink` (or kept in `chunks`) as it is written; `done` when it has ended. */
function openBookDocument(plan: BookPlan, sink: PdfBookOptions['sink']): { doc: Doc; chunks: Buffer[]; blocks: BlockSink; done: Promise<void> } {
  const template = plan.template.cable;
  const count = plan.cables.length;
  const doc = createPdfDocument(
    template,
    {
      title: plan.title,
      subject: `Briefing book of ${count} cable${count === 1 ? '' : 's'}`,
      author: 'cablekit',
      keywords: [...new Set(plan.cables.flatMap((c) => c.tags))].sort().join(', '),
      creationDate: plan.date,
      lang: template.texts.lang ?? 'en-US',
    },
    { stream: true },
  );
  const chunks: Buffer[] = [];
  const blocks = new BlockSink(sink ?? ((block: Buffer) => void chunks.push(Buffer.from(block))));
  streamTo(doc, blocks);
  releaseWritten(doc);
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.resume(); // nothing is pushed through the stream but its end
  return { doc, chunks, blocks, done };
}

/**
 * The book as it is drawn, in order: the cover, the contents' pages reserved, parts and chapters,
 * the back matter, then the contents drawn and moved after the cover, and every page's furniture.
 * It keeps the page numbers, what the margins of the page being drawn show, and the contents'
 * entries as their pages become known.
 */
class PdfBookDrawing {
  private readonly template: Template;
  private readonly root: StructElement;
  /** Each new page shows its furniture form, numbered and labelled by what is being drawn. */
  private readonly forms: FurnitureForms;
  private readonly bookPage: PageLabel;
  private context: PageLabel;
  private nextNumber = 1;
  /** The book's own pages: cover, part title pages, back matter, contents. */
  private readonly front: PageFlow;
  private readonly back: BackSection[];
  private readonly items: TocItem[] = [];
  /** The next contents entry to be given its page. */
  private item = 0;
  private toc: StructElement | null = null;
  private readonly glyphWarnings: string[] = [];
  private readonly onNewPage: () => void;

  constructor(
    private readonly doc: Doc,
    private readonly plan: BookPlan,
    private readonly redactionStyle: RedactionStyle,
  ) {
    this.template = plan.template.cable;
    this.back = backMatter(plan);
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
    this.forms = new FurnitureForms(doc);
    this.bookPage = { id: plan.title, subject: plan.title, banner: plan.banner };
    this.context = this.bookPage;
    this.onNewPage = () => this.forms.place(this.nextNumber++, this.context);
    this.front = new PageFlow(doc, this.template, { onNewPage: this.onNewPage });
  }

  drawCover(): void {
    const { doc, root, front } = this;
    const coverSect = doc.struct('Sect', { title: 'Cover' });
    root.add(coverSect);
    front.newPage();
    drawCover(front, doc, coverSect, this.plan);
    coverSect.end();
  }

  /** The contents: its entries measured now and its pages reserved; drawn at the end. */
  reserveContents(): { title: string; layout: ContentsLayout } {
    const { plan, doc, items } = this;
    const count = plan.cables.length;
    const title = plan.template.contents({ title: plan.title, count });
    this.toc = doc.struct('TOC');
    this.root.add(this.toc);
    const hasParts = plan.parts.length > 0;
    plan.cables.forEach((_c, i) => {
      const part = plan.parts.findIndex((p) => p.first === i);
      if (part >= 0) items.push({ title: plan.parts[part]!.title, level: 1, destination: partDestination(part), page: 0 });
      items.push({ title: plan.chapters[i]!, level: hasParts ? 2 : 1, destination: chapterDestination(i), page: 0 });
    });
    for (const b of this.back) items.push({ title: b.title, level: 1, destination: backDestination(b.kind), page: 0 });
    const layout = measureContents(this.front, title, items, count);
    this.nextNumber = 2 + layout.pages;
    return { title, layout };
  }

  /** Each cable as a chapter, under its part's title page when the book has parts. */
  drawChapters(): BookEntry[] {
    const { plan, doc, template } = this;
    const hasParts = plan.parts.length > 0;
    const writerOptions = { template: plan.template.dir, redactionStyle: this.redactionStyle, warnings: this.glyphWarnings };
    const entries: BookEntry[] = [];
    let part: { item: PDFKit.PDFOutline; sect: StructElement } | null = null;
    const heap = new HeapGuard();
    plan.cables.forEach((cable, i) => {
      heap.check();
      const p = plan.parts.findIndex((x) => x.first === i);
      if (p >= 0) {
        if (part) {
          finishOutlineItem(part.item);
          part.sect.end();
        }
        part = this.drawPart(p);
      }
      const layout = layoutCable(cable, template.texts, { links: plan.links(i) });
      this.context = { id: layout.id, subject: layout.info.title, banner: layout.banner };
      const title = plan.chapters[i]!;
      const sect = doc.struct(hasParts ? 'Art' : 'Part', { title });
      (part?.sect ?? this.root).add(sect);
      const page = this.nextNumber;
      this.items[this.item++]!.page = page;
      const host: PdfHost = {
        doc,
        root: sect,
        outline: part?.item ?? doc.outline,
        title,
        bookmark: title,
        destination: chapterDestination(i),
        onNewPage: this.onNewPage,
        link: (id) => {
          const chapter = plan.chapterOf.get(id);
          return chapter === undefined ? null : chapterDestination(chapter);
        },
      };
      new PdfSetter(layout, template, writerOptions, null, null, host).drawChapter();
      sect.end();
      entries.push({ id: cable.id, title, page });
    });
    if (part) {
      const last = part as { item: PDFKit.PDFOutline; sect: StructElement };
      finishOutlineItem(last.item);
      last.sect.end();
    }
    return entries;
  }

  /** Part `p`'s title page: its outline entry and structure element, which its chapters go under. */
  private drawPart(p: number): { item: PDFKit.PDFOutline; sect: StructElement } {
    const { plan, doc } = this;
    const part = plan.parts[p]!;
    this.context = { id: plan.title, subject: part.title, banner: part.banner };
    this.items[this.item++]!.page = this.nextNumber;
    const sect = doc.struct('Part', { title: part.title });
    this.root.add(sect);
    this.front.newPage();
    doc.addNamedDestination(partDestination(p));
    const item = doc.outline.addItem(part.title);
    drawPartPage(this.front, doc, sect, part.title, `${part.count} cable${part.count === 1 ? '' : 's'}`);
    return { item, sect };
  }

  /** The "Cited, not included" appendix and the index of tags. Returns the book's page count. */
  drawBackMatter(): number {
    const { doc } = this;
    this.context = this.bookPage;
    for (const section of this.back) {
      this.items[this.item++]!.page = this.nextNumber;
      const sect = doc.struct('Sect', { title: section.title });
      this.root.add(sect);
      this.front.newPage();
      doc.addNamedDestination(backDestination(section.kind));
      doc.outline.addItem(section.title);
      drawBackSection(this.front, doc, sect, section);
      sect.end();
    }
    return this.nextNumber - 1;
  }

  /** The contents, now that every page is known, drawn on new pages and moved after the cover. */
  drawContents(contents: { title: string; layout: ContentsLayout }): void {
    const { doc } = this;
    this.nextNumber = 2;
    const created = (doc as unknown as { _root: { data: { Pages: { data: { Kids: unknown[] } } } } })._root.data.Pages.data.Kids;
    const before = created.length;
    drawContents(this.front, doc, this.toc!, contents.title, this.items, contents.layout);
    this.toc!.end();
    const tocKids = created.splice(before);
    created.splice(1, 0, ...tocKids);
    const outline = doc.outline as unknown as { children: unknown[] };
    outline.children.unshift(outline.children.pop());
    this.root.end();
  }

  /** Banners, header, `Page N of M` on every page. */
  drawFurniture(pages: number): void {
    this.forms.fill((number, ctx) => this.front.drawFurniture(number, pages, ctx));
    // the book's own pages report a missing glyph under the first cable's id, as chapters report theirs under their own
    this.front.fonts.reportMissing(this.plan.cables[0]!.id, this.glyphWarnings);
  }

  /** The plan's warnings, then each missing glyph once. */
  warnings(): string[] {
    const warnings = [...this.plan.warnings];
    for (const w of this.glyphWarnings) if (!warnings.includes(w)) warnings.push(w);
    return warnings;
  }
}

/** Lines drawn one under the other from `flow.y`, as one marked content of `el`. */
function drawLines(flow: PageFlow, doc: Doc, el: StructElement, tag: string, lines: Line[], size: number, color: string, center = false): void {
  const lh = flow.lineHeight(size);
  const content = doc.markStructureContent(tag);
  lines.forEach((line, i) => {
    const x = center ? flow.left + (flow.contentWidth - line.width) / 2 : flow.left;
    flow.lines.drawLine(line, x, flow.y, size, color, i < lines.length - 1);
    flow.y += lh;
  });
  doc.endMarkedContent();
  el.add(content);
}

function drawCover(flow: PageFlow, doc: Doc, sect: StructElement, plan: BookPlan): void {
  const look = plan.template.cable.look;
  const width = flow.contentWidth;
  flow.y = flow.margin + (flow.bottom - flow.margin) * 0.22;
  const styles: Record<'title' | 'subtitle' | 'text', { style: FontStyle; size: number; tag: string; color: string }> = {
    title: { style: 'bold', size: look.sizes.title * 2, tag: 'H1', color: INK },
    subtitle: { style: 'bold', size: look.sizes.body * 1.3, tag: 'P', color: INK },
    text: { style: 'regular', size: look.sizes.body * 1.15, tag: 'P', color: MUTED },
  };
  let previous: string | null = null;
  for (const line of plan.template.cover(plan.cover)) {
    if (line.kind === 'space') {
      flow.y += flow.lineHeight(look.sizes.body) * 1.5;
      previous = line.kind;
      continue;
    }
    const s = styles[line.kind];
    if (previous === 'title') flow.y += 18;
    const lines = flow.typeset([{ kind: 'text', style: s.style, text: flow.upper(line.text) }], s.size, [width]);
    if (flow.y + lines.length * flow.lineHeight(s.size) > flow.bottom) break; // a cover is one page
    const el = doc.struct(s.tag);
    sect.add(el);
    drawLines(flow, doc, el, s.tag, lines, s.size, s.color, true);
    el.end();
    flow.y += 4;
    previous = line.kind;
  }
}

/** A part's title page: its title and how many cables it holds, a third of the way down. */
function drawPartPage(flow: PageFlow, doc: Doc, sect: StructElement, title: string, note: string): void {
  const look = flow.template.look;
  flow.y = flow.margin + (flow.bottom - flow.margin) * 0.3;
  const size = look.sizes.title * 1.6;
  const h1 = doc.struct('H1');
  sect.add(h1);
  drawLines(flow, doc, h1, 'H1', flow.typeset([{ kind: 'text', style: 'bold', text: flow.upper(title) }], size, [flow.contentWidth]), size, INK, true);
  h1.end();
  flow.y += 10;
  const p = doc.struct('P');
  sect.add(p);
  drawLines(flow, doc, p, 'P', flow.typeset([{ kind: 'text', style: 'regular', text: flow.upper(note) }], look.sizes.body * 1.15, [flow.contentWidth]), look.sizes.body * 1.15, MUTED, true);
  p.end();
}

/** The appendix or the index: its title, an intro line, then each entry (a bold head, then its items, chapters linked). */
function drawBackSection(flow: PageFlow, doc: Doc, sect: StructElement, section: ReturnType<typeof backMatter>[number]): void {
  const look = flow.template.look;
  const h1 = doc.struct('H1');
  sect.add(h1);
  flow.setLines(h1, 'H1', flow.typeset([{ kind: 'text', style: 'bold', text: flow.upper(section.title) }], look.sizes.title, [flow.contentWidth]), [flow.left], look.sizes.title);
  h1.end();
  flow.y += 8;
  if (section.intro) {
    const p = doc.struct('P');
    sect.add(p);
    flow.setLines(p, 'P', flow.typeset([{ kind: 'text', style: 'italic', text: flow.upper(section.intro) }], look.sizes.body, [flow.contentWidth]), [flow.left], look.sizes.body, MUTED);
    p.end();
    flow.y += look.paragraphGap;
  }
  const size = look.sizes.metadata + 0.5;
  const indent = 18;
  for (const entry of section.entries) {
    const spans: Span[] = [{ kind: 'text', style: 'bold', text: flow.upper(entry.head) + ' ' }];
    for (const item of entry.items) {
      spans.push(item.chapter === undefined ? { kind: 'text', style: 'regular', text: flow.upper(item.text) } : { kind: 'text', style: 'regular', text: flow.upper(item.text), link: chapterDestination(item.chapter) });
    }
    const p = doc.struct('P');
    sect.add(p);
    flow.setLines(p, 'P', flow.typeset(spans, size, [flow.contentWidth, flow.contentWidth - indent]), [flow.left, flow.left + indent], size);
    p.end();
    flow.y += 3;
  }
}

interface ContentsLayout {
  pages: number;
  titleLines: Line[];
  slots: TocSlot[];
  numberWidth: number;
}

/** Lays the contents out without drawing it: its title, then each entry wrapped before the page-number column. */
function measureContents(front: PageFlow, title: string, items: TocItem[], count: number): ContentsLayout {
  const look = front.template.look;
  const body = look.sizes.body;
  const entryHeight = front.lineHeight(body);
  // Room for the widest page number the book could reach (about 20 pages a cable at most).
  const numberWidth = front.fonts.measure(body).word('0'.repeat(Math.max(4, String(count * 20).length)), 'regular') + 12;
  const titleLines = front.typeset([{ kind: 'text', style: 'bold', text: front.upper(title) }], look.sizes.title, [front.contentWidth]);
  const titleHeight = titleLines.length * front.lineHeight(look.sizes.title) + 14;
  const slots: TocSlot[] = [];
  let page = 0;
  let y = front.margin + titleHeight;
  for (const item of items) {
    const indent = (item.level - 1) * 14;
    const style: FontStyle = item.level === 1 && items.some((i) => i.level === 2) ? 'bold' : 'regular';
    const lines = front.typeset([{ kind: 'text', style, text: front.upper(item.title) }], body, [front.contentWidth - numberWidth - indent]);
    const height = lines.length * entryHeight;
    if (y + height > front.bottom && y > front.margin) {
      page++;
      y = front.margin;
    }
    slots.push({ page, y, lines });
    y += height + 4;
  }
  return { pages: page + 1, titleLines, slots, numberWidth };
}

/** Draws the contents on new pages: the entries with their pages, dotted leaders, and links to their destinations. */
function drawContents(front: PageFlow, doc: Doc, toc: StructElement, title: string, items: TocItem[], layout: ContentsLayout): void {
  const look = front.template.look;
  const body = look.sizes.body;
  const entryHeight = front.lineHeight(body);
  let page = -1;
  const turnTo = (p: number) => {
    while (page < p) {
      front.newPage();
      if (page === -1) doc.outline.addItem(title);
      page++;
    }
  };
  turnTo(0);
  front.y = front.margin;
  drawLines(front, doc, toc, 'H1', layout.titleLines, look.sizes.title, INK);
  layout.slots.forEach((slot, i) => {
    const item = items[i]!;
    turnTo(slot.page);
    const entry = doc.struct('TOCI');
    toc.add(entry);
    const x = front.left + (item.level - 1) * 14;
    front.y = slot.y;
    const content = doc.markStructureContent('P');
    slot.lines.forEach((line, k) => {
      front.lines.drawLine(line, x, front.y, body, INK, k < slot.lines.length - 1);
      front.y += entryHeight;
    });
    doc.endMarkedContent();
    entry.add(content);
    // Page number at the right margin on the entry's last line, dotted leader before it.
    const lastY = slot.y + (slot.lines.length - 1) * entryHeight;
    const number = String(item.page);
    const numberX = front.left + front.contentWidth - front.fonts.measure(body).word(number, 'regular');
    const leaderFrom = x + slot.lines.at(-1)!.width + 6;
    const leaderTo = numberX - 6;
    if (leaderTo > leaderFrom) {
      const baseline = lastY + front.fonts.use('regular').fontSize(body).currentLineHeight() * 0.78;
      doc.markContent('Artifact', { type: 'Layout' });
      doc.save().moveTo(leaderFrom, baseline).lineTo(leaderTo, baseline).lineWidth(0.6).dash(0.6, { space: 2.4 }).strokeColor(MUTED).stroke().undash().restore();
      doc.endMarkedContent();
    }
    const ref = doc.markStructureContent('Reference');
    front.fonts.use('regular').fontSize(body).fillColor(INK).text(number, numberX, lastY, { lineBreak: false });
    doc.endMarkedContent();
    entry.add(ref);
    entry.end();
    doc.goTo(x, slot.y, front.left + front.contentWidth - x, lastY + entryHeight - slot.y, item.destination);
  });
}
