/**
 * The release's own metadata as ground truth: every release page of the development set
 * (tests/fixtures/cables/*.html) carries its reference id, creation time and classification. Each
 * page's derived text is parsed under a neutral file name (no file-name hint) and compared, as the
 * shared check `release-metadata-check.mjs` does: id, date and hour (where the text has a DTG),
 * level (SBU = `UNCLASSIFIED//FOR OFFICIAL USE ONLY`); a refused page counts against it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseCable } from '../src/parse/index.js';
import type { Cable } from '../src/model/cable.js';

const dir = 'tests/fixtures/cables';

const LEVEL = (s: string): string => {
  const t = s.toUpperCase().replace(/\s+/g, ' ');
  if (t.startsWith('TOP SECRET')) return 'TOP SECRET';
  if (t.startsWith('SECRET')) return 'SECRET';
  if (t.startsWith('CONFIDENTIAL')) return 'CONFIDENTIAL';
  if (/UNCLASSIFIED\/\/FOR OFFICIAL USE ONLY/.test(t)) return 'SENSITIVE BUT UNCLASSIFIED';
  return t.startsWith('UNCLASSIFIED') ? 'UNCLASSIFIED' : t;
};

it('the development pages agree with their own metadata (≥ 99.5%, none refused)', () => {
  const pages = readdirSync(dir).filter((n) => n.endsWith('.html') && existsSync(`${dir}/${n.replace(/\.html$/, '.txt')}`));
  expect(pages.length).toBeGreaterThanOrEqual(156);
  let ok = 0;
  let n = 0;
  const misses: string[] = [];
  const count = (good: boolean, what: string) => {
    n++;
    if (good) ok++;
    else misses.push(what);
  };
  for (const page of pages) {
    const html = readFileSync(`${dir}/${page}`, 'utf8');
    const cells = [...html.slice(html.indexOf("<table class='cable'>")).matchAll(/<td>\s*<a [^>]*>([^<]*)<\/a>\s*<\/td>/g)].map((m) => m[1]!.trim());
    const [id, created, , cls] = cells as [string, string, string, string];
    const raw = readFileSync(`${dir}/${page.replace(/\.html$/, '.txt')}`, 'utf8');
    let c: Cable | null = null;
    try {
      c = parseCable(raw, { file: 'cable.txt' });
    } catch {
      /* refused */
    }
    count(!!c, `${id}: refused`);
    if (!c) continue;
    count(c.id === id, `${id}: id ${c.id}`);
    count(c.classification.level === LEVEL(cls), `${id}: level ${c.classification.level} vs ${cls}`);
    if (/\b\d{6}Z\s+[A-Z]{3}\s+\d{2}\b/.test(raw)) count(String(c.date ?? '').slice(0, 13).replace('T', ' ') === created.slice(0, 13), `${id}: date ${c.date} vs ${created}`);
  }
  const pct = (100 * ok) / n;
  console.log(`release metadata agreement: ${ok}/${n} (${pct.toFixed(1)}%)${misses.length ? `; disagreeing: ${misses.join('; ')}` : ''}`);
  expect(misses.filter((m) => m.endsWith('refused'))).toEqual([]);
  expect(pct).toBeGreaterThanOrEqual(99.5);
});
