import { describe, expect, it } from 'vitest';
import { OutputNamer, outputStem, sanitizeStem } from '../src/batch/names.js';

describe('output names from cable ids', () => {
  it('keeps a canonical id as it is', () => {
    expect(sanitizeStem('08OTTAWA372')).toBe('08OTTAWA372');
    expect(sanitizeStem('08STATE125628')).toBe('08STATE125628');
  });

  it('never lets a name climb out of the output folder', () => {
    for (const evil of ['../../etc/passwd', '..', '/abs/path', 'a\\..\\b', '..\\..\\x', './.hidden']) {
      const stem = sanitizeStem(evil);
      expect(stem).not.toMatch(/[/\\]/);
      expect(stem.startsWith('.')).toBe(false);
      expect(stem).not.toBe('..');
    }
    expect(sanitizeStem('../../etc/passwd')).toBe('etc_passwd');
  });

  it('replaces spaces, control and non-ASCII characters, and folds accents', () => {
    expect(sanitizeStem('08 OTTAWA\u0000372')).toBe('08_OTTAWA_372');
    expect(sanitizeStem('Bogotá:Ünïcode?*')).toBe('Bogota_Unicode');
  });

  it('guards reserved device names and caps the length', () => {
    expect(sanitizeStem('CON')).toBe('_CON');
    expect(sanitizeStem('nul.txt')).toBe('_nul.txt');
    expect(sanitizeStem('A'.repeat(500)).length).toBeLessThanOrEqual(120);
  });

  it('falls back to the input base name, then to "cable"', () => {
    expect(outputStem('', 'in/some cable.txt')).toBe('some_cable');
    expect(outputStem(null, 'data/cables.csv:17')).toBe('cables');
    expect(outputStem('///', '...')).toBe('cable');
  });

  it('gives deterministic suffixes to colliding names, ignoring case', () => {
    const namer = new OutputNamer('pdf');
    namer.reserve('manifest.json');
    expect(namer.claim('08OTTAWA372')).toBe('08OTTAWA372.pdf');
    expect(namer.claim('08OTTAWA372')).toBe('08OTTAWA372-2.pdf');
    expect(namer.claim('08ottawa372')).toBe('08ottawa372-3.pdf');
    expect(namer.claim('08OTTAWA372-2')).toBe('08OTTAWA372-2-2.pdf');
    const json = new OutputNamer('json');
    json.reserve('manifest.json');
    expect(json.claim('manifest')).toBe('manifest-2.json');
  });
});
