import { mkdtempSync, mkdirSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cable, Paragraph } from '../src/model/cable.js';
import { CableError } from '../src/errors.js';
import { renderPdf, renderPdfDocument } from '../src/writers/pdf/writer.js';
import { getWriter } from '../src/writers/registry.js';
import '../src/writers/builtin.js';
import { TEMPLATES_DIR } from '../src/writers/paged/templates.js';
import { readCableFile } from '../src/readers/cable/parse.js';
import { makeCable } from './support/make-cable.js';
import { pdfFonts, pdfInfo, pdfPages, pdfQdf, pdfStructText, pdfText } from './support/read-pdf.js';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A cable long enough for several pages, with headings and bullets. */
function longCable(): Cable {
  const paragraphs: Paragraph[] = [];
  for (let n = 1; n <= 24; n++) {
    paragraphs.push({
      number: n,
      marking: { raw: n % 2 ? 'C' : 'SBU', level: n % 2 ? 'CONFIDENTIAL' : 'SENSITIVE BUT UNCLASSIFIED', caveats: [] },
      text: `Paragraph ${n} opens here. ` + 'The delegation discussed continental security and the alliance at length. '.repeat((n % 5) + 2) + `Paragraph ${n} ends here.`,
      bullets: n % 6 === 0 ? [{ text: `first point of paragraph ${n}` }, { text: `second point of paragraph ${n}` }] : [],
      heading: n % 4 === 1 ? `SECTION HEADING ${n}` : null,
      line: n,
    });
  }
  return makeCable({ paragraphs });
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cablekit-pdf-test-'));
});

describe('page furniture', () => {
  it('puts the banner top and bottom of every page and Page N of M in the footer', async () => {
    const { data, pages } = await renderPdfDocument(longCable());
    expect(pages).toBeGreaterThan(2);
    const texts = pdfPages(data);
    expect(texts).toHaveLength(pages);
    texts.forEach((text, i) => {
      expect(text.match(/CONFIDENTIAL\/\/NOFORN/g)?.length, `page ${i + 1}`).toBe(2);
      expect(text).toContain(`Page ${i + 1} of ${pages}`);
      expect(text).toContain('08OTTAWA372');
    });
  });

  it('draws header and footer after layout without adding pages', async () => {
    const { data, pages } = await renderPdfDocument(longCable());
    // `pages` is counted before the furniture is drawn; the file must have exactly as many.
    expect(Number(pdfInfo(data).Pages)).toBe(pages);
    expect(pdfPages(data).at(-1)).toContain(`Page ${pages} of ${pages}`);
  });
});

