/**
 * The pieces of a cablekit DOCX, shared by the one-cable writer and the briefing book: Word
 * styles from a template's look, embedded fonts, and one section per cable (header and footer
 * with its banner, metadata table, body) built from the format-neutral `LayoutDocument`.
 * Every piece of text gets a named Word style, so the navigation pane and style changes work.
 */
import { AlignmentType, Document, LineRuleType, Packer, type IStylesOptions } from 'docx';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import type { LayoutDocument, Run } from '../paged/layout.js';
import { fontData, type FontFamilyName } from '../paged/fonts.js';
import type { PageContext, Template, TemplateLook } from '../paged/templates.js';
import { PageCounter, TextMeasure } from './measure.js';
import { packStable } from './package.js';
import { PieceDeflater } from './deflate.js';

export type RedactionStyle = 'box' | 'label';

/** A cablekit redaction in `box` style: always this long, so the bar never tells the length of what it hides. */
export const REDACTION_BOX = '█'.repeat(8);

/** Style ids (Word's built-in ids where one exists, so Word maps them to its own). */
export const STYLE = {
  title: 'Title',
  heading1: 'Heading1',
  heading2: 'Heading2',
  heading3: 'Heading3',
  normal: 'Normal',
  list: 'ListParagraph',
  header: 'Header',
  footer: 'Footer',
  banner: 'ClassificationBanner',
  metadata: 'MetadataText',
  metadataLabel: 'MetadataLabel',
  withheld: 'Withheld',
  signature: 'Signature',
  cableFooter: 'CableFooter',
  notice: 'Notice',
  coverTitle: 'CoverTitle',
  coverText: 'CoverText',
  tocHeading: 'TOCHeading',
  marking: 'PortionMarking',
  redaction: 'Redaction',
  /** Word's built-in character style of a hyperlink (a link to another chapter of a book). */
  link: 'Hyperlink',
  partTitle: 'PartTitle',
  backText: 'BackMatterText',
} as const;

/** The `w:numId` of the bullet list (`--` items), defined in `numberingXml`. */
export const BULLET_NUM_ID = 1;


/** Page geometry in twips, from a template's look. */
export interface PageGeometry {
  width: number;
  height: number;
  margin: number;
}

const PAGE_SIZES: Record<string, { width: number; height: number }> = {
  LETTER: { width: 12240, height: 15840 },
  A4: { width: 11906, height: 16838 },
  LEGAL: { width: 12240, height: 20160 },
};

export function pageGeometry(look: TemplateLook): PageGeometry {
  const size = PAGE_SIZES[look.page.size.toUpperCase()] ?? PAGE_SIZES.LETTER!;
  return { ...size, margin: Math.round(look.page.margin * 20) };
}

const half = (pt: number) => Math.round(pt * 2);
const twips = (pt: number) => Math.round(pt * 20);

/** Line spacing (in 240ths of a line) that adds the template's line gap to the font's own line. */
function lineMultiple(look: TemplateLook, measure: TextMeasure): number {
  return Math.round(240 * (1 + look.lineGap / measure.lineHeight));
}

/**
 * Word styles from a template's look. In a book (`chapters`), Heading 1 is a chapter (a cable's
 * title) and Heading 2 a cable's own heading; with `parts`, Heading 1 is a part (and a back-matter
 * section), Heading 2 a chapter and Heading 3 a cable's heading. In one cable's document its
 * headings are Heading 1.
 */
