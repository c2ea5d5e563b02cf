/**
 * What a template's look becomes in Word: the style ids every piece of text is given, the Word
 * styles themselves (so the navigation pane and style changes work), the embedded fonts, and the
 * page geometry in twips.
 */
import { AlignmentType, LineRuleType, type IStylesOptions } from 'docx';
import { fontData, type FontFamilyName } from '../paged/fonts.js';
import { pageSize, type TemplateLook } from '../paged/templates.js';
import { TextMeasure } from './measure.js';

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

export const half = (pt: number) => Math.round(pt * 2);
export const twips = (pt: number) => Math.round(pt * 20);

/** Page geometry in twips, from a template's look. */
export interface PageGeometry {
  width: number;
  height: number;
  margin: number;
}

export function pageGeometry(look: TemplateLook): PageGeometry {
  const size = pageSize(look);
  return { width: twips(size.width), height: twips(size.height), margin: twips(look.page.margin) };
}

/** Line spacing (in 240ths of a line) that adds the template's line gap to the font's own line. */
export function lineMultiple(look: TemplateLook, measure: TextMeasure): number {
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
