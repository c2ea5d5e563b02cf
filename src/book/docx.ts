/**
 * A briefing book as DOCX: a cover section under the book's highest banner, a real Word TOC
 * field pre-filled with entries and estimated page numbers (LibreOffice and many viewers never
 * update fields), then one section per cable with its own header/footer banner.
 */
import { Paragraph, TableOfContents, TextRun } from 'docx';
import { layoutCable } from '../render/layout.js';
import {
  cableSection,
  packDocx,
  pageFurniture,
  pageGeometry,
  STYLE,
  type RedactionStyle,
} from '../render/docx/document.js';
import { PageCounter, TextMeasure } from '../render/docx/measure.js';
import type { BookEntry, BookPlan, BookResult } from './index.js';

/** The hidden bookmark a chapter's heading carries (Word hides bookmarks starting with `_`). */
export function chapterBookmark(index: number): string {
  return `_TocCable${index + 1}`;
}

export async function buildDocxBook(plan: BookPlan, options: { redactionStyle: RedactionStyle }): Promise<BookResult> {
  const template = plan.template.cable;
  const look = template.look;
  const geom = pageGeometry(look);
  const textWidth = (geom.width - 2 * geom.margin) / 20;

  const chapters = plan.cables.map((cable, i) => {
    const layout = layoutCable(cable, template.texts);
    return cableSection(layout, {
      template,
      redactionStyle: options.redactionStyle,
      chapter: { bookmark: chapterBookmark(i), title: plan.chapters[i]! },
    });
  });

  // Front matter: the cover, then the contents on a new page, in one section under the book banner.
  const coverChildren: Paragraph[] = [];
  for (const line of plan.template.cover(plan.cover)) {
    if (line.kind === 'title') coverChildren.push(new Paragraph({ style: STYLE.coverTitle, children: [new TextRun(line.text)] }));
    else if (line.kind === 'subtitle')
      coverChildren.push(new Paragraph({ style: STYLE.coverText, children: [new TextRun({ text: line.text, bold: true })] }));
    else if (line.kind === 'text') coverChildren.push(new Paragraph({ style: STYLE.coverText, children: [new TextRun(line.text)] }));
    else coverChildren.push(new Paragraph({ style: STYLE.coverText, children: [] }));
  }
  const contentsTitle = plan.template.contents({ title: plan.title, count: plan.cables.length });

  // Pages of the contents: its title, then one entry per chapter, each wrapped before the page number.
  const toc = new TextMeasure(look.font, 'regular', look.sizes.body);
  const heading = new TextMeasure(look.font, 'bold', look.sizes.title);
  const counter = new PageCounter((geom.height - 2 * geom.margin) / 20);
  counter.add(1, heading.lineHeight, 12);
  for (const title of plan.chapters) counter.add(toc.lines(title, textWidth - 36), toc.lineHeight * 1.08, 5);
  const frontPages = 1 + counter.pages;

  const entries: BookEntry[] = [];
  let page = frontPages + 1;
  chapters.forEach((c, i) => {
    entries.push({ id: plan.cables[i]!.id, title: plan.chapters[i]!, page });
    page += c.pages;
  });

  const front = {
    furniture: pageFurniture(template, { id: plan.title, subject: plan.title, banner: plan.banner }),
    children: [
      ...coverChildren,
      new Paragraph({ style: STYLE.tocHeading, pageBreakBefore: true, children: [new TextRun(contentsTitle)] }),
      new TableOfContents(contentsTitle, {
        hyperlink: true,
        headingStyleRange: '1-1',
        beginDirty: false,
        cachedEntries: entries.map((e, i) => ({ title: e.title, level: 1, page: e.page, href: chapterBookmark(i) })),
      }),
    ],
  };

  const data = await packDocx({
    look,
    front,
    sections: chapters,
    props: {
    title: plan.title,
    subject: `Briefing book of ${plan.cables.length} cable${plan.cables.length === 1 ? '' : 's'}`,
    creator: 'cablekit',
    keywords: [...new Set(plan.cables.flatMap((c) => c.tags))].sort().join(', '),
    description: plan.cables.map((c) => c.id).join(' '),
    date: plan.date,
    },
  });
  return { data, pages: page - 1, entries, warnings: plan.warnings };
}
