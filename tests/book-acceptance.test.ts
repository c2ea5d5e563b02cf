/**
 * A book of real cables whose REF lists cite each other (issue 12): 08OTTAWA647 cites 08OTTAWA372
 * (`C. OTTAWA 372`, `in light of Ref C`), 08OSLO670 cites 08OSLO585 (`B. OSLO 585`, `(ref B)` in a
 * list item), 10BELGRADE25 cites 10BELGRADE19 (`REF: BELGRADE 19; STATE 9661`). Every citation of
 * an included cable is a working link in the PDF and in the DOCX, the cables cited but not included
 * are listed in the appendix, and LibreOffice opens the DOCX book and keeps its links in a PDF.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBook, planBook, type BookResult } from '../src/book/book.js';
import { readBookInputs } from '../src/book/inputs.js';
import type { Cable } from '../src/model/cable.js';
import { openDocx, paragraphs } from './support/read-docx.js';
import { pdfLinks, type PdfLink } from './support/read-pdf.js';

const FILES = [
  'samples/08OTTAWA372.txt',
  'samples/08OTTAWA647.txt',
  'tests/fixtures/cables/08OSLO585.txt',
  'tests/fixtures/cables/08OSLO670.txt',
  'tests/fixtures/cables/10BELGRADE19.txt',
  'tests/fixtures/cables/10BELGRADE25.txt',
];
/** Citing chapter → cited chapter, as the REF lists give them. */
const CITES: [string, string][] = [
  ['08OTTAWA647', '08OTTAWA372'],
  ['08OSLO670', '08OSLO585'],
  ['10BELGRADE25', '10BELGRADE19'],
];