describe('text', () => {
  it('has every paragraph, in order, with number and marking together', async () => {
    const cable = longCable();
    const text = squash(pdfText(await renderPdf(cable)));
    let at = 0;
    for (const p of cable.paragraphs) {
      const head = `${p.number}. (${p.marking!.raw}) Paragraph ${p.number} opens here.`;
      const found = text.indexOf(head, at);
      expect(found, head).toBeGreaterThanOrEqual(at);
      const tail = text.indexOf(`Paragraph ${p.number} ends here.`, found);
      expect(tail, `end of ${p.number}`).toBeGreaterThan(found);
      at = tail;
    }
    expect(text).toContain('first point of paragraph 6');
    expect(text).toContain('BREESE');
  });

  it('shows the metadata block on page 1', async () => {
    const page1 = squash(pdfPages(await renderPdf(makeCable()))[0]!);
    for (const s of [
      'CANADA: DISCORD OVER OSLO PROCESS AND NATO INTEROPERABILITY',
      'Reference ID 08OTTAWA372',
      'Date 2008-03-14 14:23Z',
      'From AMEMBASSY OTTAWA',
      'To SECSTATE WASHDC',
      'Info USMISSION GENEVA',
      'Precedence IMMEDIATE',
      'Tags PARM, PREL',
      'A. STATE 24735',
      'PolMinCouns Scott Bellard; reasons 1.4(b), 1.4(d)',
      'Declassify 2018-03-14',
    ]) {
      expect(page1).toContain(s);
    }
  });

  it('carries no cable artifacts', async () => {
    const text = pdfText(await renderPdf(makeCable()));
    expect(text).not.toMatch(/\]\(#\)|¶|<http/);
  });

  it('draws publisher XXXXXXXXXXXX redactions as marks, not as letters', async () => {
    const cable = makeCable();
    cable.paragraphs[0]!.text = 'Contact XXXXXXXXXXXX told poloff the minister would go.';
    const text = squash(pdfText(await renderPdf(cable)));
    expect(text).toContain('Contact [REDACTED] told poloff');
    expect(text).not.toContain('XXXXX');
  });

  it('draws cablekit redaction marks by category and never the hidden text', async () => {
    const cable = makeCable();
    const p = cable.paragraphs[1]!;
    p.text = 'Write to ████████ today.';
    p.marks = [{ kind: 'redaction', start: 9, end: 17, category: 'email' }];
    const boxed = squash(pdfText(await renderPdf(cable)));
    expect(boxed).toContain('Write to [EMAIL REDACTED] today.');
    const labelled = squash(pdfText(await renderPdf(cable, { redactionStyle: 'label' })));
    expect(labelled).toContain('Write to [EMAIL REDACTED] today.');
  });

  it('draws box placeholders in unmarked texts (footer, subject) as bars, with no missing glyphs', async () => {
    const cable = makeCable({ footer: ['Visit our forum at ████████'], subject: 'TALKS WITH ████████' });
    const warnings: string[] = [];
    const text = squash(pdfText(await renderPdf(cable, { warnings })));
    expect(text).toContain('Visit our forum at [REDACTED]');
    expect(text).toContain('TALKS WITH [REDACTED]');
    expect(text).not.toContain('█');
    expect(warnings).toEqual([]);
  });

  it('replaces a withheld paragraph by its placeholder', async () => {
    const cable = makeCable();
    cable.paragraphs[0]!.withheld = { level: 'SECRET' };
    const text = squash(pdfText(await renderPdf(cable)));
    expect(text).toContain('1. [Paragraph withheld — SECRET]');
    expect(text).not.toContain('worrisome lack');
  });

  it('never leaves a heading at the bottom of a page, even one followed by another heading', async () => {
    const cable = longCable();
    // Heading-only paragraphs (no number, no text) before some headings: two headings in a row.
    for (let i = cable.paragraphs.length - 1; i >= 0; i--) {
      if (cable.paragraphs[i]!.heading && i % 8 === 4) {
        cable.paragraphs.splice(i, 0, { number: null, marking: null, text: '', bullets: [], heading: `PART ${i}`, line: 0 });
      }
    }
    const headings = cable.paragraphs.filter((p) => p.heading).map((p) => p.heading!);
    const pages = pdfPages(await renderPdf(cable));
    for (const page of pages) {
      const lines = page.split('\n').map((l) => l.trim()).filter(Boolean);
      const body = lines.filter((l) => !/CONFIDENTIAL\/\/NOFORN|^Page \d+ of \d+$|^08OTTAWA372$/.test(l));
      expect(headings).not.toContain(body.at(-1));
    }
  });
});

describe('fonts', () => {
  it('embeds subsets of the shipped fonts only (no standard-14 Helvetica)', async () => {
    const fonts = pdfFonts(await renderPdf(makeCable(), { watermark: 'DRAFT' }));
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.embedded && f.subset, f.name).toBe(true);
      expect(f.name).toMatch(/^[A-Z]{6}\+SourceSerif4-/);
    }
  });

  it('uses Courier Prime in the teletype template', async () => {
    const cable = makeCable();
    cable.paragraphs[0]!.withheld = { level: 'SECRET' }; // drawn in italic style: upright Courier
    const fonts = pdfFonts(await renderPdf(cable, { template: 'teletype' }));
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['CourierPrime-Bold', 'CourierPrime-Regular']);
  });

  it('warns about characters the font lacks', async () => {
    const cable = makeCable();
    cable.paragraphs[0]!.text += ' ☃';
    const warnings: string[] = [];
    await renderPdf(cable, { warnings });
    expect(warnings).toEqual(["08OTTAWA372: font Source Serif 4 has no glyph for U+2603 '☃'; it is drawn as a blank box"]);
  });
});

