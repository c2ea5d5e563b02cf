import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBook, planBook } from '../src/book/book.js';
import { findChapterMentions } from '../src/book/mentions.js';
import { layoutCable, runsText } from '../src/writers/paged/layout.js';
import type { Cable, Paragraph } from '../src/model/cable.js';
import { makeCable } from './support/make-cable.js';
import { openDocx, paragraphs } from './support/read-docx.js';
import { pdfLinks } from './support/read-pdf.js';

const tmp = mkdtempSync(join(tmpdir(), 'cablekit-xref-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const para = (number: number, text: string, bullets: string[] = []): Paragraph => ({
  number,
  marking: { raw: 'C', level: 'CONFIDENTIAL', caveats: [] },
  text,
  bullets: bullets.map((b) => ({ text: b })),
  heading: null,
  line: number,
});

// Three cables that cite each other, and one each cites that is not in the book.
const demarche = makeCable({
  id: '08STATE24735',
  origin: 'STATE',
  date: '2008-03-05T12:00:00Z',
  subject: 'CLUSTER MUNITIONS: DEMARCHE TO CANADA',
  tags: ['PARM', 'PREL'],
  references: [{ label: '', text: '07 STATE 164503', id: '07STATE164503' }],
  paragraphs: [para(1, 'Posts should draw on reftel in approaching host governments.')],
});
const report = makeCable({
  id: '08OTTAWA372',
  date: '2008-03-14T14:23:00Z',
  tags: ['PARM', 'NATO', 'CA'],
  references: [
    { label: 'A', text: 'STATE 24735', id: '08STATE24735' },
    { label: 'B', text: 'E-MAIL BAKER-MATTEI MARCH 7', id: null },
    { label: 'C', text: 'OTTAWA 258', id: '08OTTAWA258' },
  ],
  paragraphs: [
    para(1, 'In response to ref A demarche, officials said the STATE 24735 points were well taken.'),
    para(2, 'Refs a and c describe the talks.', ['Per ref B, nothing is linked.']),
  ],
});
const followUp = makeCable({
  id: '08OTTAWA647',
  date: '2008-05-12T16:33:00Z',
  subject: 'CLUSTER MUNITIONS: CANADA CONCERNED ABOUT NATO INTEROPERABILITY',
  tags: ['PARM', 'MOPS'],
  references: [
    { label: 'A', text: 'STATE 48214', id: '08STATE48214' },
    { label: 'B', text: 'OTTAWA 372', id: '08OTTAWA372' },
  ],
  paragraphs: [para(1, 'In light of Ref B, Ottawa recommends a pull-aside; see also 08 STATE 24735 and OTTAWA 372.')],
});
const cables: Cable[] = [report, followUp, demarche];

describe('mentions of other cables', () => {
  const inBook = new Set(cables.map((c) => c.id));
  const isTarget = (id: string) => inBook.has(id);
  const spans = (cable: Cable, text: string) => findChapterMentions(text, cable, isTarget).map((s) => [text.slice(s.start, s.end), s.id]);

  it('finds REF letters, reftel and office-and-number mentions that name a cable of the book', () => {
    expect(spans(report, report.paragraphs[0]!.text)).toEqual([
      ['ref A', '08STATE24735'],
      ['STATE 24735', '08STATE24735'],
    ]);
    // `refs a and c`: a names a chapter, c a cable not in the book; `ref B` is an e-mail.
    expect(spans(report, 'Refs a and c describe it; per ref B, nothing.')).toEqual([['Refs a', '08STATE24735']]);
    expect(spans(followUp, followUp.paragraphs[0]!.text)).toEqual([
      ['Ref B', '08OTTAWA372'],
      ['08 STATE 24735', '08STATE24735'],
      ['OTTAWA 372', '08OTTAWA372'],
    ]);
    // `reftel` is the only reference; here it is not in the book.
    expect(spans(demarche, 'Posts should draw on reftel.')).toEqual([]);
    const single = { ...demarche, references: [{ label: '', text: 'OTTAWA 372', id: '08OTTAWA372' }] };
    expect(spans(single, 'As reported in reftel, and (ref) again.')).toEqual([
      ['reftel', '08OTTAWA372'],
      ['ref', '08OTTAWA372'],
    ]);
    // A REF line of several references without letters: the text cites them as A, B, … in order.
    const unlettered = {
      ...followUp,
      references: [
        { label: '', text: 'OTTAWA 372', id: '08OTTAWA372' },
        { label: '', text: 'STATE 24735', id: '08STATE24735' },
      ],
    };
    expect(spans(unlettered, 'as promised (Ref B), and in Ottawa 372.')).toEqual([
      ['Ref B', '08STATE24735'],
      ['Ottawa 372', '08OTTAWA372'],
    ]);
    // A cable never links to itself; `PER STATE 24735` links only the office and number.
    expect(spans(demarche, 'STATE 24735 PARA 2')).toEqual([]);
    expect(spans(report, 'PER STATE 24735,')).toEqual([['STATE 24735', '08STATE24735']]);
  });

  it('gives the layout runs with links in the body and the references row, redactions kept', () => {
    const plan = planBook(cables);
    const layout = layoutCable(plan.cables[0]!, {}, { links: plan.links(0) });
    const refs = layout.metadata.find((r) => r.field === 'references')!;
    expect(refs.runs!.filter((r) => r.kind === 'text' && r.link).map((r) => [runsText([r]), r.kind === 'text' && r.link])).toEqual([
      ['STATE 24735', '08STATE24735'],
    ]);
    const p1 = layout.blocks.find((b) => b.kind === 'paragraph')!;
    expect(p1.kind === 'paragraph' && p1.runs.filter((r) => r.kind === 'text' && r.link).map((r) => runsText([r]))).toEqual(['ref A', 'STATE 24735']);
    // Outside a book (no links), the same cable has plain runs.
    expect(layoutCable(report).blocks.some((b) => b.kind === 'paragraph' && b.runs.some((r) => r.kind === 'text' && r.link))).toBe(false);
  });
});