export function docxStyles(look: TemplateLook, options: { chapters?: boolean; parts?: boolean } = {}): IStylesOptions {
  const font = look.font;
  const s = look.sizes;
  const body = new TextMeasure(font, 'regular', s.body);
  const line = lineMultiple(look, body);
  const after = twips(look.paragraphGap);
  const sectionHeading = {
    run: { font, size: half(s.heading), bold: true, color: '000000' },
    paragraph: { spacing: { before: twips(6), after: twips(4) }, keepNext: true },
  };
  const chapterHeading = {
    run: { font, size: half(s.title), bold: true, color: '000000' },
    paragraph: { spacing: { before: 0, after: twips(8) }, keepNext: true },
  };
  return {
    default: {
      document: {
        run: { font, size: half(s.body), allCaps: look.uppercase || undefined, language: { value: 'en-US' } },
        paragraph: { spacing: { after, line, lineRule: LineRuleType.AUTO } },
      },
      title: { run: { font, size: half(s.title), bold: true, color: '000000' }, paragraph: { spacing: { after: twips(8) } } },
      heading1: options.chapters ? chapterHeading : sectionHeading,
      heading2: options.parts ? chapterHeading : sectionHeading,
      heading3: sectionHeading,
      listParagraph: {
        run: { font, size: half(s.body) },
        // The bullet and its indents come from the numbering definition (numberingXml).
        paragraph: {
          spacing: { after: twips(4), line, lineRule: LineRuleType.AUTO },
          indent: { left: twips(look.bulletIndent * 2), hanging: twips(look.bulletIndent) },
        },
      },
      hyperlink: { run: { color: '1F3F73' } },
    },
    paragraphStyles: [
      { id: STYLE.header, name: 'header', basedOn: STYLE.normal, run: { size: half(s.header) }, paragraph: { spacing: { after: 0 } } },
      { id: STYLE.footer, name: 'footer', basedOn: STYLE.normal, run: { size: half(s.footer) }, paragraph: { spacing: { after: 0 } } },
      {
        id: STYLE.banner,
        name: 'Classification Banner',
        basedOn: STYLE.normal,
        run: { size: half(s.banner), bold: true },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 } },
      },
      {
        id: STYLE.metadata,
        name: 'Metadata',
        basedOn: STYLE.normal,
        run: { size: half(s.metadata) },
        paragraph: { spacing: { before: twips(1), after: twips(1), line: 240, lineRule: LineRuleType.AUTO } },
      },
      { id: STYLE.metadataLabel, name: 'Metadata Label', basedOn: STYLE.metadata, next: STYLE.metadata, run: { bold: true } },
      { id: STYLE.withheld, name: 'Withheld Paragraph', basedOn: STYLE.normal, run: { italics: true } },
      {
        id: STYLE.signature,
        name: 'Signature',
        basedOn: STYLE.normal,
        run: { bold: true },
        paragraph: { spacing: { before: twips(look.paragraphGap) } },
      },
      { id: STYLE.cableFooter, name: 'Cable Footer', basedOn: STYLE.normal, run: { size: half(s.footer), italics: true } },
      {
        id: STYLE.notice,
        name: 'Notice',
        basedOn: STYLE.normal,
        run: { italics: true, size: half(s.metadata) },
        paragraph: { spacing: { before: twips(4) } },
      },
      {
        id: STYLE.coverTitle,
        name: 'Cover Title',
        basedOn: STYLE.title,
        run: { size: half(Math.max(s.title * 1.8, 24)) },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { before: twips(144), after: twips(18) } },
      },
      {
        id: STYLE.coverText,
        name: 'Cover Text',
        basedOn: STYLE.normal,
        run: { size: half(s.heading + 1) },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { after: twips(6) } },
      },
      {
        id: STYLE.partTitle,
        name: 'Part Title',
        basedOn: STYLE.normal,
        run: { size: half(s.heading + 1), color: '555555' },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { before: twips(6), after: twips(4) } },
      },
      {
        id: STYLE.backText,
        name: 'Back Matter Text',
        basedOn: STYLE.normal,
        run: { size: half(s.metadata) },
        paragraph: { spacing: { after: twips(3) }, indent: { left: twips(18), hanging: twips(18) } },
      },
      {
        id: STYLE.tocHeading,
        name: 'TOC Heading',
        basedOn: STYLE.normal,
        next: STYLE.normal,
        // Not based on Heading 1: the contents title must not list itself in the contents.
        run: { size: half(s.title), bold: true },
        paragraph: { spacing: { after: twips(12) } },
      },
    ],
    characterStyles: [
      { id: STYLE.marking, name: 'Portion Marking', basedOn: 'DefaultParagraphFont', run: { bold: true } },
      { id: STYLE.redaction, name: 'Redaction', basedOn: 'DefaultParagraphFont', run: { bold: true } },
      // docx marks the linked entries of a pre-filled table of contents with this style
      { id: 'IndexLink', name: 'Index Link', basedOn: 'DefaultParagraphFont', run: {} },
    ],
  };
}

