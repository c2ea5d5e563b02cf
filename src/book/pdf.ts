/**
 * A briefing book as PDF: a cover page and a table of contents under the book's highest banner,
 * then one chapter per cable, each starting on a new page under its own banner, all drawn by the
 * cable PDF writer into one pdfkit document. The contents' pages are reserved before the
 * chapters are laid out (entries are measured first), and filled in afterwards with the real
 * page numbers and a link to each chapter; `Page N of M` counts the whole book.
 */
import { layoutCable, type LayoutDocument } from '../render/layout.js';
import { createPdfDocument, PdfSetter, type PdfHost } from '../render/pdf/index.js';
import type { Line } from '../render/pdf/typeset.js';
import type { FontStyle } from '../render/fonts.js';
import type { RedactionStyle } from '../render/docx/document.js';
import type { BookEntry, BookPlan, BookResult } from './index.js';

type Doc = PDFKit.PDFDocument;
type StructElement = PDFKit.PDFStructureElement;

const INK = '#111111';
const MUTED = '#555555';

/** The named destination of chapter `index` (0-based). */
export function chapterDestination(index: number): string {
  return `cable-${index + 1}`;
}

/** Where each contents entry goes: its page (0-based among the contents pages), top and lines. */
interface TocSlot {
  page: number;
  y: number;
  lines: Line[];
}