describe('book plan: order, parts, cited cables, tags', () => {
  it('keeps the input order by default, and orders by date or id on request', () => {
    expect(planBook(cables).cables.map((c) => c.id)).toEqual(['08OTTAWA372', '08OTTAWA647', '08STATE24735']);
    expect(planBook(cables, { order: 'date' }).cables.map((c) => c.id)).toEqual(['08STATE24735', '08OTTAWA372', '08OTTAWA647']);
    expect(planBook(cables, { sort: 'id' }).cables.map((c) => c.id)).toEqual(['08OTTAWA372', '08OTTAWA647', '08STATE24735']);
    // Serial numbers compare as numbers and 1970s cables come before 2000s ones.
    const old = makeCable({ id: '72TEHRAN1164' });
    const big = makeCable({ id: '08OTTAWA1502' });
    expect(planBook([big, old, report], { order: 'id' }).cables.map((c) => c.id)).toEqual(['72TEHRAN1164', '08OTTAWA372', '08OTTAWA1502']);
  });

  it('groups chapters into parts by origin, first tag or month', () => {
    const byOrigin = planBook(cables, { order: 'date', groupBy: 'origin' });
    expect(byOrigin.parts.map((p) => [p.title, p.first, p.count])).toEqual([
      ['Part 1 — OTTAWA', 0, 2],
      ['Part 2 — STATE', 2, 1],
    ]);
    expect(byOrigin.cables.map((c) => c.id)).toEqual(['08OTTAWA372', '08OTTAWA647', '08STATE24735']);
    const byMonth = planBook([...cables, makeCable({ id: '00AAA1', date: null })], { groupBy: 'month' });
    expect(byMonth.parts.map((p) => p.name)).toEqual(['March 2008', 'May 2008', 'Undated']);
    expect(planBook(cables, { groupBy: 'tag' }).parts.map((p) => p.name)).toEqual(['PARM']);
    expect(byMonth.parts[0]!.banner).toBe('CONFIDENTIAL//NOFORN');
  });

  it('lists the cited cables that are not in the book, with the chapters that cite them, and an index of tags', () => {
    const plan = planBook(cables, { index: 'tags' });
    expect(plan.cited.map((c) => [c.id, c.by.map((b) => [plan.cables[b.chapter]!.id, b.label])])).toEqual([
      ['07STATE164503', [['08STATE24735', '']]],
      ['08OTTAWA258', [['08OTTAWA372', 'C']]],
      ['08STATE48214', [['08OTTAWA647', 'A']]],
    ]);
    expect(plan.tags!.map((t) => [t.tag, t.chapters])).toEqual([
      ['CA', [0]],
      ['MOPS', [1]],
      ['NATO', [0]],
      ['PARM', [0, 1, 2]],
      ['PREL', [2]],
    ]);
  });

  it('puts the subtitle and the selection on the cover', () => {
    const plan = planBook(cables, { title: 'Ottawa', subtitle: 'Cluster munitions, 2008', selection: ['tag=PARM', 'origin=OTTAWA,STATE'] });
    const lines = plan.template.cover(plan.cover).map((l) => `${l.kind}:${l.text}`);
    expect(lines).toEqual(
      expect.arrayContaining(['title:Ottawa', 'subtitle:Cluster munitions, 2008', 'text:3 cables', 'text:Selected by:', 'text:tag=PARM', 'text:origin=OTTAWA,STATE']),
    );
  });
});