/** The template font's faces, embedded so the document looks the same where the font is not installed. */
export function docxFonts(font: FontFamilyName) {
  const regular = fontData(font, 'regular');
  const bold = fontData(font, 'bold');
  const italic = fontData(font, 'italic');
  const boldItalic = fontData(font, 'boldItalic');
  return [
    {
      name: font,
      data: regular,
      bold: bold !== regular ? bold : undefined,
      italic: italic !== regular ? italic : undefined,
      boldItalic: boldItalic !== bold && boldItalic !== italic ? boldItalic : undefined,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Sections are written as WordprocessingML text rather than docx objects: a 1,000-cable book
// has 1,000 sections with 2,000 header and footer parts, and docx's object model spent most of
// the time there (bench/book.mjs). The docx package still writes the package: styles, fonts,
// numbering, settings, core properties, and a book's cover and TOC field.

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** Characters XML 1.0 does not allow (control characters a cable may carry) are dropped. */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

/** A run of text; a line break kept in the text (lists, tables in a paragraph) becomes `<w:br/>`. */
export function runXml(text: string, rStyle?: string, extra = ''): string {
  const rPr = rStyle || extra ? `<w:rPr>${rStyle ? `<w:rStyle w:val="${rStyle}"/>` : ''}${extra}</w:rPr>` : '';
  const body = clean(text)
    .split('\n')
    .map((line) => `<w:t xml:space="preserve">${esc(line)}</w:t>`)
    .join('<w:br/>');
  return `<w:r>${rPr}${body}</w:r>`;
}

export function paragraphXml(style: string, runs: string, pPr = ''): string {
  return `<w:p><w:pPr><w:pStyle w:val="${style}"/>${pPr}</w:pPr>${runs}</w:p>`;
}

function fieldXml(instr: string, shown: string): string {
  return (
    `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${instr} </w:instrText></w:r>` +
    `<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>${shown}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`
  );
}

const PAGE_FIELD = '\u0001PAGE\u0001';
const PAGES_FIELD = '\u0001NUMPAGES\u0001';
const FIELD = /(\u0001(?:PAGE|NUMPAGES)(?::0+)?\u0001)/;

/**
 * Renders a header/footer template with markers where the page numbers go, and notes a field's
 * zero padding (`{{pad page 2}}` → `PAGE \# "00"`) by rendering it once more with numbers.
 */
function withFields(render: (ctx: PageContext) => string, ctx: { id: string; subject: string; banner: string }): string {
  const marked = render({ ...ctx, page: PAGE_FIELD, pages: PAGES_FIELD });
  const sample = render({ ...ctx, page: 7, pages: 9 });
  const parts = marked.split(FIELD);
  let at = 0;
  const out: string[] = [];
  for (const part of parts) {
    if (FIELD.test(part)) {
      const digits = /^\d+/.exec(sample.slice(at))?.[0] ?? '';
      at += digits.length;
      out.push(digits.length > 1 && digits.startsWith('0') ? part.replace(/\u0001$/, `:${'0'.repeat(digits.length)}\u0001`) : part);
    } else {
      if (sample.slice(at, at + part.length) !== part) return marked; // the template does more than pad: no formats
      at += part.length;
      out.push(part);
    }
  }
  return out.join('');
}

/** A header/footer text with `PAGE` and `NUMPAGES` fields where the template put the page numbers. */
function fieldRunsXml(text: string): string {
  let out = '';
  for (const part of text.split(FIELD)) {
    const field = /^\u0001(PAGE|NUMPAGES)(?::(0+))?\u0001$/.exec(part);
    if (field) out += fieldXml(field[2] ? `${field[1]} \\# "${field[2]}"` : field[1]!, field[2] ? `${field[2].slice(1)}1` : '1');
    else if (part) out += runXml(part);
  }
  return out;
}

/** The header (banner, running header) and footer (footer text, banner) parts of a section. */
export interface PageFurniture {
  header: string;
  footer: string;
}

export function pageFurniture(template: Template, ctx: { id: string; subject: string; banner: string }): PageFurniture {
  const banner = paragraphXml(STYLE.banner, runXml(ctx.banner));
  const textLines = (text: string, style: string) =>
    text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => paragraphXml(style, fieldRunsXml(l), '<w:jc w:val="center"/>'))
      .join('');
  const part = (tag: 'hdr' | 'ftr', body: string) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:${tag} xmlns:w="${W_NS}" xmlns:r="${R_NS}">${body}</w:${tag}>`;
  return {
    header: part('hdr', banner + textLines(withFields(template.header, ctx), STYLE.header)),
    footer: part('ftr', textLines(withFields(template.footer, ctx), STYLE.footer) + banner),
  };
}

/** Where a link to cable `id` goes: the bookmark of its chapter, or null when it is not in the book. */
export type LinkAnchor = (id: string) => string | null;

/** An internal hyperlink to a bookmark around already written runs. */
export function hyperlinkXml(anchor: string, runs: string): string {
  return `<w:hyperlink w:anchor="${esc(anchor)}" w:history="1">${runs}</w:hyperlink>`;
}

export function textRunsXml(runs: Run[], redactionStyle: RedactionStyle, anchor: LinkAnchor | null = null): string {
  let out = '';
  for (const r of runs) {
    if (r.kind !== 'text') {
      out += runXml(redactionStyle === 'box' ? REDACTION_BOX : r.label, STYLE.redaction);
      continue;
    }
    const target = r.link && anchor ? anchor(r.link) : null;
    out += target ? hyperlinkXml(target, runXml(r.text, STYLE.link)) : runXml(r.text);
  }
  return out;
}

/** The text a run list shows, as `textRunsXml` writes it. */
export function shownText(runs: Run[], redactionStyle: RedactionStyle): string {
  return runs.map((r) => (r.kind === 'text' ? r.text : redactionStyle === 'box' ? REDACTION_BOX : r.label)).join('');
}

export interface CableSectionOptions {
  template: Template;
  redactionStyle: RedactionStyle;
  /**
   * In a book the cable is a chapter: a Heading 1 (`id — subject`) with this bookmark for the
   * table of contents, and the cable's own headings one level down. Alone, the subject is the
   * Title (when the template shows one) and the cable's headings are Heading 1.
   */
  chapter?: {
    bookmark: string;
    /** The bookmark's id, unique in the document. */
    bookmarkId?: number;
    title: string;
    /** The chapter's heading level: 1, or 2 when the book has parts. The cable's headings are one below. */
    level?: 1 | 2;
  } | null;
  /** In a book: the bookmark a link to another chapter goes to. */
  links?: LinkAnchor | null;
}

/** One section: its body (paragraphs and tables), its header and footer, and its page estimate. */
export interface SectionXml extends PageFurniture {
  /** Body elements in order; the section's properties are added when the document is put together. */
  elements: string[];
  pages: number;
}

/** Body XML and page estimate of one cable, in one pass over the layout. */
export function cableSection(layout: LayoutDocument, options: CableSectionOptions): SectionXml {
  const { template, redactionStyle, chapter } = options;
  const anchor = options.links ?? null;
  const look = template.look;
  const geom = pageGeometry(look);
  const textWidth = (geom.width - 2 * geom.margin) / 20;
  const s = look.sizes;
  const body = new TextMeasure(look.font, 'regular', s.body);
  const bold = new TextMeasure(look.font, 'bold', s.body);
  const meta = new TextMeasure(look.font, 'regular', s.metadata);
  const metaBold = new TextMeasure(look.font, 'bold', s.metadata);
  const titleM = new TextMeasure(look.font, 'bold', s.title);
  const headM = new TextMeasure(look.font, 'bold', s.heading);
  const lineFactor = lineMultiple(look, body) / 240;
  const counter = new PageCounter((geom.height - 2 * geom.margin) / 20);
  const upper = (t: string) => (look.uppercase ? t.toUpperCase() : t);
  const out: string[] = [];

  if (chapter) {
    out.push(
      paragraphXml(
        chapter.level === 2 ? STYLE.heading2 : STYLE.heading1,
        bookmarkXml(chapter.bookmarkId ?? 1, chapter.bookmark, runXml(chapter.title)),
      ),
    );
    counter.add(titleM.lines(upper(chapter.title), textWidth), titleM.lineHeight, 8);
  } else if (look.title) {
    out.push(paragraphXml(STYLE.title, runXml(layout.info.title)));
    counter.add(titleM.lines(upper(layout.info.title), textWidth), titleM.lineHeight, 8);
  }

  // The metadata block: a two-column table, or label/value lines for templates that set it inline.
  if (layout.metadata.length) {
    if (look.metadata.style === 'table') {
      const full = geom.width - 2 * geom.margin;
      const labelWidth = Math.round(full * 0.24);
      const valueWidth = full - labelWidth;
      const rows = layout.metadata.map((row) => {
        const valueLines = row.value.split('\n');
        const rowLines = Math.max(
          metaBold.lines(upper(row.label), labelWidth / 20 - 11),
          valueLines.reduce((n, l) => n + meta.lines(upper(l), valueWidth / 20 - 11), 0),
        );
        counter.add(rowLines, meta.lineHeight, 2, false);
        const cell = (width: number, style: string, runs: string) =>
          `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${paragraphXml(style, runs)}</w:tc>`;
        const value = row.runs ? textRunsXml(row.runs, redactionStyle, anchor) : runXml(row.value);
        return `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cell(labelWidth, STYLE.metadataLabel, runXml(row.label))}${cell(valueWidth, STYLE.metadata, value)}</w:tr>`;
      });
      const rule = 'w:val="single" w:sz="2" w:space="0" w:color="BFBFBF"';
      const none = 'w:val="nil"';
      out.push(
        // tblPr children in the schema's order (Word refuses a file otherwise)
        `<w:tbl><w:tblPr><w:tblW w:w="${full}" w:type="dxa"/>` +
          `<w:tblBorders><w:top ${rule}/><w:left ${none}/><w:bottom ${rule}/><w:right ${none}/><w:insideH ${rule}/><w:insideV ${none}/></w:tblBorders>` +
          `<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
          `<w:tblGrid><w:gridCol w:w="${labelWidth}"/><w:gridCol w:w="${valueWidth}"/></w:tblGrid>${rows.join('')}</w:tbl>`,
      );
      // Space between the table and the text (and Word wants a paragraph after a table anyway).
      out.push(paragraphXml(STYLE.metadata, '', `<w:spacing w:before="0" w:after="${twips(look.paragraphGap)}"/>`));
      counter.add(1, meta.lineHeight, look.paragraphGap);
    } else {
      for (const row of layout.metadata) {
        const value = row.runs ? textRunsXml(row.runs, redactionStyle, anchor) : runXml(row.value);
        out.push(paragraphXml(STYLE.metadata, runXml(`${row.label} `, STYLE.marking) + value));
        counter.add(meta.lines(upper(`${row.label} ${row.value}`), textWidth), meta.lineHeight, 2);
      }
      counter.add(0, 0, look.paragraphGap);
    }
  }
  if (layout.notice) {
    out.push(paragraphXml(STYLE.notice, runXml(layout.notice)));
    counter.add(meta.lines(upper(layout.notice), textWidth), meta.lineHeight, look.paragraphGap);
  }

  const bodyLine = body.lineHeight * lineFactor;
  const headingStyle = !chapter ? STYLE.heading1 : chapter.level === 2 ? STYLE.heading3 : STYLE.heading2;
  // Widow/orphan control on each body paragraph, as the page estimate assumes (Word's default).
  const widow = '<w:widowControl/>';
  const bullet = `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${BULLET_NUM_ID}"/></w:numPr>`;
  for (const block of layout.blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(paragraphXml(headingStyle, runXml(block.text)));
        counter.addKeepWithNext(headM.lines(upper(block.text), textWidth), headM.lineHeight, 10);
        break;
      case 'paragraph': {
        let runs = block.number !== null ? runXml(`${block.number}. `) : '';
        if (block.marking) runs += runXml(block.marking, STYLE.marking) + runXml(' ');
        out.push(paragraphXml(STYLE.normal, runs + textRunsXml(block.runs, redactionStyle, anchor), widow));
        const prefix = `${block.number !== null ? `${block.number}. ` : ''}${block.marking ? `${block.marking} ` : ''}`;
        counter.add(body.lines(upper(prefix + shownText(block.runs, redactionStyle)), textWidth), bodyLine, look.paragraphGap);
        break;
      }
      case 'bullet':
        // A Word list paragraph: the bullet comes from the numbering definition.
        out.push(paragraphXml(STYLE.list, textRunsXml(block.runs, redactionStyle, anchor), `${widow}${bullet}`));
        counter.add(body.lines(upper(shownText(block.runs, redactionStyle)), textWidth - 2 * look.bulletIndent), bodyLine, 4);
        break;
      case 'withheld':
        out.push(paragraphXml(STYLE.withheld, runXml(block.text), widow));
        counter.add(body.lines(upper(block.text), textWidth), bodyLine, look.paragraphGap);
        break;
      case 'signature':
        out.push(paragraphXml(STYLE.signature, runXml(block.text)));
        counter.add(bold.lines(upper(block.text), textWidth), bodyLine, look.paragraphGap * 2);
        break;
      case 'footer':
        out.push(paragraphXml(STYLE.cableFooter, runXml(block.text)));
        counter.add(meta.lines(upper(block.text), textWidth), meta.lineHeight * lineFactor, look.paragraphGap);
        break;
    }
  }

  return {
    elements: out,
    ...pageFurniture(template, { id: layout.id, subject: layout.info.title, banner: layout.banner }),
    pages: counter.finish(),
  };
}

