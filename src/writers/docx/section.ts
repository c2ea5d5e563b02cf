/**
 * One cable as a section of a Word document, in one pass over its `LayoutDocument`: the title or
 * a book's chapter heading, the metadata block, the body, the header and footer parts (banner,
 * running header, `PAGE` and `NUMPAGES` fields) and an estimate of its pages.
 */
import type { LayoutDocument } from '../paged/layout.js';
import type { PageContext, Template } from '../paged/templates.js';
import { PageCounter, TextMeasure } from './measure.js';
import { BULLET_NUM_ID, lineMultiple, pageGeometry, STYLE, twips } from './styles.js';
import type { RedactionStyle } from '../../model/redaction.js';
import { bookmarkXml, paragraphXml, R_NS, runXml, shownText, textRunsXml, W_NS, type LinkAnchor } from './xml.js';

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
