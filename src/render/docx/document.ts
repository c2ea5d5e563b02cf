/**
 * The pieces of a cablekit DOCX, shared by the one-cable writer and the briefing book: Word
 * styles from a template's look, embedded fonts, and one section per cable (header and footer
 * with its banner, metadata table, body) built from the format-neutral `LayoutDocument`.
 * Every piece of text gets a named Word style, so the navigation pane and style changes work.
 */
import {
  AlignmentType,
  BorderStyle,
  Bookmark,
  Document,
  Footer,
  Header,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type INumberingOptions,
  type ISectionOptions,
  type IStylesOptions,
  type ParagraphChild,
} from 'docx';
import type { Block, LayoutDocument, Run } from '../layout.js';
import { fontData, type FontFamilyName } from '../fonts.js';
import type { Template, TemplateLook } from '../templates.js';
import { PageCounter, TextMeasure } from './measure.js';
import { stabilizeDocx } from './package.js';

export type RedactionStyle = 'box' | 'label';

/** A cablekit redaction in `box` style: always this long, so the bar never tells the length of what it hides. */
export const REDACTION_BOX = '█'.repeat(8);

/** Style ids (Word's built-in ids where one exists, so Word maps them to its own). */
export const STYLE = {
  title: 'Title',
  heading1: 'Heading1',
  heading2: 'Heading2',
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
} as const;

const BULLETS = 'cable-bullets';

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

export function docxStyles(look: TemplateLook): IStylesOptions {
  const font = look.font;
  const s = look.sizes;
  const body = new TextMeasure(font, 'regular', s.body);
  const line = lineMultiple(look, body);
  const after = twips(look.paragraphGap);
  return {
    default: {
      document: {
        run: { font, size: half(s.body), allCaps: look.uppercase || undefined, language: { value: 'en-US' } },
        paragraph: { spacing: { after, line, lineRule: LineRuleType.AUTO } },
      },
      title: { run: { font, size: half(s.title), bold: true, color: '000000' }, paragraph: { spacing: { after: twips(8) } } },
      heading1: {
        run: { font, size: half(s.title), bold: true, color: '000000' },
        paragraph: { spacing: { before: 0, after: twips(8) }, keepNext: true },
      },
      heading2: {
        run: { font, size: half(s.heading), bold: true, color: '000000' },
        paragraph: { spacing: { before: twips(6), after: twips(4) }, keepNext: true },
      },
      listParagraph: { run: { font, size: half(s.body) }, paragraph: { spacing: { after: twips(4), line, lineRule: LineRuleType.AUTO } } },
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
    ],
  };
}

export function docxNumbering(): INumberingOptions {
  return {
    config: [
      {
        reference: BULLETS,
        levels: [
          {
            level: 0,
            format: LevelFormat.BULLET,
            text: '•',
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 500, hanging: 260 } } },
          },
        ],
      },
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

const PAGE_FIELD = '\u0001PAGE\u0001';
const PAGES_FIELD = '\u0001NUMPAGES\u0001';

/** A header/footer text with `PAGE` and `NUMPAGES` fields where the template put the page numbers. */
function fieldRuns(text: string): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const part of text.split(/(\u0001(?:PAGE|NUMPAGES)\u0001)/)) {
    if (part === PAGE_FIELD) out.push(new TextRun({ children: [PageNumber.CURRENT] }));
    else if (part === PAGES_FIELD) out.push(new TextRun({ children: [PageNumber.TOTAL_PAGES] }));
    else if (part) out.push(new TextRun(part));
  }
  return out;
}

