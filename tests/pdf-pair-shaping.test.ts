/**
 * Word shaping by pairs (src/writers/pdf/pair-shaping.ts) must give exactly the run fontkit gives —
 * the same glyphs, the same advances, nothing off the baseline — for every word it composes, in
 * every shipped face: here on every word of the samples and development cables (and of the shared
 * real cables when ../shared is there), as written and in capitals (the teletype template), and on
 * made-up words built around the glyphs fontkit treats specially (ligatures, marks, the middle
 * dot of l·l, the fraction slash), which must be left to fontkit or composed alike.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PairShaper } from '../src/writers/pdf/pair-shaping.js';
import { fontkitFont } from '../src/writers/pdf/faces.js';
import { FONT_FAMILIES, FONT_STYLES, type FontFamilyName, type FontStyle } from '../src/writers/paged/fonts.js';
import { sharedExists } from './support/real-cables.js';

interface Run {
  glyphs: { id: number }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
}

function wordsOf(dirs: string[]): string[] {
  const all = new Set<string>();
  for (const dir of dirs.filter(existsSync)) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
      for (const w of readFileSync(join(dir, f), 'utf8').split(/\s+/)) if (w) all.add(w).add(w.toUpperCase());
    }
  }
  return [...all].sort();
}

/** Made-up words around what fontkit treats specially. */
const MADE_UP = ['office', 'affluent', 'fjord', 'fl', 'ff', 'ffi', 'ffl', 'Th', 'col·lecció', 'L·L', 'l·l', '1⁄2', '3⁄4', 'naïve', 'ïï', 'i\u0301', 'e\u0301te\u0301', 'AVATAR', 'Taiwan.', 'WAY', '"Yes,"', "L'Aquila", '(T/Y)', '—', '–', '…', '€10', 'Œuvre', 'ÀÉÎÕÜ', 'Straße'];

function check(family: FontFamilyName, style: FontStyle, words: string[]): { composed: number } {
  const font = fontkitFont(family, style) as unknown as { layout(t: string): Run };
  const pairs = new PairShaper(font as unknown as ConstructorParameters<typeof PairShaper>[0]);
  let composed = 0;
  const differ: string[] = [];
  for (const w of words) {
    const run = pairs.shape(w);
    if (!run) continue;
    composed++;
    const ref = font.layout(w);
    const same =
      ref.glyphs.length === run.glyphs.length &&
      ref.glyphs.every((g, i) => g.id === run.glyphs[i]!.id) &&
      ref.positions.every((p, i) => p.xAdvance === run.xAdvances[i] && p.yAdvance === 0 && p.xOffset === 0 && p.yOffset === 0);
    if (!same) differ.push(w);
  }
  expect(differ.slice(0, 20)).toEqual([]);
  return { composed };
}

/** Each font file once (a family without italics draws them with its upright files). */
const FACES = (Object.keys(FONT_FAMILIES) as FontFamilyName[]).flatMap((family) => {
  const files = FONT_FAMILIES[family] as Record<string, string>;
  return FONT_STYLES.filter((s, i) => FONT_STYLES.findIndex((t) => files[t] === files[s]) === i).map((style) => [family, style] as const);
});

describe('word shaping by pairs gives fontkit\'s runs', () => {
  const words = [...wordsOf(['samples', 'tests/fixtures/cables']), ...MADE_UP];
  for (const [family, style] of FACES) {
    it(`${family} ${style}: ${words.length} words of the samples and development cables`, () => {
      const { composed } = check(family, style, words);
      // Most words are composed (the rest, with ligatures or rare characters, go to fontkit).
      expect(composed).toBeGreaterThan(words.length * 0.6);
    });
  }
  it('leaves ligatures, marks, l·l and fractions to fontkit', () => {
    const pairs = new PairShaper(fontkitFont('Source Serif 4', 'regular') as unknown as ConstructorParameters<typeof PairShaper>[0]);
    for (const w of ['office', 'fjord', 'ffl', 'col·lecció', '1⁄2', 'i\u0301', 'naïve']) expect(pairs.shape(w), w).toBeNull();
    for (const w of ['AVATAR', 'Taiwan.', 'WAY', 'cluster', '08OTTAWA372']) expect(pairs.shape(w), w).not.toBeNull();
  });
});

describe.runIf(sharedExists)('word shaping by pairs on the shared real cables', () => {
  const words = wordsOf(['../shared/cables', '../shared/cables-more', '../shared/cables-release']);
  for (const [family, style] of FACES.filter(([f, s]) => s === 'regular' || (f === 'Source Serif 4' && s === 'bold'))) {
    it(`${family} ${style}: ${words.length} words`, () => {
      check(family, style, words);
    });
  }
});