/** Runs inside a bookmark. `id` must be unique in the document (a book numbers them by chapter). */
export function bookmarkXml(id: number, name: string, runs: string): string {
  return `<w:bookmarkStart w:id="${id}" w:name="${esc(name)}"/>${runs}<w:bookmarkEnd w:id="${id}"/>`;
}

function sectPrXml(geom: PageGeometry, headerRid: string, footerRid: string): string {
  const hf = Math.round(geom.margin / 2);
  return (
    `<w:sectPr><w:headerReference w:type="default" r:id="${headerRid}"/><w:footerReference w:type="default" r:id="${footerRid}"/>` +
    `<w:pgSz w:w="${geom.width}" w:h="${geom.height}" w:orient="portrait"/>` +
    `<w:pgMar w:top="${geom.margin}" w:right="${geom.margin}" w:bottom="${geom.margin}" w:left="${geom.margin}" w:header="${hf}" w:footer="${hf}" w:gutter="0"/>` +
    `<w:pgNumType/><w:docGrid w:linePitch="360"/></w:sectPr>`
  );
}

export interface DocxProperties {
  title: string;
  subject: string;
  creator: string;
  keywords: string;
  description?: string;
  /** created = modified = this date (the cable's, or a book's newest). */
  date: Date;
}

export interface DocxPlan {
  look: TemplateLook;
  props: DocxProperties;
  /** A book: chapters are Heading 1, or Heading 2 under parts (`parts`). */
  book?: { parts: boolean } | null;
  /** The sections in order (a book's front matter first), each with its header and footer. */
  sections: SectionXml[];
}