export async function buildPdfBook(plan: BookPlan, options: { redactionStyle: RedactionStyle }): Promise<BookResult> {
  const template = plan.template.cable;
  const look = template.look;
  const warnings: string[] = [...plan.warnings];
  const glyphWarnings: string[] = [];
  const layouts: LayoutDocument[] = plan.cables.map((c) => layoutCable(c, template.texts));
  const count = plan.cables.length;

  const doc = createPdfDocument(template, {
    title: plan.title,
    subject: `Briefing book of ${count} cable${count === 1 ? '' : 's'}`,
    author: 'cablekit',
    keywords: [...new Set(plan.cables.flatMap((c) => c.tags))].sort().join(', '),
    creationDate: plan.date,
    lang: layouts[0]!.info.lang,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const writerOptions = { template: plan.template.dir, redactionStyle: options.redactionStyle, warnings: glyphWarnings };
  const host = (title: string, el: StructElement, index: number): PdfHost => ({
    doc,
    root: el,
    outline: doc.outline,
    title,
    bookmark: title,
    destination: chapterDestination(index),
  });

  // ---- cover ------------------------------------------------------------------------------
  const coverSect = doc.struct('Sect', { title: 'Cover' });
  root.add(coverSect);
  const front = new PdfSetter(layouts[0]!, template, writerOptions, null, null, host(plan.title, coverSect, -1));
  front.newPage();
  drawCover(front, doc, coverSect, plan);
  coverSect.end();

  // ---- contents: measure the entries, reserve their pages ----------------------------------
  const contentsTitle = plan.template.contents({ title: plan.title, count });
  const body = look.sizes.body;
  const entryHeight = front.lineHeight(body);
  // Room for the widest page number the book could reach (about 20 pages a cable at most).
  const numberWidth = front.measure(body).word('0'.repeat(Math.max(4, String(count * 20).length)), 'regular') + 12;
  const titleLines = front.typeset([{ kind: 'text', style: 'bold', text: front.upper(contentsTitle) }], look.sizes.title, [front.contentWidth]);
  const titleHeight = titleLines.length * front.lineHeight(look.sizes.title) + 14;
  const slots: TocSlot[] = [];
  let tocPage = 0;
  let y = front.margin + titleHeight;
  for (const title of plan.chapters) {
    const lines = front.typeset([{ kind: 'text', style: 'regular', text: front.upper(title) }], body, [front.contentWidth - numberWidth]);
    const height = lines.length * entryHeight;
    if (y + height > front.bottom && y > front.margin) {
      tocPage++;
      y = front.margin;
    }
    slots.push({ page: tocPage, y, lines });
    y += height + 4;
  }
  const tocPages = tocPage + 1;
  const tocStart = doc.bufferedPageRange().count;
  for (let i = 0; i < tocPages; i++) {
    front.newPage();
    if (i === 0) doc.outline.addItem(contentsTitle);
  }
  const toc = doc.struct('TOC');
  root.add(toc);

  // ---- chapters -----------------------------------------------------------------------------
  const chapters: { setter: PdfSetter; first: number; last: number }[] = [];
  plan.cables.forEach((_cable, i) => {
    const sect = doc.struct('Part', { title: plan.chapters[i]! });
    root.add(sect);
    const setter = new PdfSetter(layouts[i]!, template, writerOptions, null, null, host(plan.chapters[i]!, sect, i));
    const range = setter.drawChapter();
    sect.end();
    chapters.push({ setter, ...range });
  });
  const pages = doc.bufferedPageRange().count;

  // ---- contents: entries with their real page numbers and links ----------------------------
  const entries: BookEntry[] = chapters.map((c, i) => ({ id: plan.cables[i]!.id, title: plan.chapters[i]!, page: c.first + 1 }));
  doc.switchToPage(tocStart);
  front.y = front.margin;
  drawLines(front, doc, toc, 'H1', titleLines, look.sizes.title, INK);
  slots.forEach((slot, i) => {
    doc.switchToPage(tocStart + slot.page);
    const item = doc.struct('TOCI');
    toc.add(item);
    const x = front.left;
    front.y = slot.y;
    drawLines(front, doc, item, 'P', slot.lines, body, INK);
    // Page number at the right margin on the entry's last line, dotted leader before it.
    const lastY = slot.y + (slot.lines.length - 1) * entryHeight;
    const number = String(entries[i]!.page);
    const numberX = front.left + front.contentWidth - front.measure(body).word(number, 'regular');
    const lastWidth = slot.lines.at(-1)!.width;
    const leaderFrom = x + lastWidth + 6;
    const leaderTo = numberX - 6;
    if (leaderTo > leaderFrom) {
      const baseline = lastY + front.useFont('regular').fontSize(body).currentLineHeight() * 0.78;
      doc.markContent('Artifact', { type: 'Layout' });
      doc.save().moveTo(leaderFrom, baseline).lineTo(leaderTo, baseline).lineWidth(0.6).dash(0.6, { space: 2.4 }).strokeColor(MUTED).stroke().undash().restore();
      doc.endMarkedContent();
    }
    const content = doc.markStructureContent('Reference');
    front.useFont('regular').fontSize(body).fillColor(INK).text(number, numberX, lastY, { lineBreak: false });
    doc.endMarkedContent();
    item.add(content);
    item.end();
    const top = slot.y;
    doc.goTo(x, top, front.contentWidth, lastY + entryHeight - top, chapterDestination(i));
  });
  toc.end();
  root.end();

  // ---- banners, header, `Page N of M` --------------------------------------------------------
  front.drawPageFurniture(pages, 0, tocStart + tocPages - 1, { id: plan.title, subject: plan.title, banner: plan.banner });
  for (const c of chapters) c.setter.drawPageFurniture(pages, c.first, c.last);
  front.reportMissingGlyphs();
  for (const w of glyphWarnings) if (!warnings.includes(w)) warnings.push(w);

  doc.end();
  await done;
  return { data: Buffer.concat(chunks), pages, entries, warnings };
}

/** Lines drawn one under the other from `setter.y`, as one marked content of `el`. */
function drawLines(setter: PdfSetter, doc: Doc, el: StructElement, tag: string, lines: Line[], size: number, color: string, center = false): void {
  const lh = setter.lineHeight(size);
  const content = doc.markStructureContent(tag);
  lines.forEach((line, i) => {
    const x = center ? setter.left + (setter.contentWidth - line.width) / 2 : setter.left;
    setter.drawLine(line, x, setter.y, size, color, i < lines.length - 1);
    setter.y += lh;
  });
  doc.endMarkedContent();
  el.add(content);
}

function drawCover(setter: PdfSetter, doc: Doc, sect: StructElement, plan: BookPlan): void {
  const look = plan.template.cable.look;
  const width = setter.contentWidth;
  setter.y = setter.margin + (setter.bottom - setter.margin) * 0.22;
  const styles: Record<'title' | 'subtitle' | 'text', { style: FontStyle; size: number; tag: string; color: string }> = {
    title: { style: 'bold', size: look.sizes.title * 2, tag: 'H1', color: INK },
    subtitle: { style: 'bold', size: look.sizes.body * 1.3, tag: 'P', color: INK },
    text: { style: 'regular', size: look.sizes.body * 1.15, tag: 'P', color: MUTED },
  };
  let previous: string | null = null;
  for (const line of plan.template.cover(plan.cover)) {
    if (line.kind === 'space') {
      setter.y += setter.lineHeight(look.sizes.body) * 1.5;
      previous = line.kind;
      continue;
    }
    const s = styles[line.kind];
    if (previous === 'title') setter.y += 18;
    const lines = setter.typeset([{ kind: 'text', style: s.style, text: setter.upper(line.text) }], s.size, [width]);
    const el = doc.struct(s.tag);
    sect.add(el);
    drawLines(setter, doc, el, s.tag, lines, s.size, s.color, true);
    el.end();
    setter.y += 4;
    previous = line.kind;
  }
}
