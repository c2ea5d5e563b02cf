/**
 * Redactions made in the source: runs of X the release's publisher left where it removed a name
 * (`XXXXXXXXXXXX`, lower case too, standing alone or glued to a word: `BothXXXXXXXXXXXXX believe`,
 * `XXXXXXXXXXXXsaid`, `xxxxxtold`, short `XXXX`) are read as redactions: marked in the model, logged
 * as repairs, shown in every output and every field as a redaction mark — never as a word — and
 * never counted as words the reader lost. The made-up 09VALLETTA901 holds each form.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { convertCable, formatCable, formatTextWithPlaces, layoutCable, runsText } from '../src/index.js';
import { readCableFile } from '../src/readers/cable/parse.js';
import { lostWords } from '../src/review/audit.js';
import { showRuns, sourceRedactionRuns } from '../src/model/source-redactions.js';

const FILE = 'tests/fixtures/redaction/made-up/09VALLETTA901.txt';
const dir = mkdtempSync(join(tmpdir(), 'cablekit-x-runs-'));
/** Words of three letters or more that are, or hold, a run of X: what must never be shown. */
const X_WORD = /[A-Za-z]*(?:XXX|xxx)[A-Za-z]*/g;
const xWords = (s: string): string[] => (s.match(X_WORD) ?? []).filter((w) => !/^(?:XXX)$/.test(w) || !/Article XXX/.test(s));

describe('a run of X the publisher left', () => {
  it('is found standing alone, glued to a word before or after it, in lower case, and short; a Roman numeral after "Article" is not', () => {
    const runs = (t: string) => sourceRedactionRuns(t).map((r) => r.text);
    expect(runs('met XXXXXXXXXXXX today')).toEqual(['XXXXXXXXXXXX']);
    expect(runs('BothXXXXXXXXXXXXX believe')).toEqual(['XXXXXXXXXXXXX']);
    expect(runs('XXXXXXXXXXXXsaid, evening,xxxxxx and xxxxxtold')).toEqual(['XXXXXXXXXXXX', 'xxxxxx', 'xxxxx']);
    expect(runs('with XXXX (strictly protect), XXX for the ICRC')).toEqual(['XXXX', 'XXX']);
    expect(runs('Article XXX of the code, Chapter XXX, Super Bowl XXXIV, taxi, Xerox')).toEqual([]);
    expect(showRuns('BothXXXXXXXXXXXXX believe')).toBe('Both█████████████ believe');
  });

  it('is marked in paragraphs and bullets, and each one the input holds is a repair at its line', async () => {
    const cable = await readCableFile(FILE);
    const runs = cable.repairs.filter((r) => r.kind === 'publisher-redaction');
    expect(runs.map((r) => [r.line, r.before])).toEqual([
      [15, 'XXXXXXXXXXXX'],
      [18, 'XXXXXXXXXXXX'],
      [22, 'XXXXXXXXXXXXX'],
      [25, 'XXXXXXXXXXXX'],
      [28, 'xxxxxxxxxxxx'],
      [29, 'XXXXXXXXXXXX'],
      [30, 'xxxxx'],
      [33, 'XXXX'],
      [35, 'XXXXXXXXXXXX'],
    ]);
    for (const r of runs) expect(r.after).toBe('█'.repeat(r.before.length));
    const p2 = cable.paragraphs.find((p) => p.number === 2)!;
    expect(p2.marks?.map((m) => [m.kind, p2.text.slice(m.start, m.end)])).toEqual([
      ['publisher-redaction', 'xxxxxxxxxxxx'],
      ['publisher-redaction', 'XXXXXXXXXXXX'],
      ['publisher-redaction', 'xxxxx'],
    ]);
    expect(cable.paragraphs.find((p) => p.number === 3)!.bullets[0]!.marks).toHaveLength(1);
  });

  it('is a mark in the text, Markdown and JSON of every field, its places kept', async () => {
    const cable = await readCableFile(FILE);
    for (const format of ['text', 'markdown', 'json'] as const) {
      // (the JSON's repairs log quotes each run as the input has it: that is where they are counted)
      const out = format === 'json' ? JSON.stringify({ ...JSON.parse(formatCable(cable, format)), repairs: [] }) : formatCable(cable, format);
      expect(xWords(out), format).toEqual([]);
      expect(out).toContain('Both█████████████ believe');
    }
    const { text, places } = formatTextWithPlaces(cable);
    const subject = places.find((p) => p.field === 'subject')!;
    expect(text.slice(subject.start, subject.end)).toBe('MALTA: ████████████ ON THE PORT TENDER');
    // the text reads back the same
    const again = formatCable((await import('../src/readers/cable/parse.js')).parseCable(text, { file: 'again.txt' }), 'text');
    expect(again).toBe(text);
  });

  it('is a bar in the PDF (text layer, outline, document info) and a box in every DOCX part', async () => {
    const cable = await readCableFile(FILE);
    const layout = layoutCable(cable);
    expect(layout.info.title).toBe('MALTA: ████████████ ON THE PORT TENDER');
    for (const block of layout.blocks) if ('runs' in block) expect(xWords(runsText(block.runs))).toEqual([]);
    const pdf = await convertCable(cable, { format: 'pdf' });
    writeFileSync(join(dir, 'v.pdf'), pdf.data);
    const layer = execFileSync('pdftotext', ['-q', '-enc', 'UTF-8', join(dir, 'v.pdf'), '-']).toString('utf8');
    expect(xWords(layer)).toEqual([]);
    expect(layer).toMatch(/Both\s*\[?/);
    const docx = unzipSync(new Uint8Array((await convertCable(cable, { format: 'docx' })).data));
    for (const [name, bytes] of Object.entries(docx)) if (/\.xml$/.test(name)) expect(xWords(strFromU8(bytes).replace(/<[^>]*>/g, ' ')), name).toEqual([]);
  });

  it('is no word the reader lost, glued or not', async () => {
    const cable = await readCableFile(FILE);
    expect(lostWords(cable, readFileSync(FILE, 'utf8'))).toEqual([]);
  });
});