const HEADER_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/header';
const FOOTER_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer';
const HEADER_CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml';
const FOOTER_CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml';

/** The bullet list of `--` items: one numbering definition, its mark the template's bullet. */
export function numberingXml(look: TemplateLook): string {
  const left = twips(look.bulletIndent * 2);
  const hanging = twips(look.bulletIndent);
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="${W_NS}">` +
    `<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>` +
    `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="${esc(look.bullet || '–')}"/><w:lvlJc w:val="left"/>` +
    `<w:pPr><w:ind w:left="${left}" w:hanging="${hanging}"/></w:pPr></w:lvl></w:abstractNum>` +
    `<w:num w:numId="${BULLET_NUM_ID}"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
  );
}

/**
 * Puts a document together as its sections come: docx writes the package (styles, fonts,
 * settings, core properties), the sections are written as WordprocessingML text with a header
 * and footer part for each distinct text (chapters under one banner share a footer), and
 * `word/document.xml` is deflated in pieces while it is being written (see deflate.ts). A book
 * reserves the place of its front matter (`reserveFront`), which it can only write once its
 * chapters are counted, and gives it with `setFront`.
 */
export class DocxAssembler {
  private readonly geom: PageGeometry;
  private readonly parts: Record<string, string | Uint8Array> = {};
  private readonly rels: string[] = [];
  private readonly types: string[] = [];
  private readonly furnitureIds = new Map<string, string>();
  private readonly deflater: PieceDeflater;
  private readonly head: string;
  private readonly tail: string;
  private readonly frontSlot: number;
  private front: string | null = null;
  private pending: string[] = [];
  private pendingLength = 0;
  private lastSectPr: string | null = null;

