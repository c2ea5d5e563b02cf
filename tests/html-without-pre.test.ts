/**
 * A cable saved as an HTML page without the release's `<pre>` blocks (another site, a browser's
 * "save as", a copy pasted into a page): `<br>` lines and `<div>`/`<p>` blocks, navigation around it.
 * It reads as the release page does, from the cable's first line, with a warning.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCableBytes } from '../src/readers/cable/parse.js';
import { isReleaseHtml } from '../src/readers/cable/html.js';
import type { Cable } from '../src/model/cable.js';
import { itShared, sharedExists, sharedPages } from './support/shared.js';

/** Every release page of the shared corpus (../shared/cables, cables-more, cables-release). */
const pages = sharedExists ? sharedPages().flatMap((p) => (p.html ? [p.html] : [])) : [];

/** The release page with each `<pre>` turned into a `<div>` of `<br>` lines (a `<br>` some pages hold inside the `<pre>` already is that line's break). */
function withoutPre(html: string): string {
  return html.replace(/<pre[^>]*>([\s\S]*?)<\/pre>/g, (_, body: string) => `<div class="text">${body.replace(/<br\s*\/?>/gi, '').replace(/&#x000A;/g, '\n').replace(/\n/g, '<br>\n')}</div>`);
}

const key = (c: Cable) => ({
  id: c.id,
  date: c.date,
  level: c.classification.level,
  subject: c.subject,
  tags: c.tags,
  refs: c.references.map((r) => r.id),
  numbers: c.paragraphs.map((p) => p.number),
  classifiedBy: c.classifiedBy,
  signature: c.signature,
  to: c.to.map((t) => t.name),
  text: c.paragraphs.map((p) => p.text).join('\n').replace(/\s+/g, ' '),
});

describe('an HTML page without <pre> blocks', () => {
  itShared('reads every shared release page the same once its <pre> blocks are <br> lines', () => {
    expect(pages.length).toBeGreaterThan(700);
    const differ: string[] = [];
    for (const f of pages) {
      const html = readFileSync(f, 'utf8');
      const a = key(parseCableBytes(Buffer.from(html), f));
      const converted = parseCableBytes(Buffer.from(withoutPre(html)), f);
      expect(converted.warnings.map((w) => w.kind), f).toContain('html-without-pre');
      if (JSON.stringify(key(converted)) !== JSON.stringify(a)) differ.push(f);
    }
    expect(differ).toEqual([]);
  });

  it('a minimal page: <p> paragraphs with <br> lines, entities, a script and a heading before the cable', () => {
    const page = [
      '<!DOCTYPE html><html><head><title>Cable</title><style>p{margin:1em}</style></head><body>',
      '<h1>A cable I saved</h1><script>var x = "C O N F I D E N T I A L OTTAWA 000372";</script>',
      '<p>R 121633Z MAY 08<br>FM AMEMBASSY OTTAWA<br>TO SECSTATE WASHDC 7838</p>',
      '<p>C O N F I D E N T I A L OTTAWA 000372</p><p>E.O. 12958: DECL: 05/12/2018<br>TAGS: PARM, PREL<br>SUBJECT: CLUSTER MUNITIONS &amp; NATO</p>',
      '<p>1. (C) Canada&#39;s view is &quot;firm&quot;. It wants the text<br>by June.</p><p>2. (U) Second paragraph.</p><p>WILKINS</p>',
      '</body></html>',
    ].join('\n');
    const c = parseCableBytes(Buffer.from(page), 'saved.html');
    expect(c.id).toBe('08OTTAWA372');
    expect(c.subject).toBe('CLUSTER MUNITIONS & NATO');
    expect(c.paragraphs.map((p) => [p.number, p.text])).toEqual([
      [1, 'Canada\'s view is "firm". It wants the text by June.'],
      [2, 'Second paragraph.'],
    ]);
    expect(c.signature).toBe('WILKINS');
  });

  it('a cable shown pre-formatted (a <textarea>, a white-space: pre-wrap <div>) keeps its lines', () => {
    const raw = readFileSync('tests/fixtures/cables/05MADRID395.txt', 'utf8');
    const want = key(parseCableBytes(Buffer.from(raw), '05MADRID395.txt'));
    const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    for (const wrap of [(t: string) => `<textarea rows="40">${esc(t)}</textarea>`, (t: string) => `<div style="white-space:pre-wrap">${esc(t)}</div>`]) {
      const page = `<!DOCTYPE html>\n<html><body><h1>Saved</h1>\n${wrap(raw)}\n</body></html>`;
      const c = parseCableBytes(Buffer.from(page), '05MADRID395.html');
      expect(key(c)).toEqual(want);
    }
  });

  it('a bare < in the text is text, not a tag', () => {
    const page = '<!DOCTYPE html><html><body><p>R 121633Z MAY 08<br>FM AMEMBASSY OTTAWA<br>TO SECSTATE WASHDC 7838</p><p>UNCLASSIFIED OTTAWA 000372</p><p>SUBJECT: TURNOUT</p><p>1. (U) Turnout was < 40 percent in the north, said <b>Smith</b>.</p></body></html>';
    expect(parseCableBytes(Buffer.from(page), 'p.html').paragraphs[0]!.text).toBe('Turnout was < 40 percent in the north, said Smith.');
  });

  it('stays fast on hostile input: a run of comments before a plain cable, thousands of bare <', () => {
    const raw = readFileSync('samples/08OTTAWA372.txt', 'utf8');
    const commented = Array.from({ length: 40 }, (_, i) => `<!-- note ${i} -->`).join('\n') + '\n' + raw;
    let t = performance.now();
    expect(isReleaseHtml(commented)).toBe(false);
    expect(performance.now() - t).toBeLessThan(1000);
    const lt = `<!DOCTYPE html><html><body><p>R 121633Z MAY 08</p><p>UNCLASSIFIED OTTAWA 000372</p><p>1. (U) ${'a < b '.repeat(20_000)}</p></body></html>`;
    t = performance.now();
    expect(parseCableBytes(Buffer.from(lt), 'lt.html').paragraphs[0]!.text).toMatch(/^a < b a < b/);
    // guards against a return of the backtracking (minutes before): generous for a slow machine
    expect(performance.now() - t).toBeLessThan(3000);
  });

  it('a page with no cable in it is refused in one line', () => {
    const page = '<!DOCTYPE html><html><body><p>Nothing to see here.</p></body></html>';
    expect(() => parseCableBytes(Buffer.from(page), 'page.html')).toThrow(/^HTML page holds no cable text/);
  });
});
