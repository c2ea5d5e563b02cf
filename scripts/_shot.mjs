import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const url = process.argv[2];
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'wb-ud-')), {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 800 }, acceptDownloads: true,
});
const page = ctx.pages()[0] ?? await ctx.newPage();
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url);
await page.setInputFiles('#pick-files', ['samples/07OTTAWA117.txt']);
await page.waitForSelector('#raw mark');
await page.click('#tab-redaction');
await page.waitForSelector('#review-text [data-proposal]');
console.log(await page.locator('#review-text [data-proposal]').evaluateAll((els) => els.map((e) => e.textContent + ':' + e.getAttribute('data-action'))));
await page.waitForSelector('#preview', { timeout: 15000 }).catch(() => console.log('no preview'));
await page.waitForTimeout(6000);
await page.screenshot({ path: '/tmp/wb3.png' });
const t0 = Date.now();
await page.locator('#review-text [data-proposal="0"]').click();
await page.waitForSelector('#review-text [data-proposal="0"][data-action="keep"]');
console.log('toggle ms', Date.now() - t0);
const [dl] = await Promise.all([page.waitForEvent('download'), page.click('text=Download PDF')]);
console.log('download', dl.suggestedFilename(), await dl.path());
await page.getByLabel('Maximum level').selectOption('U').catch(e=>console.log(e.message));
await page.waitForTimeout(1500);
await page.screenshot({ path: '/tmp/wb4.png' });
await ctx.close();
