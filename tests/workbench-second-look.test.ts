/**
 * The second look in the workbench, in Debian's Chromium driven by playwright-core: a biography the
 * residual scan used to refuse (year ranges, an ISBN, `E-mail: ████` in the PDF) downloads as a
 * PDF; a cable with a number the detectors miss shows the hit in the text, marked as found by the
 * second look; a download is refused with the hit as a link to its place (and no flag to set);
 * once the person marks it Redact, the PDF (read back by poppler) no longer holds it; Keep needs
 * a reason, which the audit log records.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with scripts/ and bench/
import { openBrowser, serve } from '../scripts/workbench-browser.mjs';

type Served = { url: string; stop(): Promise<void> };
type Opened = { page: import('playwright-core').Page; close(): Promise<void> };

const DIR = 'tests/fixtures/redaction/second-look';
const MISSED = '613 99 51 234';
const work = mkdtempSync(join(tmpdir(), 'cablekit-e2e-second-look-'));
let served: Served;
let browser: Opened;

const pdfText = (path: string) => execFileSync('pdftotext', ['-q', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
const compact = (s: string) => s.replace(/\s+/g, '');

beforeAll(async () => {
  served = await serve();
  browser = await openBrowser();
  browser.page.on('dialog', (d) => void d.dismiss());
  await browser.page.goto(served.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Downloads what a button makes and returns the saved path. */
async function download(selector: string, name: string): Promise<string> {
  const { page } = browser;
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = join(work, name);
  await file.saveAs(path);
  return path;
}

describe('the second look in the workbench (Chromium)', () => {
  it('a biography with (1996-1999), an ISBN and an e-mail label downloads as a PDF: nothing for the second look', async () => {
    const { page } = browser;
    await page.setInputFiles('#pick-files', [`${DIR}/09LIMA1001.txt`]);
    await page.waitForSelector('.source-name:text("09LIMA1001.txt")');
    await page.click('#tab-redaction');
    await page.waitForSelector('#review-text [data-proposal]');
    expect(await page.locator('#second-look').count()).toBe(0);
    const pdf = await download('button:text("Download PDF")', 'biography.pdf');
    const text = compact(pdfText(pdf));
    expect(text).toContain(compact('Ambassador in Lima (1996-1999)'));
    expect(text).toContain(compact('ISBN: 978-1-4028-9462-6'));
    expect(text).not.toContain('rree.gob.pe');
    expect(await page.locator('#refusal').count()).toBe(0);
  });

  it('a hit the detectors miss: drawn as found by the second look; the download is refused with a link to it; Redact, and the PDF has it no more', async () => {
    const { page } = browser;
    await page.setInputFiles('#pick-files', [`${DIR}/10OTTAWA77.txt`]);
    await page.waitForSelector('.source-name:text("10OTTAWA77.txt")');
    await page.click('#tab-redaction');
    const hit = page.locator('#review-text [data-second-look]');
    await hit.waitFor();
    expect(await hit.textContent()).toBe(MISSED);
    expect(await hit.getAttribute('data-action')).toBe('pending');
    expect(await page.locator('#second-look').textContent()).toMatch(/Found by the second look.*phone in paragraph 1: 613 99 51 234 \(to decide\)/);

    // refused while undecided: the hit is a link to its place; the page names no command-line flag
    await page.click('button:text("Download PDF")');
    const refusal = page.locator('#refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/second look found a contact detail the detectors missed \(phone in paragraph 1\)/);
    expect(await page.locator('main').textContent()).not.toMatch(/--[a-z]|cablekit (plan|render)/);
    const key = await hit.getAttribute('data-proposal');
    await page.click(`#refusal a[data-hit="${key}"]`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`proposal-${key}`);

    // Redact, then download: the value is in no page of the PDF
    await page.click(`#second-look-${key} .decide-redact`);
    await page.waitForSelector(`#review-text [data-second-look][data-action="redact"]`);
    const pdf = await download('button:text("Download PDF")', 'redacted.pdf');
    const text = compact(pdfText(pdf));
    expect(text).toContain(compact('register by phone at'));
    expect(text).not.toContain(compact(MISSED));
    expect(text).not.toContain(compact('613-995-9282'));
  });

  it('Keep asks for a reason; the audit log records the hit by its sha256, with the reason', async () => {
    const { page } = browser;
    const key = await page.locator('#review-text [data-second-look]').getAttribute('data-proposal');
    await page.click(`#second-look-${key} .decide-keep`);
    await page.fill(`#second-look-${key} .keep-reason input`, 'the conference switchboard, published');
    await page.click(`#second-look-${key} .keep-reason button[type=submit]`);
    await page.waitForSelector(`#review-text [data-second-look][data-action="keep"]`);
    const audit = JSON.parse(readFileSync(await download('button:text("Audit log")', 'audit.json'), 'utf8'));
    expect(audit.cables[0].residual.hits).toEqual([
      { category: 'phone', where: 'paragraph 1', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), reason: 'the conference switchboard, published', source: 'plan' },
    ]);
    const pdf = await download('button:text("Download PDF")', 'kept.pdf');
    expect(compact(pdfText(pdf))).toContain(compact(MISSED));
  });
});
