/**
 * The workbench end to end, in Debian's Chromium driven by playwright-core: one `cablekit serve`
 * and one browser for every check, in the order a person would work.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with scripts/ and bench/
import { openBrowser, serve } from '../scripts/workbench-browser.mjs';

type Served = { url: string; base: string; token: string; stop(): Promise<void> };
type Opened = { page: import('playwright-core').Page; close(): Promise<void> };

const work = mkdtempSync(join(tmpdir(), 'cablekit-e2e-'));
let served: Served;
let browser: Opened;
const dialogs: string[] = [];

/** Text read back from a PDF by poppler, spaces squeezed out (so a wrapped value still matches). */
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
const compact = (s: string) => s.replace(/\s+/g, '');

beforeAll(async () => {
  served = await serve();
  browser = await openBrowser();
  browser.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await browser.page.goto(served.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('the workbench in Chromium', () => {
  it('loads a sample by the file picker and highlights as many repairs as `cablekit inspect` counts', async () => {
    const { page } = browser;
    await page.setInputFiles('#pick-files', ['samples/08OTTAWA372.txt']);
    await page.waitForSelector('#raw [data-repair]');
    const inspect = spawnSync(process.execPath, ['bin/cablekit.js', 'inspect', 'samples/08OTTAWA372.txt'], { encoding: 'utf8' }).stdout;
    const repairs = Number(inspect.split('\n')[1]!.split(/\s{2,}/)[4]);
    expect(repairs).toBeGreaterThan(10);
    expect(await page.locator('#raw [data-repair]').count()).toBe(repairs);
    const clean = await page.locator('#clean [data-repair]').count();
    const wholeFile = await page.locator('#whole-file [data-repair]').count();
    expect(clean + wholeFile).toBe(repairs);
    // each repair once per pane, numbered as in cable.repairs
    const ids = await page.locator('#raw [data-repair]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-repair'))).sort((a, b) => a - b));
    expect(ids).toEqual([...Array(repairs).keys()]);
    // hover and focus say before → after
    const wiki = page.locator('#raw [data-kind="wiki-link"]').first();
    expect(await wiki.getAttribute('title')).toBe('wiki-link: [PARM](#) → PARM');
    await expect.poll(() => page.locator('#tab-repairs').textContent()).toBe(`Repairs (${repairs})`);
  });

  it('shows a cable holding <script> as text', async () => {
    const { page } = browser;
    const hostile = readFileSync('samples/08OTTAWA372.txt', 'utf8')
      .replace('SUBJECT: CANADA: DISCORD', 'SUBJECT: <script>alert(1)</script> CANADA: DISCORD')
      .replace('Embassy discussions with Canadian officials', 'Embassy discussions <img src=x onerror=alert(2)> with <script>alert(1)</script> Canadian officials');
    // dropped on the page this time
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'hostile.txt', { type: 'text/plain' }));
      return dt;
    }, hostile);
    await page.dispatchEvent('main', 'drop', { dataTransfer });
    await page.waitForSelector('.source-name:text("hostile.txt")');
    expect(await page.locator('#raw').textContent()).toContain('<script>alert(1)</script>');
    expect(await page.locator('#clean').textContent()).toContain('with <script>alert(1)</script> Canadian');
    expect(await page.locator('#cable-title').textContent()).toContain('<script>alert(1)</script> CANADA');
    expect(await page.locator('main script, main img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('switches one proposed redaction to keep; the PDF has the kept value and none of the others', async () => {
    const { page } = browser;
    await page.setInputFiles('#pick-files', ['samples/07OTTAWA117.txt']);
    await page.waitForSelector('.source-name:text("07OTTAWA117.txt")');
    await page.click('#tab-redaction');
    await page.waitForSelector('#review-text [data-proposal]');
    const proposals = await page.locator('#review-text [data-proposal]').evaluateAll((els) => els.map((e) => ({ key: e.getAttribute('data-proposal'), value: e.textContent ?? '' })));
    const values = proposals.map((p) => p.value);
    expect(values).toEqual(expect.arrayContaining(['(613) 995-9282', '(613) 944-2501', 'earl.turcotte@international.gc.ca']));
    const kept = proposals.find((p) => p.value === '(613) 995-9282')!;
    await page.click(`#review-text [data-proposal="${kept.key}"]`);
    await page.waitForSelector(`#review-text [data-proposal="${kept.key}"][data-action="keep"]`);
    expect(await page.locator('#review-text [data-action="redact"]').count()).toBe(proposals.length - 1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:text("Download PDF")')]);
    expect(download.suggestedFilename()).toBe('07OTTAWA117.pdf');
    const pdf = join(work, '07OTTAWA117.pdf');
    await download.saveAs(pdf);
    const text = compact(pdfText(pdf));
    expect(text).toContain(compact('(613) 995-9282'));
    for (const other of values.filter((v) => v !== kept.value)) expect(text, other).not.toContain(compact(other));
  });

  it('adds a selected span, and exports the reviewed plan as the file `cablekit render --plan` applies', async () => {
    const { page } = browser;
    // select a word of the clean text and redact it
    await page.evaluate(() => {
      const root = document.getElementById('review-text')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = n.textContent!.indexOf('Norwegians');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + 'Norwegians'.length);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
        return;
      }
      throw new Error('no Norwegians in the clean text');
    });
    await page.click('#redact-selection:not([disabled])');
    await page.waitForSelector('#review-text [data-proposal]:text("Norwegians")');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:text("Export plan")')]);
    const plan = join(work, 'plan.json');
    await download.saveAs(plan);
    const parsed = JSON.parse(readFileSync(plan, 'utf8'));
    expect(parsed.format).toBe('cablekit-redaction-plan');
    expect(parsed.cables[0].redactions.find((r: { value: string }) => r.value === '(613) 995-9282').action).toBe('keep');
    expect(parsed.cables[0].added).toEqual([expect.objectContaining({ field: 'paragraph', value: 'Norwegians' })]);
    const r = spawnSync(process.execPath, ['bin/cablekit.js', 'render', 'samples/07OTTAWA117.txt', '--format', 'text', '--plan', plan], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('(613) 995-9282');
    expect(r.stdout).not.toContain('944-2501');
    expect(r.stdout).not.toContain('Norwegians');
    expect(r.stdout).toContain('officials also understood from the');
  });

  it('makes a two-cable briefing book', async () => {
    const { page } = browser;
    await page.locator('#cable-list li[data-id="08OTTAWA372"] input[type=checkbox]').first().check();
    await page.locator('#cable-list li[data-id="07OTTAWA117"] input[type=checkbox]').first().check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#make-book')]);
    expect(download.suggestedFilename()).toBe('briefing-book.pdf');
    const book = join(work, 'book.pdf');
    await download.saveAs(book);
    const text = pdfText(book);
    expect(text).toContain('Briefing book');
    expect(text).toContain('07OTTAWA117');
    expect(text).toContain('08OTTAWA372');
    // the reviewed plan of 07OTTAWA117 holds in the book too
    expect(compact(text)).toContain(compact('(613) 995-9282'));
    expect(compact(text)).not.toContain('earl.turcotte');
    expect(await page.locator('#status').textContent()).toMatch(/briefing-book\.pdf: 2 cables/);
  });

  it('loads pasted text, and a folder by the folder picker (a bad file among them shows its one line)', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Paste text…' }).click();
    await page.fill('#paste-text', readFileSync('samples/07OTTAWA117.txt', 'utf8'));
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await expect.poll(() => page.locator('#cable-title').textContent()).toContain('07OTTAWA117');
    const folder = join(work, 'folder');
    mkdirSync(folder);
    copyFileSync('samples/08STATE125628.txt', join(folder, '08STATE125628.txt'));
    writeFileSync(join(folder, 'notes.txt'), 'shopping list: milk, eggs');
    await page.setInputFiles('#pick-folder', folder);
    await page.waitForSelector('#cable-list li[data-handle] >> text=08STATE125628');
    // the folder's own name and the file's path in it, as the browser gives them
    await expect.poll(() => page.locator('#cable-list .error-line').allTextContents()).toEqual(['folder/notes.txt: not a cable: no classification line, date-time group or reference id found']);
  });

  it('refuses a request without the token, and one from another origin (403)', async () => {
    expect((await fetch(`${served.base}/api/cables`)).status).toBe(403);
    const foreign = await fetch(`${served.base}/api/cables`, { headers: { 'X-Cablekit-Token': served.token, Origin: 'http://attacker.example' } });
    expect(foreign.status).toBe(403);
    expect((await fetch(`${served.base}/api/cables`, { headers: { 'X-Cablekit-Token': served.token } })).status).toBe(200);
  });
});
