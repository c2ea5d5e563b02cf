import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBook, planBook, sortCables } from '../src/book/book.js';
import type { Cable } from '../src/model/cable.js';
import { makeCable } from './support/make-cable.js';
import { openDocx, paragraphs, partText } from './support/read-docx.js';

const tmp = mkdtempSync(join(tmpdir(), 'cablekit-book-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const secret = makeCable({
  id: '07OTTAWA117',
  date: '2007-01-22T21:19:00Z',
  subject: 'CANADA REVIEWS CLUSTER MUNITIONS POLICY',
  classification: { level: 'SECRET', caveats: ['SIPDIS'] },
  tags: ['PARM', 'MOPS'],
});
const unclassified = makeCable({
  id: '08STATE125628',
  date: '2008-11-26T18:00:00Z',
  subject: 'DEMARCHE TO CANADA',
  classification: { level: 'UNCLASSIFIED', caveats: [] },
  tags: ['PREL'],
});
const confidential = makeCable(); // 08OTTAWA372, 2008-03-14, CONFIDENTIAL//NOFORN

/** Sections of a document part: the paragraphs between section breaks. */
function sections(xml: string): string[] {
  const body = /<w:body>([\s\S]*)<\/w:body>/.exec(xml)![1]!;
  return body.split(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/).filter((s) => s.trim());
}

describe('book plan', () => {
  it('sorts by date, by id, or as given', () => {
    const cables = [unclassified, confidential, secret];
    expect(sortCables(cables, 'date').map((c) => c.id)).toEqual(['07OTTAWA117', '08OTTAWA372', '08STATE125628']);
    expect(sortCables(cables, 'id').map((c) => c.id)).toEqual(['07OTTAWA117', '08OTTAWA372', '08STATE125628']);
    expect(sortCables(cables, 'input').map((c) => c.id)).toEqual(['08STATE125628', '08OTTAWA372', '07OTTAWA117']);
    const undated = makeCable({ id: '00AAA1', date: null });
    expect(sortCables([undated, secret], 'date').map((c) => c.id)).toEqual(['07OTTAWA117', '00AAA1']);
  });

  it('keeps one cable per id and warns', () => {
    const plan = planBook([confidential, secret, { ...confidential, subject: 'other copy' }], { order: 'date' });
    expect(plan.cables.map((c) => c.id)).toEqual(['07OTTAWA117', '08OTTAWA372']);
    expect(plan.cables[1]!.subject).toBe(confidential.subject);
    expect(plan.warnings).toEqual(['08OTTAWA372: duplicate cable, included once']);
  });

  it('puts the highest classification, with every control in the book, on the cover', () => {
    const plan = planBook([unclassified, confidential, secret], { title: 'Ottawa' });
    expect(plan.banner).toBe('SECRET//NOFORN');
    expect(plan.cover).toMatchObject({ title: 'Ottawa', count: 3, range: '2007-01-22 – 2008-11-26', level: 'SECRET' });
    expect(plan.date.toISOString()).toBe('2008-11-26T18:00:00.000Z');
  });
});

