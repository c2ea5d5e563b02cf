/**
 * The year of a partial extract (no date-time group, date line or page metadata): the year that
 * best fits the evidence, named in the warning (src/readers/cable/year.ts). Made-up instances of each kind
 * of evidence, two real ones (tests/fixtures/forms/), and — with the shared corpus — the hit rate
 * on every shared partial extract, read under a neutral file name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCable } from '../src/readers/cable/parse.js';
import { inferYear, type YearEvidence } from '../src/readers/cable/year.js';
import { describeShared, SHARED } from './support/shared.js';

const guess = (e: Partial<YearEvidence>) => inferYear({ declassify: null, eo: null, reasons: [], references: [], text: '', ...e });

describe('the evidence, one kind at a time (made up)', () => {
  it('a declassification date ten years on, the usual: DECL 2015 is 2005', () => {
    expect(guess({ declassify: '2015-06-01' })?.year).toBe(2005);
  });
  it('a date five years on when the text names the years around it: a 2005 cable with a 2010 DECL is no 2000 cable', () => {
    const g = guess({ declassify: '2010-03-01', text: 'Elections were held in December 2004. The 2005 budget passed in January.' });
    expect(g?.year).toBe(2005);
    expect(g?.evidence).toContain('(5 years on; 10 is usual)');
  });
  it('25 years on when ten would be after the release: DECL 2034 is 2009', () => {
    expect(guess({ declassify: '2034-06-16', text: 'The 2009 elections.' })?.year).toBe(2009);
  });
  it('nine years on in January, when the text names the past year as past (a year typed one short)', () => {
    expect(guess({ declassify: '2014-01-25', text: 'Officials spent most of 2004 on it; he was released December 21, 2004, and questioned in November 2004.' })?.year).toBe(2005);
  });
  it('a month with its year, against the declassification date\'s month', () => {
    // May 2014 DECL: "next September 2004" is future for a 2004 cable, past for a 2005 one
    expect(guess({ declassify: '2014-05-08', text: 'The inquiry began in September 2004.' })?.year).toBe(2004);
    expect(guess({ declassify: '2014-05-08', text: 'The inquiry began in September 2004, the trial in October 2004 and the appeal in December 2004.' })?.year).toBe(2005);
  });
  it('no declassification date: the years named, placed against the month of the days named without a year', () => {
    const text = "AMBASSADOR'S NOVEMBER 10 MEETING. A response to his June 27, 2005 letter; an August 18, 2005 note; the upcoming 2006 exhibition.";
    expect(guess({ text })?.year).toBe(2005);
  });
  it('bounds: the order the E.O. line cites, reasons under 1.4, a reference\'s own year', () => {
    expect(guess({ eo: '13526', text: 'In 2004 it began.' })).toMatchObject({ year: 2009, evidence: expect.stringContaining('E.O. 13526 (2009 or later)') });
    expect(guess({ reasons: ['1.4(b)'], text: 'Since 1990.' })?.year).toBeGreaterThanOrEqual(2003);
    expect(guess({ references: [{ label: 'A', text: '07 ROME 123', id: null }], text: 'Since 2004.' })?.year).toBeGreaterThanOrEqual(2007);
  });
  it('no evidence at all: no year', () => {
    expect(guess({ text: 'Nothing to date it.' })).toBeNull();
  });
});

describe('real partial extracts (tests/fixtures/forms/)', () => {
  it('05PARIS479: January 2005, DECL 01/25/2014, the text looks back on 2004 → 2005 (DECL minus ten said 2004)', () => {
    const c = parseCable(readFileSync('tests/fixtures/forms/05PARIS479.txt', 'utf8'), { file: 'cable.txt' });
    expect(c.id).toBe('05PARIS479');
    expect(c.warnings.find((w) => w.kind === 'id-inferred')?.message).toBe(
      'no date-time group: year 2005 is the best fit of the declassification date 2014-01-25 (9 years on; 10 is usual), the years the text names (2004 ×4) (check it)',
    );
  });
  it('04ANKARA7211: DECL 12/14/2029 → 2004, 25 years on (DECL minus ten said 2019)', () => {
    const c = parseCable(readFileSync('tests/fixtures/forms/04ANKARA7211.txt', 'utf8'), { file: 'cable.txt' });
    expect(c.id).toBe('04ANKARA7211');
  });
});

describeShared('the year hit rate on every shared partial extract without a date, under a neutral name', () => {
  it('names the release\'s year more often than the declassification date minus ten (printed)', () => {
    let n = 0;
    let hit = 0;
    let declMinusTen = 0;
    const misses: string[] = [];
    for (const dir of ['cables', 'cables-more', 'cables-release']) {
      for (const f of readdirSync(join(SHARED, dir)).filter((x) => x.endsWith('.txt'))) {
        const raw = readFileSync(join(SHARED, dir, f), 'utf8');
        if (!raw.includes('partial extract')) continue;
        const c = parseCable(raw, { file: 'cable.txt' });
        if (c.date) continue; // a DTG or a date line: nothing to infer
        const id = f.replace(/\.txt$/, '');
        n++;
        if (c.id === id) hit++;
        else misses.push(`${id} → ${c.id}`);
        if (c.declassify && Number(c.declassify.slice(2, 4)) - 10 === Number(id.slice(0, 2))) declMinusTen++;
      }
    }
    console.log(`year of the shared partial extracts: ${hit}/${n} right (DECL minus ten: ${declMinusTen}/${n}); wrong: ${misses.join(', ')}`);
    expect(n).toBeGreaterThanOrEqual(40);
    expect(hit).toBeGreaterThan(declMinusTen);
    expect(hit / n).toBeGreaterThanOrEqual(0.88);
  });
});
