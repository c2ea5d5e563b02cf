/**
 * The shared faces of the PDF writer compose "word + space" runs from the bare word's run instead
 * of shaping both. The composition must give exactly the run fontkit would: same glyphs, same
 * positions, same width, for every word of the samples and fixtures in every shipped face.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { adoptSharedFont, setLayoutCacheLimit } from '../src/writers/pdf/faces.js';
import { setWordCacheSize } from '../src/writers/pdf/glyphs.js';
import { renderPdf } from '../src/writers/pdf/writer.js';
import { readCableFile } from '../src/readers/cable/parse.js';
import { FONT_FAMILIES, FONT_STYLES, type FontFamilyName } from '../src/writers/paged/fonts.js';

interface RunLike {
  glyphs: { id: number; codePoints: number[] }[];
  positions: Record<string, number>[];
  advanceWidth: number;
}
interface FontLike {
  layoutCached(text: string): RunLike;
  layoutRun(text: string): RunLike;
}

function words(): string[] {
  const files = [
    ...readdirSync('samples').map((f) => join('samples', f)),
    ...readdirSync('tests/fixtures/cables').map((f) => join('tests/fixtures/cables', f)),
  ];
  const all = new Set<string>();
  for (const f of files) for (const w of readFileSync(f, 'latin1').split(/\s+/)) if (w) all.add(w);
  // Every 8th distinct word (about 2,500, in sorted order so the pick is stable), in both cases.
  const set = new Set<string>();
  [...all].sort().forEach((w, i) => {
    if (i % 8 === 0) set.add(w).add(w.toUpperCase());
  });
  // Every printable ASCII and Latin-1 character alone and after a letter, so each possible last glyph is met.
  for (let cp = 0x21; cp < 0x100; cp++) {
    if (cp >= 0x7f && cp < 0xa1) continue;
    set.add(String.fromCodePoint(cp));
    set.add(`a${String.fromCodePoint(cp)}`);
  }
  return [...set].sort();
}

const simple = (run: RunLike) => ({
  glyphs: run.glyphs.map((g) => g.id),
  positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset, p.advanceWidth]),
  advanceWidth: run.advanceWidth,
});

describe('shared PDF faces: a word followed by a space', () => {
  const list = words();
  for (const family of Object.keys(FONT_FAMILIES) as FontFamilyName[]) {
    const files = FONT_FAMILIES[family] as Record<string, string>;
    // A family without italics draws them with its upright files: test each file once.
    for (const style of FONT_STYLES.filter((s, i) => FONT_STYLES.findIndex((t) => files[t] === files[s]) === i)) {
      it(`${family} ${style}: the composed run is the run fontkit shapes (${list.length} words)`, () => {
        const doc = new PDFDocument({ autoFirstPage: false });
        adoptSharedFont(doc, style, family);
        const font = (doc as unknown as { _fontFamilies: Record<string, FontLike> })._fontFamilies[style]!;
        let composed = 0;
        let shaped = 0;
        const differ: string[] = [];
        for (const w of list) {
          const cached = font.layoutCached(`${w} `);
          if (Object.getPrototypeOf(cached) === Object.prototype) composed++;
          else shaped++;
          if (JSON.stringify(simple(cached)) !== JSON.stringify(simple(font.layoutRun(`${w} `)))) differ.push(w);
        }
        expect(differ).toEqual([]);
        // Both paths were taken: most words are composed, some are shaped in full.
        expect(composed).toBeGreaterThan(list.length / 2);
        if (family === 'Source Serif 4' && (style === 'regular' || style === 'bold')) expect(shaped).toBeGreaterThan(0);
      });
    }
  }
});

describe('shared PDF faces: the word-layout cache', () => {
  it('starting afresh when full, even within a document, changes no byte of the output', async () => {
    const a = await readCableFile('samples/05OTTAWA1502.txt');
    const b = await readCableFile('samples/08OTTAWA372.txt');
    const before = await renderPdf(a);
    const previous = setLayoutCacheLimit(40);
    try {
      await renderPdf(b);
      expect((await renderPdf(a)).equals(before)).toBe(true);
    } finally {
      setLayoutCacheLimit(previous);
    }
    expect((await renderPdf(a)).equals(before)).toBe(true);
  });

  it('the shaped-word cache turning over (even within a document) changes no byte of the output', async () => {
    const a = await readCableFile('samples/05OTTAWA1502.txt');
    const b = await readCableFile('samples/08OTTAWA372.txt');
    const before = await renderPdf(a);
    const previous = setWordCacheSize(40);
    try {
      await renderPdf(b);
      expect((await renderPdf(a)).equals(before)).toBe(true);
    } finally {
      setWordCacheSize(previous);
    }
    expect((await renderPdf(a)).equals(before)).toBe(true);
  });
});