/** Header (banner, running header) and footer (footer text, banner) of a section. */
export function pageFurniture(template: Template, ctx: { id: string; subject: string; banner: string }) {
  const page = { ...ctx, page: PAGE_FIELD, pages: PAGES_FIELD };
  const headerText = template.header(page);
  const footerText = template.footer(page);
  const banner = () => new Paragraph({ style: STYLE.banner, children: [new TextRun(ctx.banner)] });
  const textLines = (text: string, style: string) =>
    text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => new Paragraph({ style, alignment: AlignmentType.CENTER, children: fieldRuns(l) }));
  return {
    headers: { default: new Header({ children: [banner(), ...textLines(headerText, STYLE.header)] }) },
    footers: { default: new Footer({ children: [...textLines(footerText, STYLE.footer), banner()] }) },
  };
}

/** Text runs; a line break kept in the text (lists, tables in a paragraph) becomes a Word line break. */
function plainRuns(text: string): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined }));
}

function textRuns(runs: Run[], redactionStyle: RedactionStyle): TextRun[] {
  return runs.flatMap((r) =>
    r.kind === 'text'
      ? plainRuns(r.text)
      : [new TextRun({ text: redactionStyle === 'box' ? REDACTION_BOX : r.label, style: STYLE.redaction })],
  );
}

/** The text a run list shows, as `textRuns` writes it. */
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
  chapter?: { bookmark: string; title: string } | null;
}

export interface CableSection {
  section: ISectionOptions;
  /** Estimated pages the section takes. */
  pages: number;
}

/** Estimates lines and builds paragraphs in one pass over the layout. */
export function cableSection(layout: LayoutDocument, options: CableSectionOptions): CableSection {
  const { template, redactionStyle, chapter } = options;
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

  const children: FileChild[] = [];

  if (chapter) {
    children.push(
      new Paragraph({
        style: STYLE.heading1,
        children: [new Bookmark({ id: chapter.bookmark, children: [new TextRun(chapter.title)] })],
      }),
    );
    counter.add(titleM.lines(upper(chapter.title), textWidth), titleM.lineHeight, 8);
  } else if (look.title) {
    children.push(new Paragraph({ style: STYLE.title, children: [new TextRun(layout.info.title)] }));
    counter.add(titleM.lines(upper(layout.info.title), textWidth), titleM.lineHeight, 8);
  }

  // The metadata block: a two-column table, or label/value lines for templates that set it inline.
  if (layout.metadata.length) {
    if (look.metadata.style === 'table') {
      const labelWidth = Math.round((geom.width - 2 * geom.margin) * 0.24);
      const valueWidth = geom.width - 2 * geom.margin - labelWidth;
      const rule = { style: BorderStyle.SINGLE, size: 2, color: 'BFBFBF' };
      const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
      const borders = { top: rule, bottom: rule, left: none, right: none };
      const rows = layout.metadata.map((row) => {
        const valueLines = row.value.split('\n');
        const rowLines = Math.max(
          metaBold.lines(upper(row.label), labelWidth / 20 - 11),
          valueLines.reduce((n, l) => n + meta.lines(upper(l), valueWidth / 20 - 11), 0),
        );
        counter.add(rowLines, meta.lineHeight, 2, false);
        return new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: labelWidth, type: WidthType.DXA },
              borders,
              children: [new Paragraph({ style: STYLE.metadataLabel, children: [new TextRun(row.label)] })],
            }),
            new TableCell({
              width: { size: valueWidth, type: WidthType.DXA },
              borders,
              children: [
                new Paragraph({
                  style: STYLE.metadata,
                  children: valueLines.map((l, i) => new TextRun({ text: l, break: i > 0 ? 1 : undefined })),
                }),
              ],
            }),
          ],
        });
      });
      children.push(
        new Table({
          rows,
          width: { size: geom.width - 2 * geom.margin, type: WidthType.DXA },
          columnWidths: [labelWidth, valueWidth],
          layout: TableLayoutType.FIXED,
        }),
      );
    } else {
      for (const row of layout.metadata) {
        const valueLines = row.value.split('\n');
        children.push(
          new Paragraph({
            style: STYLE.metadata,
            children: [
              new TextRun({ text: `${row.label} `, style: STYLE.marking }),
              ...valueLines.map((l, i) => new TextRun({ text: l, break: i > 0 ? 1 : undefined })),
            ],
          }),
        );
        counter.add(meta.lines(upper(`${row.label} ${valueLines.join('\n')}`), textWidth), meta.lineHeight, 2);
      }
    }
    counter.add(0, 0, look.paragraphGap);
  }
  if (layout.notice) {
    children.push(new Paragraph({ style: STYLE.notice, children: [new TextRun(layout.notice)] }));
    counter.add(meta.lines(upper(layout.notice), textWidth), meta.lineHeight, look.paragraphGap);
  }

  const bodyLine = body.lineHeight * lineFactor;
  for (const block of layout.blocks) {
    children.push(blockParagraph(block, chapter ? STYLE.heading2 : STYLE.heading1, redactionStyle));
    switch (block.kind) {
      case 'heading':
        counter.addKeepWithNext(headM.lines(upper(block.text), textWidth), headM.lineHeight, 10);
        break;
      case 'paragraph': {
        const prefix = `${block.number !== null ? `${block.number}. ` : ''}${block.marking ? `${block.marking} ` : ''}`;
        const text = upper(prefix + shownText(block.runs, redactionStyle));
        counter.add(body.lines(text, textWidth), bodyLine, look.paragraphGap);
        break;
      }
      case 'bullet':
        counter.add(body.lines(upper(shownText(block.runs, redactionStyle)), textWidth - 25), bodyLine, 4);
        break;
      case 'withheld':
        counter.add(body.lines(upper(block.text), textWidth), bodyLine, look.paragraphGap);
        break;
      case 'signature':
        counter.add(bold.lines(upper(block.text), textWidth), bodyLine, look.paragraphGap * 2);
        break;
      case 'footer':
        counter.add(meta.lines(upper(block.text), textWidth), meta.lineHeight * lineFactor, look.paragraphGap);
        break;
    }
  }

  const furniture = pageFurniture(template, { id: layout.id, subject: layout.info.title, banner: layout.banner });
  return {
    section: {
      properties: sectionProperties(geom),
      ...furniture,
      children,
    },
    pages: counter.finish(),
  };
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