  constructor(private readonly plan: Omit<DocxPlan, 'sections'>) {
    const { look, props } = plan;
    this.geom = pageGeometry(look);
    // A book's document is compressed on a worker thread from its first piece; one cable's is small.
    this.deflater = new PieceDeflater(plan.book ? 0 : Infinity);
    const doc = new Document({
      title: props.title,
      subject: props.subject,
      creator: props.creator,
      keywords: props.keywords,
      description: props.description,
      lastModifiedBy: 'cablekit',
      revision: 1,
      styles: docxStyles(look, { chapters: Boolean(plan.book), parts: Boolean(plan.book?.parts) }),
      fonts: docxFonts(look.font),
      sections: [{ properties: sectionProperties(this.geom), children: [] }],
    });
    // docx's packer zips the parts, which we would unzip again: take them from its compiler (an
    // internal of docx 9), which the docx tests keep working.
    const compiler = (Packer as unknown as { compiler?: { compile?: (file: Document) => Map<string, string | Uint8Array> } }).compiler;
    if (typeof compiler?.compile !== 'function') throw new Error('docx: the package compiler is not reachable (docx 9 expected)');
    for (const [path, data] of compiler.compile(doc)) this.parts[path] = typeof data === 'string' ? data : new Uint8Array(data);
    this.parts['word/numbering.xml'] = numberingXml(look);
    const xml = this.text('word/document.xml');
    this.head = xml.slice(0, xml.indexOf('<w:body>') + '<w:body>'.length);
    this.tail = xml.slice(xml.lastIndexOf('</w:body>'));
    delete this.parts['word/document.xml'];
    this.frontSlot = this.deflater.slot();
  }