describe('DOCX book with cross-references', async () => {
  const book = await buildBook(cables, { format: 'docx', groupBy: 'origin', order: 'date', index: 'tags' });
  const body = openDocx(book.data).xml('word/document.xml');
  const bookmarks = new Map([...body.matchAll(/<w:bookmarkStart w:id="(\d+)" w:name="([^"]+)"\/>/g)].map((m) => [m[2]!, m[1]!]));
  const anchors = [...body.matchAll(/<w:hyperlink w:anchor="([^"]+)"[^>]*>([\s\S]*?)<\/w:hyperlink>/g)].map((m) => ({
    anchor: m[1]!,
    text: paragraphs(`<w:p>${m[2]}</w:p>`)[0]!.text,
  }));

  it('links every mention of a chapter to the bookmark on its heading', () => {
    const ids = new Set([...bookmarks.values()]);
    expect(ids.size).toBe(bookmarks.size); // bookmark ids are unique
    for (const a of anchors) expect(bookmarks.has(a.anchor), a.anchor).toBe(true);
    const links = anchors.filter((a) => !/\t/.test(a.text)); // not the contents' entries
    const bookmarkOf = (id: string) => `_TocCable${book.entries.findIndex((e) => e.id === id) + 1}`;
    expect(links.filter((a) => a.anchor === bookmarkOf('08STATE24735')).map((a) => a.text)).toEqual(
      expect.arrayContaining(['STATE 24735', 'ref A', '08 STATE 24735']),
    );
    expect(links.filter((a) => a.anchor === bookmarkOf('08OTTAWA372')).map((a) => a.text)).toEqual(expect.arrayContaining(['OTTAWA 372', 'Ref B']));
    expect(body).toContain('<w:rStyle w:val="Hyperlink"/>');
  });

  it('has parts, the appendix and the index in the contents, each linked', () => {
    const toc = paragraphs(body).filter((p) => /^TOC\d$/.test(p.style ?? ''));
    expect(toc.map((p) => p.text.split('\t')[0])).toEqual([
      'Part 1 — OTTAWA',
      '08OTTAWA372 — CANADA: DISCORD OVER OSLO PROCESS AND NATO INTEROPERABILITY',
      '08OTTAWA647 — CLUSTER MUNITIONS: CANADA CONCERNED ABOUT NATO INTEROPERABILITY',
      'Part 2 — STATE',
      '08STATE24735 — CLUSTER MUNITIONS: DEMARCHE TO CANADA',
      'Cited, not included',
      'Index of tags',
    ]);
    expect(toc.map((p) => p.style)).toEqual(['TOC1', 'TOC2', 'TOC2', 'TOC1', 'TOC2', 'TOC1', 'TOC1']);
    expect(body).toMatch(/TOC \\h \\o &quot;1-2&quot;/);
    for (const name of ['_TocPart1', '_TocPart2', '_TocCited', '_TocTags']) expect(anchors.some((a) => a.anchor === name)).toBe(true);
    const text = paragraphs(body).map((p) => p.text);
    expect(text).toContain('08OTTAWA258  cited by 08OTTAWA372 (ref C)');
    expect(text).toContain('PARM  08OTTAWA372, 08OTTAWA647, 08STATE24735');
  });
});

describe('PDF book with cross-references', async () => {
  const book = await buildBook(cables, { format: 'pdf', order: 'date', index: 'tags' });
  const file = join(tmp, 'xref.pdf');
  writeFileSync(file, book.data);
  const links = pdfLinks(book.data);
  const texts = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f');

  it('links every mention of a chapter to the first page of that chapter', () => {
    const first = new Map(book.entries.map((e) => [e.id, e.page]));
    const onPage = (page: number) => links.filter((l) => l.page === page && l.target === first.get('08STATE24735'));
    // 08OTTAWA372's chapter: the references row, `ref A` and `STATE 24735` link to 08STATE24735.
    expect(onPage(first.get('08OTTAWA372')!).length).toBeGreaterThanOrEqual(3);
    const toFollowUp = links.filter((l) => l.page === first.get('08OTTAWA647') && l.target === first.get('08OTTAWA372'));
    expect(toFollowUp.length).toBeGreaterThanOrEqual(3); // references row, `Ref B`, `OTTAWA 372`
    for (const l of links) expect(l.target, `${l.dest} on page ${l.page}`).not.toBeNull();
  });

  it('has the appendix and the index, their chapter ids linked', () => {
    const cited = texts.findIndex((t) => t.includes('Cited, not included\n'));
    expect(texts[cited]).toMatch(/08OTTAWA258 cited by 08OTTAWA372 \(ref C\)/);
    const index = texts.findIndex((t) => /Index of tags\n/.test(t) && t.includes('PARM'));
    expect(texts[index]).toMatch(/PARM 08STATE24735, 08OTTAWA372, 08OTTAWA647/);
    expect(links.filter((l) => l.page === index + 1).map((l) => l.target)).toEqual(expect.arrayContaining(book.entries.map((e) => e.page)));
    // The contents lists them with their pages.
    expect(texts[1]).toMatch(new RegExp(`Cited, not included[ .]*${cited + 1}\\n`));
    expect(texts[1]).toMatch(new RegExp(`Index of tags[ .]*${index + 1}\\n`));
  });
});