function blockParagraph(block: Block, headingStyle: string, redactionStyle: RedactionStyle): Paragraph {
  switch (block.kind) {
    case 'heading':
      return new Paragraph({ style: headingStyle, children: plainRuns(block.text) });
    case 'paragraph': {
      const children: ParagraphChild[] = [];
      if (block.number !== null) children.push(new TextRun(`${block.number}. `));
      if (block.marking) children.push(new TextRun({ text: block.marking, style: STYLE.marking }), new TextRun(' '));
      children.push(...textRuns(block.runs, redactionStyle));
      // Widow/orphan control on each body paragraph, as the page estimate assumes (Word's default).
      return new Paragraph({ style: STYLE.normal, widowControl: true, children });
    }
    case 'bullet':
      return new Paragraph({ style: STYLE.list, widowControl: true, numbering: { reference: BULLETS, level: 0 }, children: textRuns(block.runs, redactionStyle) });
    case 'withheld':
      return new Paragraph({ style: STYLE.withheld, children: plainRuns(block.text) });
    case 'signature':
      return new Paragraph({ style: STYLE.signature, children: plainRuns(block.text) });
    case 'footer':
      return new Paragraph({ style: STYLE.cableFooter, children: plainRuns(block.text) });
  }
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

/** Packs sections into a byte-stable DOCX. */
export async function packDocx(sections: ISectionOptions[], look: TemplateLook, props: DocxProperties): Promise<Buffer> {
  const doc = new Document({
    title: props.title,
    subject: props.subject,
    creator: props.creator,
    keywords: props.keywords,
    description: props.description,
    lastModifiedBy: 'cablekit',
    revision: 1,
    styles: docxStyles(look),
    numbering: docxNumbering(),
    fonts: docxFonts(look.font),
    sections,
  });
  const raw = await Packer.toBuffer(doc);
  return stabilizeDocx(raw, props.date);
}
