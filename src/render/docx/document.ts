/**
 * The pieces of a cablekit DOCX, shared by the one-cable writer and the briefing book: Word
 * styles from a template's look, embedded fonts, and one section per cable (header and footer
 * with its banner, metadata table, body) built from the format-neutral `LayoutDocument`.
 * Every piece of text gets a named Word style, so the navigation pane and style changes work.
 */
import {
  AlignmentType,
  Document,
  LineRuleType,
  Packer,
  type FileChild,
  type IStylesOptions,
} from 'docx';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import type { LayoutDocument, Run } from '../layout.js';
import { fontData, type FontFamilyName } from '../fonts.js';
import type { PageContext, Template, TemplateLook } from '../templates.js';
import { PageCounter, TextMeasure } from './measure.js';
import { packStable } from './package.js';

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
 * title) and Heading 2 a cable's own heading; in one cable's document its headings are Heading 1.
 */
export function docxStyles(look: TemplateLook, options: { chapters?: boolean } = {}): IStylesOptions {
  const font = look.font;
  const s = look.sizes;
  const body = new TextMeasure(font, 'regular', s.body);
  const line = lineMultiple(look, body);
  const after = twips(look.paragraphGap);
  const sectionHeading = {
    run: { font, size: half(s.heading), bold: true, color: '000000' },
    paragraph: { spacing: { before: twips(6), after: twips(4) }, keepNext: true },
  };
  return {
    default: {
      document: {
        run: { font, size: half(s.body), allCaps: look.uppercase || undefined, language: { value: 'en-US' } },
        paragraph: { spacing: { after, line, lineRule: LineRuleType.AUTO } },
      },
      title: { run: { font, size: half(s.title), bold: true, color: '000000' }, paragraph: { spacing: { after: twips(8) } } },
      heading1: options.chapters
        ? { run: { font, size: half(s.title), bold: true, color: '000000' }, paragraph: { spacing: { before: 0, after: twips(8) }, keepNext: true } }
        : sectionHeading,
      heading2: sectionHeading,
      listParagraph: {
        run: { font, size: half(s.body) },
        // A bullet is written as `•` and a tab: the hanging indent and tab stop set it off.
        paragraph: {
          spacing: { after: twips(4), line, lineRule: LineRuleType.AUTO },
          indent: { left: twips(look.bulletIndent), hanging: twips(12) },
        },
      },
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
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

/** A run of text; a line break kept in the text (lists, tables in a paragraph) becomes `<w:br/>`. */
function runXml(text: string, rStyle?: string, extra = ''): string {
  const rPr = rStyle || extra ? `<w:rPr>${rStyle ? `<w:rStyle w:val="${rStyle}"/>` : ''}${extra}</w:rPr>` : '';
  const body = clean(text)
    .split('\n')
    .map((line) => `<w:t xml:space="preserve">${esc(line)}</w:t>`)
    .join('<w:br/>');
  return `<w:r>${rPr}${body}</w:r>`;
}

function paragraphXml(style: string, runs: string, pPr = ''): string {
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

function textRunsXml(runs: Run[], redactionStyle: RedactionStyle): string {
  return runs
    .map((r) => (r.kind === 'text' ? runXml(r.text) : runXml(redactionStyle === 'box' ? REDACTION_BOX : r.label, STYLE.redaction)))
    .join('');
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
  chapter?: { bookmark: string; title: string } | null;
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
        STYLE.heading1,
        `<w:bookmarkStart w:id="${BOOKMARK_BASE}" w:name="${chapter.bookmark}"/>${runXml(chapter.title)}<w:bookmarkEnd w:id="${BOOKMARK_BASE}"/>`,
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
        const cell = (width: number, style: string, text: string) =>
          `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${paragraphXml(style, runXml(text))}</w:tc>`;
        return `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cell(labelWidth, STYLE.metadataLabel, row.label)}${cell(valueWidth, STYLE.metadata, row.value)}</w:tr>`;
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
        out.push(paragraphXml(STYLE.metadata, runXml(`${row.label} `, STYLE.marking) + runXml(row.value)));
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
  const headingStyle = chapter ? STYLE.heading2 : STYLE.heading1;
  // Widow/orphan control on each body paragraph, as the page estimate assumes (Word's default).
  const widow = '<w:widowControl/>';
  const bulletTab = `<w:tabs><w:tab w:val="left" w:pos="${twips(look.bulletIndent)}"/></w:tabs>`;
  for (const block of layout.blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(paragraphXml(headingStyle, runXml(block.text)));
        counter.addKeepWithNext(headM.lines(upper(block.text), textWidth), headM.lineHeight, 10);
        break;
      case 'paragraph': {
        let runs = block.number !== null ? runXml(`${block.number}. `) : '';
        if (block.marking) runs += runXml(block.marking, STYLE.marking) + runXml(' ');
        out.push(paragraphXml(STYLE.normal, runs + textRunsXml(block.runs, redactionStyle), widow));
        const prefix = `${block.number !== null ? `${block.number}. ` : ''}${block.marking ? `${block.marking} ` : ''}`;
        counter.add(body.lines(upper(prefix + shownText(block.runs, redactionStyle)), textWidth), bodyLine, look.paragraphGap);
        break;
      }
      case 'bullet':
        out.push(paragraphXml(STYLE.list, runXml('•\t') + textRunsXml(block.runs, redactionStyle), `${widow}${bulletTab}`));
        counter.add(body.lines(upper(shownText(block.runs, redactionStyle)), textWidth - 25), bodyLine, 4);
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

/** Bookmark ids written here start high, clear of docx's own; the packer numbers them again in order. */
const BOOKMARK_BASE = 900000;

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
  /** Front matter written with docx objects (a book's cover and TOC field), and its header and footer. */
  front?: { children: FileChild[]; furniture: PageFurniture } | null;
  sections: SectionXml[];
}

const HEADER_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/header';
const FOOTER_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer';
const HEADER_CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml';
const FOOTER_CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml';

/** Puts the document together: docx writes the package, the sections and their header parts are added to it. */
export async function packDocx(plan: DocxPlan): Promise<Buffer> {
  const { look, props } = plan;
  const geom = pageGeometry(look);
  const doc = new Document({
    title: props.title,
    subject: props.subject,
    creator: props.creator,
    keywords: props.keywords,
    description: props.description,
    lastModifiedBy: 'cablekit',
    revision: 1,
    styles: docxStyles(look, { chapters: Boolean(plan.front) }),
    fonts: docxFonts(look.font),
    sections: [{ properties: sectionProperties(geom), children: plan.front?.children ?? [] }],
  });
  // docx's packer zips the parts, which we would unzip again: when its compiler is reachable
  // (an internal of docx 9), take the parts from it instead.
  const compiler = (Packer as unknown as { compiler?: { compile?: (file: Document) => Map<string, string | Uint8Array> } }).compiler;
  let parts: Record<string, Uint8Array>;
  if (typeof compiler?.compile === 'function') {
    parts = {};
    for (const [path, data] of compiler.compile(doc)) parts[path] = typeof data === 'string' ? strToU8(data) : new Uint8Array(data);
  } else {
    parts = unzipSync(await Packer.toBuffer(doc));
  }

  const text = (path: string) => strFromU8(parts[path]!);
  let rels = text('word/_rels/document.xml.rels');
  let types = text('[Content_Types].xml');
  const furniture = [...(plan.front ? [plan.front.furniture] : []), ...plan.sections];
  const refs = furniture.map((f, i) => {
    const n = i + 1;
    parts[`word/cablekit-header${n}.xml`] = strToU8(f.header);
    parts[`word/cablekit-footer${n}.xml`] = strToU8(f.footer);
    return { header: `rIdCkH${n}`, footer: `rIdCkF${n}`, n };
  });
  rels = rels.replace(
    '</Relationships>',
    refs
      .map(
        (r) =>
          `<Relationship Id="${r.header}" Type="${HEADER_TYPE}" Target="cablekit-header${r.n}.xml"/>` +
          `<Relationship Id="${r.footer}" Type="${FOOTER_TYPE}" Target="cablekit-footer${r.n}.xml"/>`,
      )
      .join('') + '</Relationships>',
  );
  types = types.replace(
    '</Types>',
    refs
      .map(
        (r) =>
          `<Override PartName="/word/cablekit-header${r.n}.xml" ContentType="${HEADER_CT}"/>` +
          `<Override PartName="/word/cablekit-footer${r.n}.xml" ContentType="${FOOTER_CT}"/>`,
      )
      .join('') + '</Types>',
  );
  parts['word/_rels/document.xml.rels'] = strToU8(rels);
  parts['[Content_Types].xml'] = strToU8(types);

  // The body: docx's front matter (without its section properties), then each section, the
  // properties of every section but the last in its last paragraph, as Word writes them.
  const xml = text('word/document.xml');
  const bodyAt = xml.indexOf('<w:body>') + '<w:body>'.length;
  const sectAt = xml.lastIndexOf('<w:sectPr');
  const endAt = xml.lastIndexOf('</w:body>');
  const chunks: string[] = [xml.slice(0, bodyAt)];
  const sections: { elements: string[] }[] = [];
  if (plan.front) {
    // docx sets the TOC's page-number tab for an A4 page (9025 twips); put it at this page's right margin.
    const tab = `<w:tab w:val="right" w:pos="${geom.width - 2 * geom.margin}"`;
    const front = xml.slice(bodyAt, sectAt).replace(/<w:tab w:val="clear" w:pos="9026"\/><w:tab w:val="right" w:pos="9025"/g, tab);
    sections.push({ elements: [front] });
  }
  sections.push(...plan.sections);
  sections.forEach((section, i) => {
    const sectPr = sectPrXml(geom, refs[i]!.header, refs[i]!.footer);
    const last = i === sections.length - 1;
    const elements = section.elements;
    if (last) {
      chunks.push(...elements, sectPr);
      return;
    }
    // A section ends in its last paragraph: one of ours (they all open with <w:p><w:pPr>), or,
    // after docx's front matter or a table, an empty paragraph of its own.
    const tail = elements.at(-1) ?? '';
    const ours = !(plan.front && i === 0);
    if (ours && tail.startsWith('<w:p><w:pPr>')) {
      chunks.push(...elements.slice(0, -1), tail.replace('</w:pPr>', `${sectPr}</w:pPr>`));
      return;
    }
    chunks.push(...elements, `<w:p><w:pPr>${sectPr}</w:pPr></w:p>`);
  });
  chunks.push(xml.slice(endAt));
  parts['word/document.xml'] = strToU8(chunks.join(''));
  return packStable(parts, props.date);
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