describe('document properties and structure', () => {
  it('sets title, subject, author, keywords, dates and language', async () => {
    const data = await renderPdf(makeCable());
    const info = pdfInfo(data);
    expect(info.Title).toBe('CANADA: DISCORD OVER OSLO PROCESS AND NATO INTEROPERABILITY');
    expect(info.Subject).toBe('08OTTAWA372');
    expect(info.Author).toBe('OTTAWA');
    expect(info.Keywords).toBe('PARM, PREL');
    expect(info.CreationDate).toMatch(/^2008-03-14T14:23:00/);
    expect(info.ModDate).toMatch(/^2008-03-14T14:23:00/);
    expect(info.Tagged).toBe('yes');
    expect(pdfQdf(data)).toContain('/Lang (en-US)');
  });

  it('has a structure tree with headings, paragraphs and lists, and an outline', async () => {
    const qdf = pdfQdf(await renderPdf(makeCable()));
    expect(qdf).toContain('/StructTreeRoot');
    for (const tag of ['/H1', '/H2', '/P', '/L', '/LI', '/LBody']) expect(qdf).toContain(`/S ${tag}`);
    expect(qdf).toContain('/Outlines');
    expect(qdf).toContain('(Action Request)');
    expect(qdf).toMatch(/\/Artifact <<[^>]*\/Type \/Pagination/);
  });

  it('escapes the subject in the XMP metadata but not in the info dictionary', async () => {
    const data = await renderPdf(makeCable({ subject: 'R&D <TEST> COOPERATION' }), { pdfa: true });
    expect(pdfInfo(data).Title).toBe('R&D <TEST> COOPERATION');
    expect(pdfQdf(data)).toContain('<rdf:li xml:lang="x-default">R&amp;D &lt;TEST&gt; COOPERATION</rdf:li>');
  });

  it('gives screen readers the text in reading order, with spaces at line ends and around markings', async () => {
    const cable = longCable();
    const tree = pdfStructText(await renderPdf(cable));
    const lines = tree.split('\n').map((l) => l.trim());
    const order = lines.filter((l) => /^(Document|H1|H2|P|L|LI|Sect)\b/.test(l)).map((l) => l.split(/\s/)[0]);
    expect(order.slice(0, 3)).toEqual(['Document', 'H1', 'Sect']);
    expect(order).toContain('L');
    const text = squash(lines.filter((l) => l.startsWith('"')).join(' '));
    expect(text).toContain('"1. (C) Paragraph 1 opens here. The delegation discussed continental security and the alliance at length. The delegation');
    expect(text).toContain('"Reference ID 08OTTAWA372"');
    let at = 0;
    for (const p of cable.paragraphs) {
      const found = text.indexOf(`"${p.number}. (${p.marking!.raw}) Paragraph ${p.number} opens here.`, at);
      expect(found, `paragraph ${p.number}`).toBeGreaterThan(at);
      at = found;
    }
  });

  it('makes PDF/A on request', async () => {
    const qdf = pdfQdf(await renderPdf(makeCable(), { pdfa: true }));
    expect(qdf).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(qdf).toContain('/OutputIntents');
  });
});

describe('determinism', () => {
  it('gives byte-identical files for the same input and options', async () => {
    const logo = join(tmp, 'same-logo.png');
    writeFileSync(logo, await sharp({ create: { width: 40, height: 20, channels: 3, background: '#224488' } }).png().toBuffer());
    for (const options of [{}, { template: 'teletype' }, { watermark: 'DRAFT', logo, pdfa: true }]) {
      const a = await renderPdf(longCable(), options);
      const b = await renderPdf(longCable(), options);
      expect(a.equals(b), JSON.stringify(options)).toBe(true);
    }
  });
});