const tmp = mkdtempSync(join(tmpdir(), 'cablekit-acceptance-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let cables: Cable[];
let pdf: BookResult;
let docx: BookResult;
let links: PdfLink[];

/** The chapter (0-based) a page of a book belongs to, from its entries' first pages. */
function chapterOn(book: BookResult, page: number): number {
  let chapter = -1;
  book.entries.forEach((e, i) => {
    if (e.page <= page) chapter = i;
  });
  return chapter;
}

beforeAll(async () => {
  cables = await readBookInputs(FILES);
  pdf = await buildBook(cables, { format: 'pdf', title: 'Cables that cite each other' });
  docx = await buildBook(cables, { format: 'docx', title: 'Cables that cite each other' });
  links = pdfLinks(pdf.data);
});

describe('a book of real cables that cite each other', () => {
  it('reads the citations from the REF lists', () => {
    for (const [from, to] of CITES) {
      const cable = cables.find((c) => c.id === from)!;
      expect(cable.references.map((r) => r.id), from).toContain(to);
    }
  });

  it('PDF: every citation of an included cable links to the first page of its chapter', () => {
    const first = new Map(pdf.entries.map((e) => [e.id, e.page]));
    const chapterPages = new Set(pdf.entries.map((e) => e.page));
    // Every link goes somewhere: a chapter's first page (or, from the contents, the appendix).
    for (const l of links) expect(l.target, `${l.dest} on page ${l.page}`).not.toBeNull();
    for (const [from, to] of CITES) {
      const chapter = pdf.entries.findIndex((e) => e.id === from);
      const inChapter = links.filter((l) => l.page > 2 && chapterOn(pdf, l.page) === chapter);
      // The references row, and the body's `Ref C` / `(ref B)` where the text has one.
      expect(inChapter.filter((l) => l.target === first.get(to)).length, `${from} → ${to}`).toBeGreaterThanOrEqual(from === '10BELGRADE25' ? 1 : 2);
      for (const l of inChapter) expect(chapterPages.has(l.target!), `${from}: ${l.dest}`).toBe(true);
    }
  });

  it('PDF: the appendix lists every cited cable that is not in the book, with the chapters that cite it', () => {
    const plan = planBook(cables);
    const inBook = new Set(cables.map((c) => c.id));
    const cited = [...new Set(cables.flatMap((c) => c.references.map((r) => r.id)).filter((id): id is string => !!id && !inBook.has(id)))];
    expect(plan.cited.map((c) => c.id).sort()).toEqual(cited.sort());
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf.data, encoding: 'utf8', maxBuffer: 1 << 26 });
    const appendix = text.split('\f').filter((p) => /\nCited, not included\n/.test(p)).join('\n');
    for (const c of plan.cited) {
      const by = c.by.map((b) => plan.cables[b.chapter]!.id).join('.*');
      expect(appendix, c.id).toMatch(new RegExp(`${c.id} cited by .*${by}`));
    }
    expect(appendix).toContain('10STATE9661 cited by 10BELGRADE25 (ref B)');
  });

  it('DOCX: every hyperlink anchor is a bookmark, and each citation goes to its chapter', () => {
    const body = openDocx(docx.data).xml('word/document.xml');
    const bookmarks = new Set([...body.matchAll(/<w:bookmarkStart w:id="\d+" w:name="([^"]+)"\/>/g)].map((m) => m[1]));
    const anchors = [...body.matchAll(/<w:hyperlink w:anchor="([^"]+)"/g)].map((m) => m[1]!);
    expect(anchors.length).toBeGreaterThan(docx.entries.length);
    for (const a of anchors) expect(bookmarks.has(a), a).toBe(true);
    const sections = body.split(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/);
    for (const [from, to] of CITES) {
      const chapter = docx.entries.findIndex((e) => e.id === from);
      const target = `_TocCable${docx.entries.findIndex((e) => e.id === to) + 1}`;
      const section = sections[chapter + 1]!; // after the front matter's section
      expect(paragraphs(section).find((p) => p.style === 'Heading1')!.text.startsWith(from)).toBe(true);
      expect(section, `${from} → ${to}`).toContain(`<w:hyperlink w:anchor="${target}"`);
    }
  });
});

const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

describe.skipIf(!soffice)('LibreOffice opens the DOCX book', () => {
  it('converts it to PDF with every chapter on the pages the contents give, its lists and its links kept', () => {
    const file = join(tmp, 'book.docx');
    writeFileSync(file, docx.data);
    execFileSync(soffice!, [`-env:UserInstallation=file://${join(tmp, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', tmp, file], {
      timeout: 90_000,
      stdio: 'ignore',
    });
    const exported = readFileSync(join(tmp, 'book.pdf'));
    const pages = execFileSync('pdftotext', ['-layout', join(tmp, 'book.pdf'), '-'], { encoding: 'utf8' }).split('\f');
    expect(pages[0]).toContain('Cables that cite each other');
    const starts: number[] = [];
    for (const e of docx.entries) {
      const found = pages.findIndex((p, i) => i >= 2 && p.includes(`\n${e.title.slice(0, 40)}`));
      expect(found, e.title).toBeGreaterThanOrEqual(2);
      starts.push(found + 1);
      // the estimate is allowed to be a page out, never more
      expect(Math.abs(found + 1 - e.page), e.title).toBeLessThanOrEqual(1);
    }
    const flat = pages.join('\n').replace(/\s+/g, ' ');
    for (const c of cables) for (const p of c.paragraphs.slice(0, 2)) expect(flat).toContain(p.text.replace(/\s+/g, ' ').slice(0, 50));
    // `--` items are a Word list: LibreOffice draws the numbering's bullet before each.
    const item = cables.flatMap((c) => c.paragraphs.flatMap((p) => p.bullets))[0]!.text.replace(/\s+/g, ' ').slice(0, 30);
    expect(flat).toContain(`– ${item}`);
    // The links survive: the contents' entries go to their chapters, the citations to the cited chapter.
    const exportedLinks = pdfLinks(exported);
    const appendix = pages.findIndex((p, i) => i >= 2 && p.includes('\nCited, not included')) + 1;
    const fromContents = [...new Set(exportedLinks.filter((l) => l.page === 2).map((l) => l.target!))].sort((a, b) => a - b);
    expect(fromContents).toEqual([...starts, appendix]);
    for (const [from, to] of CITES) {
      const i = docx.entries.findIndex((e) => e.id === from);
      const end = starts[i + 1] ?? appendix;
      const inChapter = exportedLinks.filter((l) => l.page >= starts[i]! && l.page < end);
      expect(inChapter.map((l) => l.target), `${from} → ${to}`).toContain(starts[docx.entries.findIndex((e) => e.id === to)]);
    }
  }, 120_000);
});