describe('DOCX book', async () => {
  const warnings: string[] = [];
  const input: Cable[] = [unclassified, confidential, secret, confidential];
  const book = await buildBook(input, { format: 'docx', title: 'Ottawa cables', order: 'date', warnings });
  const docx = openDocx(book.data);
  const body = docx.xml('word/document.xml');
  const paras = paragraphs(body);

  it('reports the duplicate', () => {
    expect(warnings).toEqual(['08OTTAWA372: duplicate cable, included once']);
    expect(book.entries.map((e) => e.id)).toEqual(['07OTTAWA117', '08OTTAWA372', '08STATE125628']);
  });

  it('has a cover from the template', () => {
    const cover = paras.filter((p) => p.style === 'CoverTitle' || p.style === 'CoverText').map((p) => p.text);
    expect(cover).toEqual(expect.arrayContaining(['Ottawa cables', '2007-01-22 – 2008-11-26', '3 cables', 'Highest classification: SECRET//NOFORN']));
  });

  it('has a real TOC field, filled in with every chapter and its page', () => {
    expect(body).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-1&quot;<\/w:instrText>/);
    // The chapters, then the appendix of cited cables (08OTTAWA372 cites 08STATE24735, not in the book).
    const toc = paras.filter((p) => p.style === 'TOC1');
    expect(toc.map((p) => p.text.split('\t')[0])).toEqual([...book.entries.map((e) => e.title), 'Cited, not included']);
    expect(toc.slice(0, 3).map((p) => Number(p.text.split('\t')[1]))).toEqual(book.entries.map((e) => e.page));
    expect(Number(toc[3]!.text.split('\t')[1])).toBeGreaterThan(book.entries[2]!.page);
    expect(book.entries[0]!.page).toBe(3); // cover, contents, then the first chapter
    for (let i = 1; i < 3; i++) expect(book.entries[i]!.page).toBeGreaterThan(book.entries[i - 1]!.page);
    // entries link to the chapters' bookmarks
    for (let i = 1; i <= 3; i++) {
      expect(body).toContain(`w:anchor="_TocCable${i}"`);
      expect(body).toMatch(new RegExp(`<w:bookmarkStart (w:id="\\d+" )?w:name="_TocCable${i}"`));
    }
  });

  it('has one section per cable after the front matter, each chapter a Heading 1, then the appendix', () => {
    expect(body.match(/<w:sectPr\b/g)!.length).toBe(5);
    const parts = sections(body);
    expect(parts).toHaveLength(5);
    expect(paragraphs(parts[4]!).map((p) => p.text)).toEqual(['Cited, not included', expect.stringContaining('1 cable cited'), '08STATE24735  cited by 07OTTAWA117 (ref A), 08OTTAWA372 (ref A), 08STATE125628 (ref A)']);
    expect(paragraphs(parts[1]!).find((p) => p.style === 'Heading1')!.text).toBe('07OTTAWA117 — CANADA REVIEWS CLUSTER MUNITIONS POLICY');
    expect(paragraphs(parts[3]!).find((p) => p.style === 'Heading1')!.text).toBe('08STATE125628 — DEMARCHE TO CANADA');
    expect(paragraphs(parts[2]!).find((p) => p.style === 'Heading2')!.text).toBe('Action Request');
  });

  it("gives each section its own banner: the book's highest on the cover, each cable's own in its chapter", () => {
    const rels = docx.xml('word/_rels/document.xml.rels');
    const target = (rid: string) => new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1]!;
    const banners = [...body.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => {
      const hRid = /<w:headerReference w:type="default" r:id="([^"]+)"/.exec(m[0])![1]!;
      const fRid = /<w:footerReference w:type="default" r:id="([^"]+)"/.exec(m[0])![1]!;
      const header = paragraphs(docx.xml(`word/${target(hRid)}`)).map((p) => p.text);
      const footer = paragraphs(docx.xml(`word/${target(fRid)}`)).map((p) => p.text);
      return { header, footer };
    });
    expect(banners.map((b) => b.header[0])).toEqual(['SECRET//NOFORN', 'SECRET', 'CONFIDENTIAL//NOFORN', 'UNCLASSIFIED', 'SECRET//NOFORN']);
    expect(banners.map((b) => b.footer.at(-1))).toEqual(['SECRET//NOFORN', 'SECRET', 'CONFIDENTIAL//NOFORN', 'UNCLASSIFIED', 'SECRET//NOFORN']);
    expect(banners[2]!.header[1]).toBe('08OTTAWA372');
  });

  it('has the text of every paragraph', () => {
    const text = partText(body);
    for (const c of [secret, confidential, unclassified]) {
      for (const p of c.paragraphs) expect(text).toContain(p.text);
      for (const f of c.footer) expect(text).toContain(f);
    }
  });

  it('sets core properties, dated with the newest cable', () => {
    const core = docx.xml('docProps/core.xml');
    expect(core).toContain('<dc:title>Ottawa cables</dc:title>');
    expect(core).toContain('<cp:keywords>MOPS, PARM, PREL</cp:keywords>');
    expect(core).toMatch(/<dcterms:created[^>]*>2008-11-26T18:00:00Z</);
    expect(core).toMatch(/<dcterms:modified[^>]*>2008-11-26T18:00:00Z</);
  });

  it('is byte-identical when built again', async () => {
    const again = await buildBook(input, { format: 'docx', title: 'Ottawa cables', order: 'date' });
    expect(Buffer.compare(again.data, book.data)).toBe(0);
  });
});

