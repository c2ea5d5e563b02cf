/**
 * A briefing book as DOCX: a cover section under the book's highest banner, a real Word TOC
 * field pre-filled with entries and estimated page numbers (LibreOffice and many viewers never
 * update fields), then a section per part title page and per cable, each with its own
 * header/footer banner, and the back matter (the "Cited, not included" appendix, the index of
 * tags). References to other chapters are internal hyperlinks to the chapters' bookmarks.
 */
import { layoutCable } from '../writers/paged/layout.js';
import { DocxAssembler } from '../writers/docx/assembler.js';
import { cableSection, pageFurniture } from '../writers/docx/section.js';
import { pageGeometry, STYLE } from '../writers/docx/styles.js';
import { bookmarkXml, clean, esc, hyperlinkXml, paragraphXml, runXml } from '../writers/docx/xml.js';
import type { RedactionStyle } from '../model/redaction.js';
import { PageCounter, TextMeasure } from '../writers/docx/measure.js';
import { backMatter, type BackSection } from './back.js';
import type { BookEntry, BookPlan, BookResult } from './types.js';

/** The hidden bookmark a chapter's heading carries (Word hides bookmarks starting with `_`). */
export function chapterBookmark(index: number): string {
  return `_TocCable${index + 1}`;
}

/** The bookmark of part `index` (0-based) and of a back-matter section. */
export function partBookmark(index: number): string {
  return `_TocPart${index + 1}`;
}
export function backBookmark(kind: BackSection['kind']): string {
  return kind === 'cited' ? '_TocCited' : '_TocTags';
}

interface TocEntry {
  title: string;
  level: 1 | 2;
  page: number;
  anchor: string;
}

export async function buildDocxBook(plan: BookPlan, options: { redactionStyle: RedactionStyle }): Promise<BookResult> {
  const template = plan.template.cable;
  const look = template.look;
  const geom = pageGeometry(look);
  const textWidth = (geom.width - 2 * geom.margin) / 20;
  const pageHeight = (geom.height - 2 * geom.margin) / 20;
  const hasParts = plan.parts.length > 0;
  const chapterLevel = hasParts ? 2 : 1;
  const bookFurniture = pageFurniture(template, { id: plan.title, subject: plan.title, banner: plan.banner });
  const anchor = (id: string) => {
    const chapter = plan.chapterOf.get(id);
    return chapter === undefined ? null : chapterBookmark(chapter);
  };
  let bookmarkId = plan.cables.length;
  const titleM = new TextMeasure(look.font, 'bold', look.sizes.title);
  const back = backMatter(plan);

  // The contents' entries, and so its pages, are known before anything is laid out: the front
  // matter's page count comes first, then parts and chapters are numbered as they are written.
  const contentsTitle = plan.template.contents({ title: plan.title, count: plan.cables.length });
  const tocTitles: { title: string; level: 1 | 2 }[] = [];
  plan.chapters.forEach((title, i) => {
    const part = hasParts ? plan.parts.find((p) => p.first === i) : undefined;
    if (part) tocTitles.push({ title: part.title, level: 1 });
    tocTitles.push({ title, level: chapterLevel });
  });
  for (const b of back) tocTitles.push({ title: b.title, level: 1 });
  const tocMeasure = new TextMeasure(look.font, 'regular', look.sizes.body);
  const counter = new PageCounter(pageHeight);
  counter.add(1, titleM.lineHeight, 12);
  for (const t of tocTitles) counter.add(tocMeasure.lines(t.title, textWidth - 36 - (t.level - 1) * 12), tocMeasure.lineHeight * 1.08, 5);
  const frontPages = 1 + counter.pages;

  const assembler = new DocxAssembler({
    look,
    book: { parts: hasParts },
    props: {
      title: plan.title,
      subject: `Briefing book of ${plan.cables.length} cable${plan.cables.length === 1 ? '' : 's'}`,
      creator: 'cablekit',
      keywords: [...new Set(plan.cables.flatMap((c) => c.tags))].sort().join(', '),
      description: plan.cables.map((c) => c.id).join(' '),
      date: plan.date,
    },
  });

  // Parts and chapters, each written out (and compressed) as soon as it is laid out.
  const entries: BookEntry[] = [];
  const tocEntries: TocEntry[] = [];
  let page = frontPages + 1;
  let p = 0;
  plan.cables.forEach((cable, i) => {
    const part = hasParts && plan.parts[p]?.first === i ? plan.parts[p]! : null;
    if (part) {
      // A part's title page: its title (a Heading 1, in the contents) and how many cables it holds.
      tocEntries.push({ title: part.title, level: 1, page, anchor: partBookmark(p) });
      assembler.add({
        elements: [
          paragraphXml(STYLE.heading1, bookmarkXml(++bookmarkId, partBookmark(p), runXml(part.title)), '<w:spacing w:before="2880"/><w:jc w:val="center"/>'),
          paragraphXml(STYLE.partTitle, runXml(`${part.count} cable${part.count === 1 ? '' : 's'}`)),
        ],
        ...pageFurniture(template, { id: plan.title, subject: part.title, banner: part.banner }),
        pages: 1,
      });
      page += 1;
      p++;
    }
    const layout = layoutCable(cable, template.texts, { links: plan.links(i) });
    const section = cableSection(layout, {
      template,
      redactionStyle: options.redactionStyle,
      chapter: { bookmark: chapterBookmark(i), bookmarkId: i + 1, title: plan.chapters[i]!, level: chapterLevel },
      links: anchor,
    });
    entries.push({ id: cable.id, title: plan.chapters[i]!, page });
    tocEntries.push({ title: plan.chapters[i]!, level: chapterLevel, page, anchor: chapterBookmark(i) });
    assembler.add(section, { last: i === plan.cables.length - 1 && back.length === 0 });
    page += section.pages;
  });

  // Back matter: the appendix and the index, each a section under the book's banner.
  const small = new TextMeasure(look.font, 'regular', look.sizes.metadata);
  back.forEach((section, k) => {
    const pages = new PageCounter(pageHeight);
    pages.add(titleM.lines(section.title, textWidth), titleM.lineHeight, 8);
    const elements = [paragraphXml(STYLE.heading1, bookmarkXml(++bookmarkId, backBookmark(section.kind), runXml(section.title)))];
    if (section.intro) {
      elements.push(paragraphXml(STYLE.normal, runXml(section.intro)));
      pages.add(small.lines(section.intro, textWidth), small.lineHeight * 1.2, look.paragraphGap);
    }
    for (const entry of section.entries) {
      let runs = runXml(entry.head, STYLE.marking) + runXml('  ');
      for (const item of entry.items) {
        runs += item.chapter === undefined ? runXml(item.text) : hyperlinkXml(chapterBookmark(item.chapter), runXml(item.text, STYLE.link));
      }
      elements.push(paragraphXml(STYLE.backText, runs));
      const plain = `${entry.head}  ${entry.items.map((it) => it.text).join('')}`;
      pages.add(small.lines(plain, textWidth - 18), small.lineHeight * 1.2, 3);
    }
    tocEntries.push({ title: section.title, level: 1, page, anchor: backBookmark(section.kind) });
    const sectionPages = pages.finish();
    assembler.add({ elements, ...bookFurniture, pages: sectionPages }, { last: k === back.length - 1 });
    page += sectionPages;
  });

  // The front matter, now that every page is numbered: the cover, then the contents on a new page.
  assembler.setFront({
    elements: [
      ...coverXml(plan),
      paragraphXml(STYLE.tocHeading, runXml(contentsTitle), '<w:pageBreakBefore/>'),
      tocXml(contentsTitle, tocEntries, hasParts ? 2 : 1, geom.width - 2 * geom.margin),
    ],
    ...bookFurniture,
    pages: frontPages,
  });
  const data = await assembler.finish();
  return { data, pages: page - 1, entries, warnings: plan.warnings };
}