  private text(path: string): string {
    const part = this.parts[path]!;
    return typeof part === 'string' ? part : strFromU8(part);
  }

  /** The relationship id of a header or footer part with this text, made the first time. */
  private furniture(kind: 'header' | 'footer', xml: string): string {
    const key = kind + xml;
    let rid = this.furnitureIds.get(key);
    if (rid) return rid;
    const n = this.furnitureIds.size + 1;
    rid = `rIdCk${n}`;
    this.furnitureIds.set(key, rid);
    this.parts[`word/cablekit-${kind}${n}.xml`] = xml;
    this.rels.push(`<Relationship Id="${rid}" Type="${kind === 'header' ? HEADER_TYPE : FOOTER_TYPE}" Target="cablekit-${kind}${n}.xml"/>`);
    this.types.push(`<Override PartName="/word/cablekit-${kind}${n}.xml" ContentType="${kind === 'header' ? HEADER_CT : FOOTER_CT}"/>`);
    return rid;
  }

  /**
   * A section's body with its properties: in its last paragraph, as Word writes them (ours all
   * open with <w:p><w:pPr>; after a table, an empty paragraph of its own), or, for the last
   * section of the document, at the end of the body (`sectPr` is then set aside).
   */
  private sectionXml(section: SectionXml, last: boolean): string {
    const sectPr = sectPrXml(this.geom, this.furniture('header', section.header), this.furniture('footer', section.footer));
    const elements = section.elements;
    if (last) {
      this.lastSectPr = sectPr;
      return elements.join('');
    }
    const tail = elements.at(-1) ?? '';
    if (tail.startsWith('<w:p><w:pPr>')) return elements.slice(0, -1).join('') + tail.replace('</w:pPr>', `${sectPr}</w:pPr>`);
    return elements.join('') + `<w:p><w:pPr>${sectPr}</w:pPr></w:p>`;
  }

