/**
 * "People the cable protects" in the workbench, in Debian's Chromium driven by playwright-core: a
 * cable with markers opens with protected sources on (the switch is on by default for it); the
 * list shows each person with all their mentions; one click keeps (with a reason) or redacts all
 * of one person's mentions; a marker that names no one lists the persons named near it and one
 * click protects one of them; the PDF downloaded (read back by poppler) holds what was decided and
 * nothing else. A cable without a marker opens with the switch off.
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

const DIR = 'tests/fixtures/redaction/made-up';
const work = mkdtempSync(join(tmpdir(), 'cablekit-e2e-sources-'));
let served: Served;
let browser: Opened;

/** The words of a PDF's text layer, lower case, one space apart. */
const words = (path: string) => ` ${(execFileSync('pdftotext', ['-q', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')} `;

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

async function download(selector: string, name: string): Promise<string> {
  const { page } = browser;
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = join(work, name);
  await file.saveAs(path);
  return path;
}

describe('the people the cable protects (Chromium)', () => {
  it('a cable with markers: the sources switch is on, each person listed with every mention, all redacted in the PDF', async () => {
    const { page } = browser;
    await page.setInputFiles('#pick-files', [`${DIR}/09VILNIUS902.txt`]);
    await page.waitForSelector('.source-name:text("09VILNIUS902.txt")');
    await page.click('#tab-redaction');
    await page.waitForSelector('#people .person');
    expect(await page.isChecked('input[name=redact][value=sources]')).toBe(true);
    const names = await page.locator('#people .person').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    expect(names).toEqual(['Ilona Varga', 'Tomas Brevik', 'Luigi Marchetti', 'Mihai Popescu', 'Jan Novak']);
    expect(await page.locator('#people .person[data-name="Ilona Varga"] .mentions').textContent()).toMatch(/^9 mentions: subject/);
    // every mention is drawn in the review text, redacted
    expect(await page.locator('#review-text [data-person="0"][data-action="redact"]').count()).toBeGreaterThanOrEqual(7);
    const pdf = words(await download('button:text("Download PDF")', 'all.pdf'));
    for (const name of ['varga', 'brevik', 'marchetti', 'popescu', 'novak']) expect(pdf, name).not.toContain(` ${name} `);
    expect(pdf).toContain(' strictly protect ');
  });

  it('one click keeps all of one person’s mentions (with a reason), another redacts them all again; the audit log records the keep', async () => {
    const { page } = browser;
    const brevik = '#people .person[data-name="Tomas Brevik"]';
    await page.click(`${brevik} .person-keep`);
    await page.fill(`${brevik} .keep-reason input`, 'named in the press the same week');
    await page.click(`${brevik} .keep-reason button[type=submit]`);
    await page.waitForSelector(`${brevik}[data-action="keep"]`);
    expect(await page.locator('#review-text [data-person="1"][data-action="keep"]').count()).toBe(3);
    let pdf = words(await download('button:text("Download PDF")', 'kept.pdf'));
    expect(pdf).toContain(' dr tomas brevik protect ');
    expect(pdf).toContain(' brevik said ');
    expect(pdf).not.toContain(' varga ');
    const audit = JSON.parse(readFileSync(await download('button:text("Audit log")', 'audit.json'), 'utf8'));
    expect(audit.cables[0].plan.kept.filter((k: { category: string }) => k.category === 'source')).toHaveLength(3);
    // a click on one of his mentions in the text redacts every one of them again
    await page.click('#review-text [data-person="1"][data-mention="1"]');
    await page.waitForSelector(`${brevik}[data-action="redact"]`);
    pdf = words(await download('button:text("Download PDF")', 'again.pdf'));
    expect(pdf).not.toContain(' brevik ');
  });

  it('a marker that names no one lists the persons near it; one click protects one of them', async () => {
    const { page } = browser;
    await page.setInputFiles('#pick-files', [`${DIR}/09RIGA903.txt`]);
    await page.waitForSelector('.source-name:text("09RIGA903.txt")');
    await page.click('.source-name:text("09RIGA903.txt")');
    await page.click('#tab-redaction');
    await page.waitForSelector('#people .open-marker');
    const open = page.locator('#people .open-marker', { hasText: 'The Estonian Ambassador' });
    expect(await open.locator('[data-candidate]').first().textContent()).toMatch(/^Peeter Tamm/);
    await open.locator('[data-candidate] .person-redact').first().click();
    await page.waitForSelector('#review-text [data-action="redact"]:text("Estonian Ambassador Peeter Tamm")');
    const pdf = words(await download('button:text("Download PDF")', 'riga.pdf'));
    expect(pdf).not.toContain(' tamm ');
    expect(pdf).not.toContain(' karl ');
    expect(pdf).toContain(' finance minister anna berzins ');
  });

  it('a cable without a marker opens with the switch off', async () => {
    const { page } = browser;
    await page.setInputFiles('#pick-files', ['tests/fixtures/redaction/made-up/09VALLETTA901.txt']);
    await page.waitForSelector('.source-name:text("09VALLETTA901.txt")');
    await page.click('.source-name:text("09VALLETTA901.txt")');
    await page.click('#tab-redaction');
    await page.waitForSelector('#proposal-counts');
    expect(await page.isChecked('input[name=redact][value=sources]')).toBe(false);
    expect(await page.locator('#people').count()).toBe(0);
  });
});