/** The cover's lines in the cover styles: `# ` the title, `## ` a subtitle, others plain text. */
function coverXml(plan: BookPlan): string[] {
  return plan.template.cover(plan.cover).map((line) => {
    if (line.kind === 'title') return paragraphXml(STYLE.coverTitle, runXml(line.text));
    if (line.kind === 'subtitle') return paragraphXml(STYLE.coverText, runXml(line.text, undefined, '<w:b/>'));
    if (line.kind === 'text') return paragraphXml(STYLE.coverText, runXml(line.text));
    return paragraphXml(STYLE.coverText, '');
  });
}

/**
 * A Word TOC field (`TOC \h \o "1-N"`) in a table-of-contents content control, its result
 * already filled in: one paragraph per entry (style TOC1/TOC2), each a hyperlink to its bookmark
 * with the page number after a dotted tab. Word replaces the result when the field is updated.
 */
function tocXml(alias: string, entries: TocEntry[], levels: number, width: number): string {
  const instr = `TOC \\h \\o &quot;1-${levels}&quot;`;
  const begin = `<w:r><w:fldChar w:fldCharType="begin" w:dirty="false"/><w:instrText xml:space="preserve">${instr}</w:instrText><w:fldChar w:fldCharType="separate"/></w:r>`;
  const end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>';
  const tabs = `<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="${width}"/></w:tabs>`;
  const paras = entries.map((e, i) => {
    const link = hyperlinkXml(
      e.anchor,
      `<w:r><w:rPr><w:rStyle w:val="IndexLink"/></w:rPr><w:t xml:space="preserve">${esc(clean(e.title))}</w:t><w:tab/><w:t>${e.page}</w:t></w:r>`,
    );
    return `<w:p><w:pPr><w:pStyle w:val="TOC${e.level}"/>${tabs}</w:pPr>${i === 0 ? begin : ''}${link}${i === entries.length - 1 ? end : ''}</w:p>`;
  });
  if (entries.length === 0) paras.push(`<w:p>${begin}${end}</w:p>`);
  return (
    `<w:sdt><w:sdtPr><w:alias w:val="${esc(alias)}"/><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr>` +
    `<w:sdtContent>${paras.join('')}</w:sdtContent></w:sdt>`
  );
}
