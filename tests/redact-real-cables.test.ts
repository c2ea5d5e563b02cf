/**
 * Acceptance on every shared real cable (../shared/cables, ../shared/cables-more): rendered with
 * `--redact contacts` to text, PDF and DOCX through the library, read back — the PDF by poppler
 * (the verifier's one pdftotext run, handed over by `onRead`), the DOCX by unzipping every part —
 * with no value of the labelled real contact lines left and no residual hit. The conversions
 * themselves fail closed, so a residual false positive on a real cable fails here too.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertCable, scanResidual, type Cable, type OutputReading } from '../src/index.js';
import { readCableFile } from '../src/parse/index.js';
import { loadLabelled } from './support/labelled.js';
import { partText } from './support/read-docx.js';

const SHARED = '../shared/';
const CONTACTS = ['contacts'];
const ALL = new Set(['email', 'url', 'phone', 'fax']);

/** Letters and digits only, lower case: line breaks, hyphenation and spacing hide nothing. */
function squash(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

interface Source {
  id: string;
  files: string[];
}

describe.runIf(existsSync(SHARED))('every shared real cable with --redact contacts, read back', () => {
  const sources: Source[] = [];
  /** One cable per id (its .txt, or its .html when the .txt does not parse), and every file that parses. */
  const cables: { id: string; file: string; cable: Cable }[] = [];
  const allFiles: { id: string; file: string; cable: Cable }[] = [];
  const unparsed: string[] = [];
  /** The labelled real contact values, by the id of the cable they were taken from. */
  const values = new Map<string, string[]>();
  let checked = 0;

  /** No labelled value of the cable in `everything`; no residual hit in what a reader sees. */
  const assertClean = (id: string, where: string, everything: string, seen: string[] = [everything]): void => {
    const back = squash(everything);
    for (const v of values.get(id) ?? []) {
      checked++;
      expect(back.includes(squash(v)), `${id} ${where}: a labelled value is still there`).toBe(false);
    }
    for (const text of seen) {
      const hits = scanResidual(text, ALL).map((h) => `${h.category}: ${text.slice(h.start, h.end)}`);
      expect(hits, `${id} ${where}: residual hits`).toEqual([]);
    }
  };

  beforeAll(async () => {
    const byId = new Map<string, string[]>();
    for (const dir of ['cables', 'cables-more']) {
      for (const f of readdirSync(join(SHARED, dir)).sort()) {
        if (!/\.(txt|html)$/.test(f)) continue;
        const id = f.replace(/\.(txt|html)$/, '');
        byId.set(id, [...(byId.get(id) ?? []), join(SHARED, dir, f)].sort((a, b) => (a.endsWith('.txt') ? -1 : 0) - (b.endsWith('.txt') ? -1 : 0)));
      }
    }
    for (const [id, files] of byId) sources.push({ id, files });
    for (const s of sources) {
      let first: Cable | null = null;
      for (const file of s.files) {
        try {
          const cable = await readCableFile(file);
          allFiles.push({ id: s.id, file, cable });
          if (!first) {
            first = cable;
            cables.push({ id: s.id, file, cable });
          }
        } catch {
          /* the other shape may parse */
        }
      }
      if (!first) unparsed.push(s.id);
    }
    for (const row of loadLabelled()) {
      if (row.tag !== 'real' || row.expected.length === 0) continue;
      const id = basename(row.source).replace(/\.(txt|html)$/, '');
      values.set(id, [...(values.get(id) ?? []), ...row.expected.map((e) => e.value)]);
    }
  }, 120_000);

  it('every shared cable parses in one of its shapes', () => {
    expect(sources.length).toBeGreaterThanOrEqual(150);
    expect(unparsed).toEqual([]);
    // every cable a labelled value was taken from is among them
    for (const id of values.keys()) expect(cables.some((c) => c.id === id), id).toBe(true);
  });

  it('text and JSON of every file, both shapes', async () => {
    for (const { id, file, cable } of allFiles) {
      for (const format of ['text', 'json'] as const) {
        const out = await convertCable(cable, { format, redact: CONTACTS });
        assertClean(id, `${basename(file)} ${format}`, out.data.toString('utf8'));
      }
    }
    expect(checked).toBeGreaterThan(100);
  }, 300_000);

  it('PDF of every cable: the text layer poppler reads, the document strings', async () => {
    const before = checked;
    for (const { id, cable } of cables) {
      let reading: OutputReading | null = null;
      await convertCable(cable, { format: 'pdf', redact: CONTACTS }, { onRead: (r) => (reading = r) });
      expect(reading, id).not.toBeNull();
      const { views, reader } = reading!;
      const layer = views.find((v) => v.part === 'pdf text layer')!.text;
      expect(squash(layer), id).toContain(squash(cable.id));
      // values: in the text layer, every stream's and object's strings; residual: on every page and in the document strings
      assertClean(
        id,
        'pdf',
        views.map((v) => v.text).join('\n'),
        reader.map((v) => v.text),
      );
    }
    expect(checked - before).toBeGreaterThan(40);
  }, 600_000);

  it('DOCX of every cable: every XML part unzipped', async () => {
    const before = checked;
    for (const { id, cable } of cables) {
      const out = await convertCable(cable, { format: 'docx', redact: CONTACTS });
      const parts = unzipSync(new Uint8Array(out.data));
      const xml = Object.entries(parts)
        .filter(([name]) => /\.(xml|rels)$/.test(name))
        .map(([, bytes]) => strFromU8(bytes));
      // values: in the raw XML (attributes, link targets) and in the text; residual: in the text a reader sees
      const text = Object.entries(parts)
        .filter(([name]) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(name))
        .map(([, bytes]) => partText(strFromU8(bytes)));
      expect(squash(text.join('\n')), id).toContain(squash(cable.id));
      assertClean(id, 'docx', [...xml, ...xml.map((x) => x.replace(/<[^>]*>/g, ''))].join('\n'), text);
    }
    expect(checked - before).toBeGreaterThan(40);
  }, 600_000);
});