describe('images', () => {
  it('places a logo from PNG, JPEG, WebP or SVG', async () => {
    const base = sharp({ create: { width: 60, height: 30, channels: 3, background: '#aa2222' } });
    const files = {
      png: await base.clone().png().toBuffer(),
      jpg: await base.clone().jpeg().toBuffer(),
      webp: await base.clone().webp().toBuffer(),
      svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30"><rect width="60" height="30" fill="#2a2"/></svg>'),
    };
    for (const [ext, bytes] of Object.entries(files)) {
      const file = join(tmp, `logo.${ext}`);
      writeFileSync(file, bytes);
      const qdf = pdfQdf(await renderPdf(makeCable(), { logo: file }));
      expect(qdf, ext).toContain('/Subtype /Image');
      expect(qdf, ext).toContain('/Alt (Logo)');
    }
  });

  it('rejects a bad logo file with a one-line error naming it', async () => {
    const bad = join(tmp, 'bad.png');
    writeFileSync(bad, 'this is not an image');
    const err = await renderPdf(makeCable(), { logo: bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CableError);
    expect((err as CableError).toLine()).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not a usable logo image`));
    expect((err as CableError).toLine()).not.toContain('\n');
    const missing = await renderPdf(makeCable(), { logo: join(tmp, 'nope.png') }).catch((e: unknown) => e);
    expect((missing as CableError).toLine()).toMatch(/nope\.png: logo file not found$/);
  });

  it('stamps a watermark image on every page', async () => {
    const { data, pages } = await renderPdfDocument(longCable(), { watermark: 'DRAFT' });
    const qdf = pdfQdf(data);
    expect(qdf.match(/\/Artifact <<[^>]*\/Type \/Page\b/g)?.length).toBe(pages);
  });
});

describe('templates', () => {
  it('sets the teletype look: letter-spaced classification, capitals, PAGE NN OF NN', async () => {
    const { data, pages } = await renderPdfDocument(makeCable(), { template: 'teletype' });
    const text = squash(pdfText(data));
    expect(text).toContain('C O N F I D E N T I A L NOFORN');
    expect(text).toContain('FM AMEMBASSY OTTAWA');
    expect(text).toContain('1. (C/NF) SUMMARY: EMBASSY DISCUSSIONS');
    expect(text).toContain(`PAGE 01 OF ${String(pages).padStart(2, '0')}`);
  });

  it('prints a handout notice from the cable redaction info', async () => {
    const cable = { ...makeCable(), redaction: { notice: 'Redacted version — removed: email addresses.', categories: [], counts: {}, withheld: 0 } } as Cable;
    const text = squash(pdfText(await renderPdf(cable, { template: 'handout' })));
    expect(text).toContain('Redacted version — removed: email addresses.');
    expect(text).toContain('Redacted handout · Page 1 of 1');
  });

  it('loads a user template folder that overrides some files', async () => {
    const dir = join(tmp, 'mine');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'template.json'), JSON.stringify({ extends: 'cable', metadata: { labels: { id: 'Cable' } } }));
    writeFileSync(join(dir, 'footer.hbs'), 'Sheet {{page}}/{{pages}} of {{id}}\n');
    const text = squash(pdfText(await renderPdf(makeCable(), { template: dir })));
    expect(text).toContain('Sheet 1/1 of 08OTTAWA372');
    expect(text).toContain('Cable 08OTTAWA372');
  });

  it('names the file and line of a template error', async () => {
    const dir = join(tmp, 'broken');
    cpSync(join(TEMPLATES_DIR, 'cable'), dir, { recursive: true });
    writeFileSync(join(dir, 'footer.hbs'), 'Page {{page}}\nof {{#if pages}}{{pages}}\n');
    const err = await renderPdf(makeCable(), { template: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CableError);
    expect((err as CableError).toLine()).toMatch(/broken\/footer\.hbs: template error at line \d+/);
  });

  it('rejects an unknown template name', async () => {
    const err = await renderPdf(makeCable(), { template: 'fancy' }).catch((e: unknown) => e);
    expect((err as CableError).toLine()).toMatch(/^fancy: unknown template/);
  });

  it('blocks prototype access in templates', async () => {
    const dir = join(tmp, 'proto');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'footer.hbs'), '[{{constructor.name}}][{{__proto__}}] {{page}}\n');
    const text = squash(pdfText(await renderPdf(makeCable(), { template: dir })));
    expect(text).toContain('[][] 1');
  });
});

describe('writer registry', () => {
  it('registers pdf and reports pages', async () => {
    const out = await getWriter('pdf')(makeCable(), {});
    expect(out.data.subarray(0, 5).toString()).toBe('%PDF-');
    expect(out.pages).toBe(1);
  });
});

describe('real samples', () => {
  for (const file of ['samples/08OTTAWA372.txt', 'samples/05OTTAWA1502.txt', 'tests/fixtures/cables/10RIYADH61.txt']) {
    it(`renders ${file} in each template with all its paragraphs`, async () => {
      const cable = await readCableFile(file);
      for (const template of ['cable', 'teletype']) {
        const warnings: string[] = [];
        const { data, pages } = await renderPdfDocument(cable, { template, warnings });
        const texts = pdfPages(data);
        expect(texts).toHaveLength(pages);
        expect(warnings).toEqual([]);
        const text = squash(texts.join(' ')).toUpperCase();
        let at = 0;
        for (const p of cable.paragraphs) {
          if (p.number === null) continue;
          const words = squash(p.text).split(' ').slice(0, 4).join(' ').toUpperCase();
          const found = text.indexOf(`${p.number}.`, at);
          expect(found, `${template} ${p.number}`).toBeGreaterThanOrEqual(at);
          expect(text.indexOf(words, found), `${template} ${p.number}: ${words}`).toBeGreaterThan(found - 1);
          at = found;
        }
      }
    });
  }
});
