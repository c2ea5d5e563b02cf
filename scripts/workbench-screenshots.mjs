/**
 * Regenerates the README's screenshots of the workbench (docs/workbench-*.png) with the same
 * browser the end-to-end tests use: `cablekit serve` in a child process, Debian's Chromium driven
 * by playwright-core, a 1280×800 window.
 *
 *   npm run build && node scripts/workbench-screenshots.mjs                       all of them
 *   npm run build && node scripts/workbench-screenshots.mjs workbench-search.png  only the ones named
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser, serve } from './workbench-browser.mjs';
import { generateCsv } from './release-csv.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const docs = join(root, 'docs');
mkdirSync(docs, { recursive: true });

// a bulk CSV shaped like the release (2,000 rows made from the sample rows), for the CSV browser
const scratch = mkdtempSync(join(tmpdir(), 'cablekit-shots-'));
const csv = join(scratch, 'cables.csv');
await generateCsv(csv, 2000);

const only = new Set(process.argv.slice(2).map((a) => (a === 'search' ? 'workbench-search.png' : a)));
const want = (name) => only.size === 0 || only.has(name);

if (only.size === 0 || [...only].some((n) => n !== 'workbench-search.png')) {
const served = await serve(root);
const browser = await openBrowser();
const { page } = browser;
const shot = async (name) => {
  if (!want(name)) return;
  await page.screenshot({ path: join(docs, name) });
  console.log(`docs/${name}`);
};
try {
  await page.goto(served.url);
  await page.setInputFiles('#pick-files', ['05OTTAWA1502.txt', '07OTTAWA117.txt', '08OTTAWA372.txt', '08STATE125628.txt'].map((f) => join(root, 'samples', f)));
  await page.waitForSelector('#raw [data-repair]');
  await page.click('#cable-list li[data-id="08OTTAWA372"] .pick');
  await page.waitForSelector('.source-name:text("08OTTAWA372.txt")');
  // focus a repair in the body, so its before → after shows
  const stray = page.locator('#raw [data-kind="stray-one"]').first();
  await stray.scrollIntoViewIfNeeded();
  await page.locator('#clean [data-kind="stray-one"]').first().scrollIntoViewIfNeeded();
  await stray.focus();
  await shot('workbench-repairs.png');

  await page.click('#tab-header');
  await shot('workbench-header.png');

  await page.click('#cable-list li[data-id="07OTTAWA117"] .pick');
  await page.waitForSelector('.source-name:text("07OTTAWA117.txt")');
  await page.click('#tab-redaction');
  await page.getByLabel('Maximum level').selectOption('SBU');
  await page.waitForSelector('#review-text .withheld');
  const phone = page.locator('#review-text [data-proposal]', { hasText: '(613) 995-9282' });
  await phone.click();
  await page.waitForSelector('#review-text [data-action="keep"]');
  await page.locator('#review-text [data-action="keep"]').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.waitForSelector('#preview');
  await page.waitForTimeout(6000); // the preview is made again after the last change, then the PDF viewer draws page 1
  await shot('workbench-redaction.png');

  await page.setInputFiles('#pick-csv', [csv]);
  await page.waitForSelector('#csv-count:text("matching")');
  await page.getByLabel('Classification').fill('CONFIDENTIAL');
  await page.getByLabel('From date').fill('1990');
  await page.click('button:text("Filter")');
  await page.waitForSelector('#csv-count:text("matching")');
  await shot('workbench-csv.png');

  // the people a cable protects: each one decision for every mention (one kept, with its reason)
  if (want('workbench-sources.png')) {
    await page.setInputFiles('#pick-files', [join(root, 'tests', 'fixtures', 'redaction', 'made-up', '09VILNIUS902.txt')]);
    await page.waitForSelector('.source-name:text("09VILNIUS902.txt")');
    await page.click('#tab-redaction');
    await page.getByLabel('Maximum level').selectOption('');
    await page.waitForSelector('#people .person');
    const brevik = '#people .person[data-name="Tomas Brevik"]';
    await page.click(`${brevik} .person-keep`);
    await page.fill(`${brevik} .keep-reason input`, 'named in the press the same week');
    await page.click(`${brevik} .keep-reason button[type=submit]`);
    await page.waitForSelector(`${brevik}[data-action="keep"]`);
    await page.locator('#people').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForSelector('#preview');
    await page.waitForTimeout(6000); // the preview is made again after the last change, then the PDF viewer draws page 1
    await shot('workbench-sources.png');
  }

  // the second look: a number the detectors miss, drawn in the text; the download refused with a link to it
  await page.setInputFiles('#pick-files', [join(root, 'tests', 'fixtures', 'redaction', 'second-look', '10OTTAWA77.txt')]);
  await page.waitForSelector('.source-name:text("10OTTAWA77.txt")');
  await page.click('#tab-redaction');
  await page.waitForSelector('#review-text [data-second-look]');
  await page.click('button:text("Download PDF")');
  await page.waitForSelector('#refusal a[data-hit]');
  await page.locator('#refusal').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.locator('#second-look .decide-keep').click();
  await page.locator('#second-look .keep-reason input').fill('the conference switchboard, published');
  await page.waitForSelector('#preview');
  await page.waitForTimeout(6000); // the PDF viewer draws page 1
  await page.locator('#review-text [data-second-look]').hover();
  await shot('workbench-second-look.png');
} finally {
  await browser.close();
  await served.stop();
}
}

// The search of an index (`cablekit serve --index`): the development cables and the CSV sample.
if (want('workbench-search.png')) {
  const db = join(scratch, 'release.db');
  const { buildIndex, discoverInputs } = await import('../dist/index.js');
  await buildIndex(await discoverInputs(['samples', 'tests/fixtures/cables/*.txt', 'tests/fixtures/cables/cables-sample.csv'].map((p) => join(root, p))), { out: db });
  const served = await serve(root, ['--index', db]);
  const browser = await openBrowser();
  const { page } = browser;
  try {
    await page.goto(served.url);
    await page.waitForSelector('#search-count:text("cables")');
    await page.fill('#search-query', 'nato OR alliance -canada');
    await page.click('button:text("Search")');
    await page.waitForSelector('#search-results li');
    await page.locator('[data-facet="classification"][data-value="CONFIDENTIAL"]').click();
    await page.waitForSelector('#search-filters');
    await page.locator('#search-results li input[type=checkbox]').nth(0).check();
    await page.locator('#search-results li input[type=checkbox]').nth(2).check();
    await page.waitForSelector('.book-panel :text("2 cables ticked")');
    await page.screenshot({ path: join(docs, 'workbench-search.png') });
    console.log('docs/workbench-search.png');
  } finally {
    await browser.close();
    await served.stop();
  }
}
rmSync(scratch, { recursive: true, force: true });
