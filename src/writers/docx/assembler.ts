/**
 * A Word package put together as its sections come: docx writes the package (styles, fonts,
 * numbering, settings, core properties), the sections go in as WordprocessingML text with their
 * header and footer parts and properties, and `word/document.xml` is deflated in pieces.
 */
import { Document, Packer } from 'docx';
import { strFromU8 } from 'fflate';
import type { TemplateLook } from '../paged/templates.js';
import { packStable } from './package.js';
import { PieceDeflater } from './deflate.js';
import { BULLET_NUM_ID, docxFonts, docxStyles, pageGeometry, twips, type PageGeometry } from './styles.js';
import { esc, W_NS } from './xml.js';
import type { SectionXml } from './section.js';

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
