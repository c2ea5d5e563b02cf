/**
 * Every real page of the shared corpus (../shared/cables, cables-more, cables-release: about 730
 * release pages, each as its `.html` and its derived `.txt`), read as a user reads them:
 *  - no word lost: every word of the input (routing and header included) is in the text output or
 *    in a logged repair;
 *  - no gap in the paragraph numbers that the reader made (a gap the source has is a warning);
 *  - the text output reads back to the same text;
 *  - the release's own metadata (id, date and hour, level) agrees with what the derived text gives
 *    under a neutral file name, as ../shared/peer/release-metadata-check.mjs counts it: the figure
 *    is printed, and must be at least 99.5% with no page refused.
 * Each file is read once; the whole run takes a few seconds.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseCable } from '../src/readers/cable/parse.js';
import { formatCable } from '../src/writers/format.js';
import { readCableSource } from '../src/review/source.js';
import { auditReading } from '../src/review/audit.js';
import type { Cable } from '../src/model/cable.js';
import { describeShared, sharedExists, sharedPages } from './support/shared.js';

/** The release calls SBU cables UNCLASSIFIED//FOR OFFICIAL USE ONLY. */
const LEVEL = (s: string): string => {
  const t = s.toUpperCase().replace(/\s+/g, ' ');
  if (t.startsWith('TOP SECRET')) return 'TOP SECRET';
  if (t.startsWith('SECRET')) return 'SECRET';
  if (t.startsWith('CONFIDENTIAL')) return 'CONFIDENTIAL';
  if (/UNCLASSIFIED\/\/FOR OFFICIAL USE ONLY/.test(t)) return 'SENSITIVE BUT UNCLASSIFIED';
  return t.startsWith('UNCLASSIFIED') ? 'UNCLASSIFIED' : t;
};

/** The release page's metadata table: reference id, created, released, classification. */
function pageMeta(html: string): { id: string; created: string; classification: string } | null {
  const cells = [...html.slice(html.indexOf("<table class='cable'>")).matchAll(/<td>\s*<a [^>]*>([^<]*)<\/a>\s*<\/td>/g)].map((m) => m[1]!.trim());
  return cells.length >= 4 ? { id: cells[0]!, created: cells[1]!, classification: cells[3]! } : null;
}

const pages = sharedExists ? sharedPages() : [];

/**
 * Pages of cables-release whose text output does not yet read back the same (known, left for an
 * issue of their own): `--` and `N)` list lines the second reading joins (09STATE127892,
 * 09STATE37561, 09STATE80163), a signer after the footer (09MEXICO3061). Both shapes of each; a new
 * one fails the test. (09RIYADH670, whose lines of `XXXXXXXXXXXX` read again as a heading and its
 * rule, is stable since the text shows them as redaction marks.)
 */
const NOT_YET_STABLE = ['09MEXICO3061', '09STATE127892', '09STATE37561', '09STATE80163'];

describeShared('every shared real page', () => {
  it(`is all there: about 730 pages (${pages.length})`, () => {
    expect(pages.length).toBeGreaterThanOrEqual(725);
  });

  it('reads with no word lost, no gap the reader made, and its text output reads back the same', () => {
    const lost: string[] = [];
    const readerGaps: string[] = [];
    const unstable: string[] = [];
    const refused: string[] = [];
    let files = 0;
    let sourceGaps = 0;
    for (const page of pages) {
      for (const path of [page.txt, page.html]) {
        if (!path) continue;
        let read: { cable: Cable; source: string };
        try {
          read = readCableSource(readFileSync(path), path);
        } catch (err) {
          refused.push(`${path}: ${(err as Error).message}`);
          continue;
        }
        files++;
        const text = formatCable(read.cable, 'text');
        const a = auditReading(read.cable, read.source, text);
        if (a.lostWords.length) lost.push(`${path}: ${a.lostWords.slice(0, 8).join(' ')}`);
        if (a.readerGaps.length) readerGaps.push(`${path}: ${a.readerGaps.map((g) => g.missing.join('–')).join(', ')}`);
        sourceGaps += a.sourceGaps.length;
        if (formatCable(parseCable(text, { file: path }), 'text') !== text) unstable.push(page.id);
      }
    }
    console.log(`every shared page: ${files} files read, ${lost.length} with a word lost, ${readerGaps.length} with a gap the reader made, ${sourceGaps} gaps the sources have (warned about)`);
    expect(refused).toEqual([]);
    expect(lost).toEqual([]);
    expect(readerGaps).toEqual([]);
    expect([...new Set(unstable)]).toEqual(NOT_YET_STABLE);
    expect(files).toBeGreaterThanOrEqual(1400);
  });

  it('agrees with the release pages\' own metadata (≥ 99.5%, none refused; the figure printed)', () => {
    const tally = { id: [0, 0], date: [0, 0], level: [0, 0], parsed: [0, 0] };
    const misses: string[] = [];
    const count = (k: keyof typeof tally, good: boolean, what: string) => {
      tally[k][1]!++;
      if (good) tally[k][0]!++;
      else misses.push(what);
    };
    for (const page of pages) {
      if (!page.html || !page.txt) continue;
      const meta = pageMeta(readFileSync(page.html, 'utf8'));
      if (!meta) continue;
      const raw = readFileSync(page.txt, 'utf8');
      let c: Cable | null = null;
      try {
        c = parseCable(raw, { file: 'cable.txt' }); // a neutral name: no file-name hint
      } catch {
        /* refused */
      }
      count('parsed', !!c, `${meta.id}: refused`);
      if (!c) continue;
      count('id', c.id === meta.id, `${meta.id}: id ${c.id}`);
      count('level', c.classification.level === LEVEL(meta.classification), `${meta.id}: level ${c.classification.level} vs ${meta.classification}`);
      // the pages' minutes are unreliable: date and hour only, where the text has a date-time group
      if (/\b\d{6}Z\s+[A-Z]{3}\s+\d{2}\b/.test(raw)) count('date', String(c.date ?? '').slice(0, 13).replace('T', ' ') === meta.created.slice(0, 13), `${meta.id}: date ${c.date} vs ${meta.created}`);
    }
    const ok = Object.values(tally).reduce((s, [a]) => s + a!, 0);
    const n = Object.values(tally).reduce((s, [, b]) => s + b!, 0);
    const pct = (100 * ok) / n;
    const fields = Object.entries(tally).map(([k, [a, b]]) => `${k} ${a}/${b}`).join(', ');
    console.log(`release metadata agreement: ${ok}/${n} (${pct.toFixed(1)}%): ${fields}; disagreeing: ${misses.join('; ')}`);
    expect(misses.filter((m) => m.endsWith('refused'))).toEqual([]);
    expect(pct).toBeGreaterThanOrEqual(99.5);
  });
});