  /** The front matter (a book's cover and contents), which comes first whenever it is given. */
  setFront(section: SectionXml): void {
    this.front = this.sectionXml(section, false);
  }

  /** The next section; `last` for the last of the document. */
  add(section: SectionXml, options: { last?: boolean } = {}): void {
    if (this.lastSectPr) throw new Error('a section after the last one');
    const xml = this.sectionXml(section, Boolean(options.last));
    this.pending.push(xml);
    this.pendingLength += xml.length;
    if (this.pendingLength >= PIECE) this.flush();
  }

  private flush(): void {
    if (!this.pending.length) return;
    this.deflater.add(Buffer.from(this.pending.join(''), 'utf8'));
    this.pending = [];
    this.pendingLength = 0;
  }

  /** The finished package. */
  async finish(): Promise<Buffer> {
    if (!this.lastSectPr) throw new Error('the document has no last section');
    this.deflater.fill(this.frontSlot, Buffer.from(this.head + (this.front ?? ''), 'utf8'));
    const last = Buffer.from(this.pending.join('') + this.lastSectPr + this.tail, 'utf8');
    this.pending = [];
    const document = await this.deflater.finish(last);
    this.parts['word/_rels/document.xml.rels'] = this.text('word/_rels/document.xml.rels').replace('</Relationships>', this.rels.join('') + '</Relationships>');
    this.parts['[Content_Types].xml'] = this.text('[Content_Types].xml').replace('</Types>', this.types.join('') + '</Types>');
    return packStable(this.parts, this.plan.props.date, { ownBookmarks: true, deflated: { 'word/document.xml': document } });
  }
}

/** Characters of document XML gathered before they are handed to the deflater as one piece. */
const PIECE = 1 << 20;

/** Puts a document together from all its sections at once (one cable's document). */
export async function packDocx(plan: DocxPlan): Promise<Buffer> {
  const assembler = new DocxAssembler(plan);
  plan.sections.forEach((section, i) => assembler.add(section, { last: i === plan.sections.length - 1 }));
  return assembler.finish();
}

export function sectionProperties(geom: PageGeometry) {
  return {
    page: {
      size: { width: geom.width, height: geom.height },
      margin: {
        top: geom.margin,
        bottom: geom.margin,
        left: geom.margin,
        right: geom.margin,
        header: Math.round(geom.margin / 2),
        footer: Math.round(geom.margin / 2),
      },
    },
  };
}
