import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBook, type BookResult } from '../src/book/book.js';
import { readCableFile } from '../src/readers/cable/parse.js';
import { bannerText } from '../src/model/banner.js';
import type { Cable } from '../src/model/cable.js';
import { makeCable } from './support/make-cable.js';
import { pdfLinks } from './support/read-pdf.js';

const tmp = mkdtempSync(join(tmpdir(), 'cablekit-book-pdf-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SAMPLES = ['05OTTAWA1502.txt', '07OTTAWA117.txt', '08OTTAWA372.txt', '08OTTAWA647.txt', '08STATE125628.txt'];
const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim(); // NFKC: pdftotext may give ligatures (ﬁ)

let cables: Cable[];
let book: BookResult;
let file: string;
let pageTexts: string[];

function pdftotext(path: string, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', ['-layout', ...range, path, '-'], { encoding: 'utf8' });
}

beforeAll(async () => {
  cables = [];
  for (const f of SAMPLES) cables.push(await readCableFile(join('samples', f)));
  book = await buildBook(cables, { format: 'pdf', title: 'Ottawa and cluster munitions' });
  file = join(tmp, 'book.pdf');
  writeFileSync(file, book.data);
  // pdftotext separates pages with form feeds.
  pageTexts = pdftotext(file).split('\f').slice(0, book.pages);
});

describe('PDF briefing book', () => {
  it('has a cover with the title, date range, count and highest classification', () => {
    const cover = squash(pageTexts[0]!);
    expect(cover).toContain('Ottawa and cluster munitions');
    expect(cover).toMatch(/\d{4}-\d\d-\d\d – 2008-11-26/);
    expect(cover).toContain('5 cables');
    expect(cover).toContain('Highest classification: CONFIDENTIAL//NOFORN');
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(new RegExp(`Pages:\\s+${book.pages}\\n`));
  });

  it('lists every cable in the contents with the page its chapter really starts on', () => {
    const toc = pageTexts[1]!;
    expect(toc).toContain('Contents');
    expect(book.entries.map((e) => e.id).sort()).toEqual(cables.map((c) => c.id).sort());
    let from = 0;
    for (const entry of book.entries) {
      const at = toc.indexOf(entry.id, from);
      expect(at, entry.id).toBeGreaterThan(-1);
      // The entry's page number ends the entry (after its wrapped title).
      const number = /(\d+)\s*\n/.exec(toc.slice(at))!;
      expect(Number(number[1]), entry.id).toBe(entry.page);
      from = at + 1;
      // That page is the chapter's first page: it carries the id and subject as its title.
      const cable = cables.find((c) => c.id === entry.id)!;
      const page = squash(pageTexts[entry.page - 1]!);
      expect(page).toContain(`${cable.id} — ${squash(cable.subject!).slice(0, 30)}`);
      if (entry.page > 3) expect(squash(pageTexts[entry.page - 2]!)).not.toContain(`${cable.id} — `);
    }
    // In order, each chapter after the previous one.
    const pages = book.entries.map((e) => e.page);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(pages[0]).toBe(3);
  });

  it('has every paragraph of every cable', () => {
    const all = squash(pageTexts.join(' '));
    for (const cable of cables) {
      for (const p of cable.paragraphs) {
        const text = squash(p.text);
        if (!text) continue;
        const head = text.split(' ').slice(0, 6).join(' ');
        const tail = text.split(' ').slice(-4).join(' ');
        expect(all, `${cable.id} ¶${p.number}`).toContain(head);
        expect(all, `${cable.id} ¶${p.number}`).toContain(tail);
      }
    }
  });

  it("puts each chapter's own banner on its pages, the book's highest on the cover and contents, and Page N of M on every page", () => {
    const chapterOf = (page: number) => {
      let index = -1;
      book.entries.forEach((e, i) => {
        if (e.page <= page) index = i;
      });
      return index;
    };
    expect(pageTexts).toHaveLength(book.pages);
    // The samples cite cables that are not in the book: the appendix ends it, under the book's banner.
    const appendix = pageTexts.findIndex((t, i) => i > 1 && /\nCited, not included\n/.test(t)) + 1;
    expect(appendix).toBeGreaterThan(book.entries.at(-1)!.page);
    pageTexts.forEach((text, i) => {
      const page = i + 1;
      const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
      const index = page >= appendix ? -1 : chapterOf(page);
      const cable = index >= 0 ? cables.find((c) => c.id === book.entries[index]!.id)! : null;
      const banner = cable ? bannerText(cable.classification) : 'CONFIDENTIAL//NOFORN';
      expect(lines[0], `page ${page}`).toBe(banner);
      expect(lines.at(-1), `page ${page}`).toBe(banner);
      expect(text, `page ${page}`).toContain(`Page ${page} of ${book.pages}`);
    });
    // The samples mix levels: some chapter has a lower banner than the cover's.
    expect(pageTexts.some((t) => t.trim().startsWith('UNCLASSIFIED') || /^CONFIDENTIAL\n/.test(t.trim() + '\n'))).toBe(true);
  });

  it('links each contents entry to its chapter, and has an outline entry per cable', () => {
    const qdf = join(tmp, 'book.qdf.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
    const text = execFileSync('cat', [qdf], { encoding: 'latin1' });
    for (let i = 1; i <= cables.length; i++) expect(text).toContain(`/D (cable-${i})`);
    // The contents page links each entry (and the appendix) to its first page.
    const fromContents = pdfLinks(book.data).filter((l) => l.page === 2);
    expect(fromContents.map((l) => l.target).slice(0, cables.length)).toEqual(book.entries.map((e) => e.page));
    expect(fromContents).toHaveLength(cables.length + 1);
    const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', file], { encoding: 'utf8' })) as {
      outlines: { title: string; destpageposfrom1: number; kids: unknown[] }[];
    };
    const top = json.outlines.filter((o) => o.title !== 'Contents' && o.title !== 'Cited, not included');
    expect(json.outlines.at(-1)!.title).toBe('Cited, not included');
    expect(json.outlines[0]!.title).toBe('Contents');
    expect(json.outlines[0]!.destpageposfrom1).toBe(2);
    expect(top.map((o) => [o.title, o.destpageposfrom1])).toEqual(book.entries.map((e) => [e.title, e.page]));
    // The cables' own headings are nested under their chapter.
    expect(top.some((o) => o.kids.length > 0)).toBe(true);
  });

  it('is byte-identical when built again, dated by its newest cable', async () => {
    const again = await buildBook(cables, { format: 'pdf', title: 'Ottawa and cluster munitions' });
    expect(again.data.equals(book.data)).toBe(true);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/CreationDate:\s+Wed Nov 26 \d\d:\d\d:\d\d 2008/);
  });

  it('keeps a duplicate once, with a warning', async () => {
    const warnings: string[] = [];
    const r = await buildBook([cables[0]!, cables[1]!, cables[0]!], { format: 'pdf', warnings });
    expect(r.entries).toHaveLength(2);
    expect(warnings).toEqual([`${cables[0]!.id}: duplicate cable, included once`]);
  });

  it('reserves as many contents pages as the entries need, and still numbers the chapters right', async () => {
    const many = Array.from({ length: 70 }, (_, i) =>
      makeCable({ id: `08OTTAWA${1000 + i}`, subject: `SUBJECT NUMBER ${i} ${'WITH A LONGER TITLE '.repeat(i % 4)}`.trim() }),
    );
    const r = await buildBook(many, { format: 'pdf', sort: 'id' });
    const path = join(tmp, 'many.pdf');
    writeFileSync(path, r.data);
    const texts = pdftotext(path).split('\f');
    const first = r.entries[0]!.page;
    expect(first).toBeGreaterThan(3); // cover + at least two contents pages
    const contents = texts.slice(1, first - 1).join('\n');
    for (const e of r.entries) {
      expect(contents).toContain(e.id);
      expect(texts[e.page - 1]).toContain(`${e.id} — `);
      expect(texts[e.page - 1]).toContain(`Page ${e.page} of ${r.pages}`);
    }
    // No contents page is left empty.
    for (let p = 1; p < first - 1; p++) expect(texts[p]).toMatch(/08OTTAWA1\d{3}/);
  });
});

describe('cablekit book … --out book.pdf', () => {
  it('writes a PDF book from a folder', () => {
    const out = join(tmp, 'cli.pdf');
    const r = spawnSync(process.execPath, ['bin/cablekit.js', 'book', 'samples', '--out', out, '--title', 'Samples'], { encoding: 'utf8' });
    expect(r.stderr).toMatch(/cli\.pdf: 5 cables, \d+ pages/);
    expect(r.status).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readdirSync(tmp).filter((f) => f.includes('.tmp'))).toEqual([]);
    const text = pdftotext(out);
    expect(text).toContain('Samples');
    for (const f of SAMPLES) expect(text).toContain(f.replace('.txt', ''));
  });
});