describe('cablekit book', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, ['bin/cablekit.js', 'book', ...args], { encoding: 'utf8' });

  it('writes a book from files, folders and globs, and warns about duplicates', async () => {
    const out = join(tmp, 'samples.docx');
    const copy = join(tmp, 'copy-of-372.txt');
    execFileSync('cp', ['samples/08OTTAWA372.txt', copy]);
    const r = cli(['samples/*.txt', copy, '--out', out, '--title', 'Samples', '--sort', 'id']);
    expect(r.stderr).toContain('warning: 08OTTAWA372: duplicate cable, included once');
    expect(r.status).toBe(0);
    const toc = paragraphs(openDocx(execFileSync('cat', [out])).xml('word/document.xml')).filter((p) => p.style === 'TOC1');
    expect(toc.map((p) => p.text.split(' ')[0])).toEqual(['05OTTAWA1502', '07OTTAWA117', '08OTTAWA372', '08OTTAWA647', '08STATE125628', 'Cited,']);
    // The manifest beside the book: every input, the copy a duplicate.
    const manifest = JSON.parse(execFileSync('cat', [`${out}.manifest.json`], { encoding: 'utf8' }));
    expect(manifest.summary).toEqual({ inputs: 6, chapters: 5, failed: 0, duplicates: 1 });
    expect(manifest.inputs.at(-1)).toEqual({ input: copy, id: '08OTTAWA372', duplicate: true });
    expect(manifest.options).toMatchObject({ format: 'docx', order: 'id', title: 'Samples' });
  });

  it('--limit N binds the first N cables of the inputs (the cover says so); render refuses --limit without an index', () => {
    const out = join(tmp, 'limit.docx');
    const r = cli(['samples/*.txt', '--limit', '2', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/limit\.docx: 2 cables/);
    const manifest = JSON.parse(execFileSync('cat', [`${out}.manifest.json`], { encoding: 'utf8' }));
    expect(manifest.summary).toMatchObject({ chapters: 2 });
    expect(manifest.inputs.map((i: { id: string }) => i.id)).toEqual(['05OTTAWA1502', '07OTTAWA117']);
    const dir = join(tmp, 'limit-render');
    const render = spawnSync(process.execPath, ['bin/cablekit.js', 'render', 'samples', '--limit', '2', '--format', 'text', '--out', dir], { encoding: 'utf8' });
    expect(render.status).toBe(1);
    expect(render.stderr).toMatch(/^cablekit: --limit takes the first cables of a search index: add --index/);
    expect(existsSync(dir)).toBe(false);
  });

  it('fails on a bad input with one line and writes nothing', () => {
    const bad = join(tmp, 'bad');
    execFileSync('mkdir', ['-p', bad]);
    writeFileSync(join(bad, 'empty.txt'), '');
    const out = join(tmp, 'bad.docx');
    const r = cli([join(bad, 'empty.txt'), '--out', out]);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('empty.txt');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('goes on past a bad input: the book is written without it, the input named on stderr and in the manifest, exit 2', () => {
    const dir = join(tmp, 'mixed');
    execFileSync('mkdir', ['-p', dir]);
    writeFileSync(join(dir, 'notes.txt'), 'Shopping list: milk, eggs, bread.\n');
    const out = join(tmp, 'mixed.pdf');
    const r = cli(['samples/07OTTAWA117.txt', join(dir, 'notes.txt'), 'samples/08OTTAWA372.txt', join(tmp, 'missing.txt'), '--out', out]);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('cablekit: '))).toEqual([
      `cablekit: ${join(dir, 'notes.txt')}: not a cable: no classification line, date-time group or reference id found`,
      `cablekit: ${join(tmp, 'missing.txt')}: no such file or folder`,
    ]);
    expect(r.stderr).toContain(`${out}: 2 cables,`);
    expect(r.stderr).toContain(`2 inputs could not be read and are not in the book; see ${out}.manifest.json`);
    expect(existsSync(out)).toBe(true);
    const manifest = JSON.parse(execFileSync('cat', [`${out}.manifest.json`], { encoding: 'utf8' }));
    expect(manifest.inputs.map((e: { input: string; id?: string; error?: string }) => e.id ?? `error: ${e.error}`)).toEqual([
      '07OTTAWA117',
      'error: not a cable: no classification line, date-time group or reference id found',
      '08OTTAWA372',
      'error: no such file or folder',
    ]);
    expect(manifest.summary).toEqual({ inputs: 4, chapters: 2, failed: 2, duplicates: 0 });
    expect(manifest.inputs[2]).toMatchObject({ input: 'samples/08OTTAWA372.txt', chapter: 2 });
    expect(manifest.sha256).toBe(createHash('sha256').update(execFileSync('cat', [out])).digest('hex'));
  });

  it('names a book template that is not one', () => {
    const r = cli(['samples/', '--out', join(tmp, 'x.docx'), '--template', 'tests/fixtures']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('tests/fixtures: unknown book template');
  });

  it('refuses an output that is neither .docx nor .pdf', () => {
    const r = cli(['samples/', '--out', join(tmp, 'book.odt')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('must be a .docx or .pdf');
  });
});

// LibreOffice opening a book (its pages, lists and links): tests/book-acceptance.test.ts.
