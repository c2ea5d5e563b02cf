/**
 * A new PDF as cablekit makes them: a tagged pdfkit document with the template's page size, its
 * fonts registered and its properties set (escaped for the XMP), the palette the pages are drawn
 * in, and the outline entry of a finished chapter written out early. The one-cable writer and the
 * briefing book both start here.
 */
import PDFDocument from 'pdfkit';
import type { DocumentInfo } from '../paged/layout.js';
import { pageSize, type Template } from '../paged/templates.js';
import { FONT_FAMILIES, FONT_STYLES, fontData } from '../paged/fonts.js';
import { deflateStreamsAt } from './deflate.js';

type Doc = PDFKit.PDFDocument;

export const INK = '#111111';
export const MUTED = '#555555';
export const RULE = '#999999';
/** Text that links to another chapter of a book. */
export const LINK = '#1f3f73';

/** A redaction bar: its label set at this part of the text's size, and this much room (points) beside the label. */
export const BAR_LABEL_SCALE = 0.72;
export const BAR_PADDING = 8;


/** The document properties of a new PDF: the layout's (a book passes its own). */
export type PdfInfo = DocumentInfo;

/** A buffered, tagged pdfkit document with the template's page size and fonts registered. */
export function createPdfDocument(template: Template, info: PdfInfo, options: { pdfa?: boolean; stream?: boolean } = {}): Doc {
  const look = template.look;
  const { width, height } = pageSize(look);
  const margin = look.page.margin;
  const docOptions: Omit<PDFKit.PDFDocumentOptions, 'font'> & Record<string, unknown> = {
    size: [width, height],
    margins: { top: margin, bottom: margin, left: margin, right: margin },
    // A streamed document (a book) writes each page out as the next one starts.
    bufferPages: !options.stream,
    autoFirstPage: false,
    font: null, // no default font: pdfkit would otherwise embed Helvetica
    pdfVersion: '1.7',
    tagged: true,
    lang: info.lang,
    displayTitle: true,
    info: {
      Title: info.title,
      Subject: info.subject,
      Author: info.author,
      Keywords: info.keywords,
      CreationDate: info.creationDate,
      ModDate: info.creationDate,
      Producer: 'cablekit',
      Creator: 'cablekit',
    },
  };
  if (options.pdfa) docOptions.subset = 'PDF/A-2b';
  const doc = new PDFDocument(docOptions as unknown as PDFKit.PDFDocumentOptions);
  escapeXmpInfo(doc);
  deflateStreamsAt(doc);
  const files = FONT_FAMILIES[look.font];
  for (const style of FONT_STYLES) {
    const face = FONT_STYLES.find((s) => files[s] === files[style]) ?? style;
    if (face === style) doc.registerFont(style, fontData(look.font, style));
  }
  return doc;
}

/**
 * pdfkit copies Title, Author, Subject and Keywords into the XMP metadata without XML escaping, so
 * a subject like `R&D <TEST>` would make the XMP (required by PDF/A) malformed. The document info
 * dictionary is written before the XMP, so the values are escaped only while the XMP is built.
 */
function escapeXmpInfo(doc: Doc): void {
  const internals = doc as unknown as { endMetadata: () => void; info: Record<string, unknown> };
  const endMetadata = internals.endMetadata;
  internals.endMetadata = function (this: typeof internals) {
    const saved = this.info;
    const escaped: Record<string, unknown> = { ...saved };
    for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator']) {
      const v = saved[key];
      if (typeof v === 'string') escaped[key] = v.replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));
    }
    this.info = escaped;
    try {
      endMetadata.call(this);
    } finally {
      this.info = saved;
    }
  };
}

/**
 * Writes out the items under a finished outline entry (a book's chapter: its headings and
 * paragraphs) instead of keeping them until the document ends; the entry itself stays open, so
 * its siblings can still be linked to it.
 */
export function finishOutlineItem(item: PDFKit.PDFOutline): void {
  const node = item as unknown as { children: { dictionary: unknown; outlineData: Record<string, unknown>; endOutline(): void }[]; outlineData: Record<string, unknown> };
  const children = node.children;
  if (!Array.isArray(children) || children.length === 0) return;
  node.outlineData.First = children[0]!.dictionary;
  node.outlineData.Last = children.at(-1)!.dictionary;
  children.forEach((child, i) => {
    if (i > 0) child.outlineData.Prev = children[i - 1]!.dictionary;
    if (i < children.length - 1) child.outlineData.Next = children[i + 1]!.dictionary;
    child.endOutline();
  });
  node.children = [];
}
