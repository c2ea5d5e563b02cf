/**
 * The detectors on a labelled set of cable lines: contact lines mined from the shared real cables
 * (`real`) and written by hand (`made`), and look-alikes that must stay.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHTML } from 'entities';
import { describe, expect, it } from 'vitest';
import { detect, mergeSpans, type RedactionCategory } from '../src/redact/index.js';
import { loadLabelled } from './support/labelled.js';
import { itShared, SHARED } from './support/shared.js';

const CONTACTS = new Set<RedactionCategory>(['email', 'url', 'phone', 'fax', 'address']);

describe('labelled set (tests/fixtures/redaction/labelled.tsv)', () => {
  const rows = loadLabelled();

  it('has at least 300 lines, real and made, contacts and look-alikes', () => {
    expect(rows.length).toBeGreaterThanOrEqual(300);
    for (const tag of ['real', 'made'] as const) {
      const tagged = rows.filter((r) => r.tag === tag);
      expect(tagged.filter((r) => r.expected.length > 0).length, `${tag} contact lines`).toBeGreaterThanOrEqual(30);
      expect(tagged.filter((r) => r.expected.length === 0).length, `${tag} look-alikes`).toBeGreaterThanOrEqual(30);
    }
    for (const r of rows) {
      expect(['real', 'made'], r.line).toContain(r.tag);
      for (const e of r.expected) expect(r.line, e.value).toContain(e.value);
    }
  });

  itShared('every `real` line is in the shared cable it names', () => {
    const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
    const texts = new Map<string, string>();
    const missing: string[] = [];
    for (const r of rows.filter((x) => x.tag === 'real')) {
      let text = texts.get(r.source);
      if (text === undefined) {
        const raw = readFileSync(join(SHARED, r.source), 'utf8');
        text = squash(r.source.endsWith('.html') ? decodeHTML(raw.replace(/<[^>]*>/g, '')) : raw);
        texts.set(r.source, text);
      }
      if (!text.includes(squash(r.line))) missing.push(`${r.source}: ${JSON.stringify(r.line)}`);
    }
    expect(missing).toEqual([]);
  });

  it('finds every contact exactly, with no false positive: precision and recall for real and made lines (printed)', () => {
    type Stat = { tp: number; fp: number; fn: number };
    const stats: Record<string, Record<string, Stat>> = { real: {}, made: {} };
    const stat = (tag: string, c: string): Stat => (stats[tag]![c] ??= { tp: 0, fp: 0, fn: 0 });
    const problems: string[] = [];
    for (const row of rows) {
      const found = detect(row.line, CONTACTS, { region: 'US' }).map((s) => ({ category: s.category, value: row.line.slice(s.start, s.end) }));
      const key = (x: { category: string; value: string }) => `${x.category}=${x.value}`;
      const want = new Set(row.expected.map(key));
      const got = new Set(found.map(key));
      for (const k of got) {
        const c = k.slice(0, k.indexOf('='));
        if (want.has(k)) stat(row.tag, c).tp++;
        else {
          stat(row.tag, c).fp++;
          problems.push(`FP ${k} in ${JSON.stringify(row.line)}`);
        }
      }
      for (const k of want) {
        if (!got.has(k)) {
          stat(row.tag, k.slice(0, k.indexOf('='))).fn++;
          problems.push(`FN ${k} in ${JSON.stringify(row.line)}`);
        }
      }
    }
    const lines: string[] = [];
    for (const tag of ['real', 'made']) {
      const tagged = rows.filter((r) => r.tag === tag);
      lines.push(`${tag}: ${tagged.length} lines (${tagged.filter((r) => r.expected.length).length} with contacts)`);
      for (const c of ['email', 'url', 'phone', 'fax', 'address']) {
        const s = stats[tag]![c] ?? { tp: 0, fp: 0, fn: 0 };
        const precision = s.tp / Math.max(1, s.tp + s.fp);
        const recall = s.tp / Math.max(1, s.tp + s.fn);
        const figures = s.tp + s.fp + s.fn === 0 ? "none in this set" : `precision=${(precision * 100).toFixed(1)}% recall=${(recall * 100).toFixed(1)}%`;
        lines.push(`  ${c.padEnd(6)} tp=${s.tp} fp=${s.fp} fn=${s.fn} ${figures}`);
      }
    }
    console.log(`redaction detectors on ${rows.length} labelled lines:\n  ${lines.join('\n  ')}`);
    expect(problems).toEqual([]);
    // every category is exercised by both kinds of line (fax: made lines only — no shared cable has a fax number)
    for (const c of ['email', 'url', 'phone', 'address']) expect(stats.real![c]?.tp ?? 0, `real ${c}`).toBeGreaterThan(0);
    for (const c of ['email', 'url', 'phone', 'fax', 'address']) expect(stats.made![c]?.tp ?? 0, `made ${c}`).toBeGreaterThan(0);
  });
});

describe('look-alikes named in the issue', () => {
  it.each([
    '4. (C) Paragraph four.',
    'March 11-12',
    '05/12/2018',
    '262134Z',
    'STATE 125628',
    'OTTAWA 00000372',
    '1.4(b)',
    'CAD 100 million',
    '99 percent',
    'MK-20',
  ])('%s is not a contact detail', (text) => {
    expect(detect(text, CONTACTS, { region: 'CA' })).toEqual([]);
  });
});

describe('normalized text', () => {
  it('finds a phone number split over a line break and maps back to the stored text', () => {
    const text = 'please call (613) 995-\n9282 today';
    const [span] = detect(text, CONTACTS, { region: 'CA' });
    expect(span).toBeDefined();
    expect(text.slice(span!.start, span!.end)).toBe('(613) 995-\n9282');
  });
});

describe('addresses broken by a line wrap', () => {
  it.each([
    ['write to katherine.baker@\nstate.gov today', 'katherine.baker@\nstate.gov'],
    ['write to katherine.\nbaker@state.gov today', 'katherine.\nbaker@state.gov'],
    ['visit http://www.state.sgov.gov/p/\nwha/ottawa for more', 'http://www.state.sgov.gov/p/\nwha/ottawa'],
  ])('%j', (text, value) => {
    const spans = detect(text, CONTACTS, { region: 'US' });
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual([value]);
  });
});

describe('merge', () => {
  it('merges overlapping spans; the longer one names the category', () => {
    expect(
      mergeSpans([
        { category: 'url', start: 5, end: 14 },
        { category: 'email', start: 0, end: 14 },
        { category: 'phone', start: 20, end: 30 },
      ]),
    ).toEqual([
      { category: 'email', start: 0, end: 14 },
      { category: 'phone', start: 20, end: 30 },
    ]);
  });

  it('an email host is never a URL on its own, even when only URLs are asked for', () => {
    expect(detect('write to a.b@state.gov now', new Set(['url']))).toEqual([]);
  });
});

describe('terms, patterns, names', () => {
  it('terms match whole words, case-insensitively, across a line break', () => {
    const text = 'Earl Turcotte met TURCOTTE-like people; earl\nturcotte said';
    const spans = detect(text, new Set(['term']), { terms: ['Earl Turcotte', 'turcotte'] });
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Earl Turcotte', 'TURCOTTE', 'earl\nturcotte']);
  });

  it('patterns are regular expressions', () => {
    const text = 'case ISN-2008-0042 and ISN-2009-0001';
    const spans = detect(text, new Set(['pattern']), { patterns: ['ISN-\\d{4}-\\d{4}'] });
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['ISN-2008-0042', 'ISN-2009-0001']);
  });

  it('names in contact sentences (opt-in)', () => {
    const text =
      'Earl Turcotte can be reached at: x. For more information please contact Katherine Baker (202-663-0104) or Sho Morimoto (202-663-0290) in PM/WRA.';
    const spans = detect(text, new Set(['name']));
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Earl Turcotte', 'Katherine Baker', 'Sho Morimoto']);
  });
});

describe('generated forms (fast-check)', () => {
  it('every phone form the issue lists is found whole, in any sentence', async () => {
    const fc = await import('fast-check');
    const area = fc.integer({ min: 201, max: 989 }).filter((n) => n % 100 !== 11 && Math.floor(n / 10) % 10 !== 9);
    const exchange = fc.integer({ min: 200, max: 999 }).filter((n) => n % 100 !== 11);
    const line = fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0'));
    const forms = [
      (a: number, e: number, l: string) => `(${a}) ${e}-${l}`,
      (a: number, e: number, l: string) => `${a}-${e}-${l}`,
      (a: number, e: number, l: string) => `${a}.${e}.${l}`,
      (a: number, e: number, l: string) => `+1 ${a} ${e} ${l}`,
      (a: number, e: number, l: string) => `${a}-${e}-${l} ext. 12`,
    ];
    const before = fc.constantFrom('Please call ', 'Phone: ', 'Contact Smith (', 'reached at ', 'Fax: ', '');
    const after = fc.constantFrom(' today.', ').', ' or by email.', '', ' in PM/WRA.');
    fc.assert(
      fc.property(area, exchange, line, fc.nat(forms.length - 1), before, after, (a, e, l, f, pre, post) => {
        const value = forms[f]!(a, e, l);
        const text = pre + value + post;
        const spans = detect(text, CONTACTS, { region: 'US' });
        expect(spans.map((s) => text.slice(s.start, s.end))).toEqual([value]);
        expect(spans[0]!.category).toBe(pre.startsWith('Fax') ? 'fax' : 'phone');
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it('dates, date-time groups and reference numbers are never found', async () => {
    const fc = await import('fast-check');
    const month = fc.constantFrom('JAN', 'FEB', 'MAR', 'NOV', 'DEC');
    const lookAlike = fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1990, max: 2030 })).map(([m, d, y]) => `DECL: ${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/${y}`),
      fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 2359 }), month, fc.integer({ min: 0, max: 99 })).map(([d, t, m, y]) => `O ${String(d).padStart(2, '0')}${String(t).padStart(4, '0')}Z ${m} ${String(y).padStart(2, '0')}`),
      fc.tuple(fc.constantFrom('STATE', 'OTTAWA', 'LONDON', 'CARACAS'), fc.integer({ min: 1, max: 999999 })).map(([p, n]) => `REF: ${p} ${String(n).padStart(6, '0')}`),
      fc.tuple(fc.constantFrom('OTTAWA', 'LA PAZ'), fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 9 })).map(([p, n, s]) => `${p} ${String(n).padStart(8, '0')} 00${s} OF 00${s + 1}`),
      fc.tuple(fc.constantFrom('March', 'June'), fc.integer({ min: 1, max: 20 })).map(([m, d]) => `on ${m} ${d}-${d + 2} in Oslo`),
      fc.integer({ min: 1990, max: 2030 }).map((y) => `the ${y}-${y + 1} budget of CAD 100 million`),
    );
    fc.assert(
      fc.property(lookAlike, (text) => {
        expect(detect(text, CONTACTS, { region: 'CA' })).toEqual([]);
      }),
      { numRuns: 400, seed: 12 },
    );
  });
});
