/**
 * Acceptance on every shared real cable: rendered with `--redact contacts` to text, JSON and DOCX
 * through the library and read back (the DOCX by unzipping every part), with no value of the
 * labelled real contact lines left and no residual hit. The conversions themselves fail closed,
 * so a residual false positive on a real cable fails here too. PDF: redact-real-cables-pdf.test.ts.
 */
import { basename } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, expect, it } from 'vitest';
import { convertCable } from '../src/index.js';
import { partText } from './support/read-docx.js';
import { assertClean, describeShared, loadRealCables, squash, type RealCables } from './support/real-cables.js';

describeShared('every shared real cable with --redact contacts: text, JSON, DOCX', () => {
  let real: RealCables;
  beforeAll(async () => {
    real = await loadRealCables();
  }, 120_000);

  it('every shared cable parses in one of its shapes, and every cable a labelled value came from is there', () => {
    expect(real.ids.length).toBeGreaterThanOrEqual(150);
    expect(real.unparsed).toEqual([]);
    for (const id of real.values.keys()) expect(real.cables.some((c) => c.id === id), id).toBe(true);
  });

  it('text of every file (both shapes), JSON of every cable', async () => {
    let checked = 0;
    for (const { id, file, cable } of real.files) {
      const out = await convertCable(cable, { format: 'text', redact: ['contacts'] });
      checked += assertClean(real, id, `${basename(file)} text`, out.data.toString('utf8'));
    }
    for (const { id, cable } of real.cables) {
      const out = await convertCable(cable, { format: 'json', redact: ['contacts'] });
      checked += assertClean(real, id, 'json', out.data.toString('utf8'));
    }
    expect(checked).toBeGreaterThan(100);
  }, 300_000);

  it('DOCX of every cable: every XML part unzipped', async () => {
    let checked = 0;
    for (const { id, cable } of real.cables) {
      const out = await convertCable(cable, { format: 'docx', redact: ['contacts'] });
      const parts = Object.entries(unzipSync(new Uint8Array(out.data)));
      const xml = parts.filter(([name]) => /\.(xml|rels)$/.test(name)).map(([, bytes]) => strFromU8(bytes));
      const text = parts.filter(([name]) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(name)).map(([, bytes]) => partText(strFromU8(bytes)));
      expect(squash(text.join('\n')), id).toContain(squash(cable.id));
      // values: in the raw XML (attributes, link targets) and its text; residual: in the text a reader sees
      checked += assertClean(real, id, 'docx', [...xml, ...xml.map((x) => x.replace(/<[^>]*>/g, ''))].join('\n'), text);
    }
    expect(checked).toBeGreaterThan(40);
  }, 300_000);
});
