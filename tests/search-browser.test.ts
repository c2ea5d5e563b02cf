/**
 * The workbench on a search index, end to end in Debian's Chromium (issue 17): `cablekit serve
 * --index` on an index of the development cables and the bulk-CSV sample; a search, a facet,
 * a result opened into the cable views, two results ticked into the book, the book downloaded
 * and read back with poppler.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with scripts/ and bench/
import { openBrowser, serve } from '../scripts/workbench-browser.mjs';
import { buildIndex, CableIndex, searchIndexAvailable } from '../src/search/index.js';
import { discoverInputs } from '../src/readers/input/discover.js';
import { parseFilter } from '../src/select/filter.js';

type Served = { url: string; base: string; token: string; stop(): Promise<void> };
type Opened = { page: import('playwright-core').Page; close(): Promise<void> };

const available = searchIndexAvailable();
if (!available) console.log('workbench search test skipped: better-sqlite3 is not installed (an optional dependency)');

const work = mkdtempSync(join(tmpdir(), 'cablekit-search-e2e-'));
const DB = join(work, 'release.db');
let served: Served;
let browser: Opened;

beforeAll(async () => {
  if (!available) return;
  await buildIndex(await discoverInputs(['samples', 'tests/fixtures/cables', 'tests/fixtures/cables/cables-sample.csv']), { out: DB, jobs: 2 });
  served = await serve(undefined, ['--index', DB]);
  browser = await openBrowser();
  await browser.page.goto(served.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!available)('the workbench on a search index, in Chromium', () => {
  it('opens on the search, says the index makes the CSV upload optional, and shows every cable with facets', async () => {
    const { page } = browser;
    await page.waitForSelector('#search-count:text("cables")');
    const index = CableIndex.open(DB);
    const all = index.info().cables;
    index.close();
    expect(await page.locator('#search-count').textContent()).toBe(`${all.toLocaleString('en')} cables · 1–20`);
    expect(await page.locator('.search-note').textContent()).toMatch(/uploading the bulk CSV is optional .* without the 100 MB limit/);
    expect(await page.locator('[data-facet="tag"]').count()).toBeGreaterThan(5);
  });

  it('searches, narrows by a facet, and counts what select --index counts', async () => {
    const { page } = browser;
    await page.fill('#search-query', 'nato OR alliance -"cluster munitions"');
    await page.click('button:text("Search")');
    await page.waitForSelector('#search-results li');
    const index = CableIndex.open(DB);
    const total = index.select({ query: 'nato OR alliance -"cluster munitions"' }).length;
    await expect.poll(() => page.locator('#search-count').textContent()).toMatch(new RegExp(`^${total.toLocaleString('en')} cables`));
    // the hits' words are highlighted in the snippets (as text: no HTML built from strings)
    const marks = await page.locator('#search-results .snippet mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m.toLowerCase()).toMatch(/^(nato|alliance)$/);
    // narrow by the first tag facet: the count is --filter tag='s
    const facet = page.locator('[data-facet="tag"]').first();
    const tag = (await facet.getAttribute('data-value'))!;
    const facetCount = Number((await facet.locator('.count').textContent())!.replace(/,/g, ''));
    await facet.click();
    await page.waitForSelector(`#search-filters :text("tag: ${tag}")`);
    const narrowed = index.select({ query: 'nato OR alliance -"cluster munitions"', filter: parseFilter([`tag=${tag}`]) });
    index.close();
    expect(narrowed.length).toBe(facetCount);
    await expect.poll(() => page.locator('#search-count').textContent()).toMatch(new RegExp(`^${facetCount} cables?`));
    expect(await page.locator('#search-results li').count()).toBe(Math.min(20, facetCount));
  });

  it('opens a result into the cable views', async () => {
    const { page } = browser;
    const first = page.locator('#search-results li').first();
    const id = (await first.getAttribute('data-id'))!;
    await first.locator('.hit-id').click();
    await expect.poll(() => page.locator('#cable-title').textContent()).toContain(id);
    // read again from its input: the repairs view has the input beside the clean text
    await page.waitForSelector('#raw');
    await page.click('#tab-header');
    await expect.poll(() => page.locator('main').textContent()).toContain(id);
  });

  it('ticks two results into the book and downloads it; poppler reads both chapters back', async () => {
    const { page } = browser;
    await page.click('#show-search');
    await page.fill('#search-query', '"oslo process" OR "cluster munitions"');
    await page.click('button:text("Search")');
    await page.waitForSelector('#search-results li');
    await page.locator('#search-filters button').first().click(); // the tag narrowing goes
    await expect.poll(() => page.locator('#search-filters').count()).toBe(0);
    const items = page.locator('#search-results li');
    await expect.poll(() => items.count()).toBeGreaterThan(1);
    const ids: string[] = [];
    for (let i = 0; ids.length < 2; i++) {
      const id = (await items.nth(i).getAttribute('data-id'))!;
      if (ids.includes(id)) continue; // a cable indexed twice (its .txt and its .html)
      ids.push(id);
      await items.nth(i).locator('input[type=checkbox]').check();
      await expect.poll(() => items.nth(i).locator('input[type=checkbox]').isChecked()).toBe(true);
    }
    await expect.poll(() => page.locator('.book-panel').textContent()).toContain('2 cables ticked');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#make-book')]);
    const book = join(work, 'book.pdf');
    await download.saveAs(book);
    const text = execFileSync('pdftotext', ['-layout', book, '-'], { encoding: 'utf8' });
    expect(text).toContain('Briefing book');
    for (const id of ids) expect(text).toContain(id);
    expect(await page.locator('#status').textContent()).toMatch(/briefing-book\.pdf: 2 cables/);
  });

  it('answers a bad query with one line, and no route takes a path from the page', async () => {
    const { page } = browser;
    await page.fill('#search-query', 'nato OR -canada');
    await page.click('button:text("Search")');
    await expect.poll(() => page.locator('.search-view .refusal').textContent()).toBe(
      'cablekit: cannot search for -canada on its own inside an OR: say what to leave it out of, e.g. (nato -canada) OR alliance',
    );
    const r = await fetch(`${served.base}/api/search?index=/etc/passwd&q=nato`, { headers: { 'X-Cablekit-Token': served.token } });
    expect(r.status).toBe(200); // the parameter is not read: the index is the one on the command line
    expect((await fetch(`${served.base}/api/search?q=nato`)).status).toBe(403);
  });
});
