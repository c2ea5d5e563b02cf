/**
 * Golden PDFs, read back: each sample in the `cable` and `teletype` templates and as a redacted
 * `handout` (--redact contacts), as poppler reads it — the text with its line and page breaks and
 * its place on a character grid (`pdftotext -layout`), and the structure tree with its text
 * (`pdfinfo -struct-text`: what a screen reader gets) — must match tests/golden/pdf/. The bytes
 * may change (a faster writer, another deflate level); what a reader gets may not, unless meant:
 * regenerate with `npm run build && node scripts/update-golden.mjs` and review the diff.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCableFile } from '../src/readers/cable/parse.js';
import { convertCable } from '../src/pipeline/convert.js';
import { GOLDEN_PDF_CASES, goldenPdfName, pdfReading } from '../scripts/golden-pdf.mjs';

const samples = readdirSync('samples').filter((n) => n.endsWith('.txt')).sort();

describe('golden PDFs: text and structure as poppler reads them', () => {
  for (const name of samples) {
    for (const c of GOLDEN_PDF_CASES) {
      it(`${name}, ${c.name}`, async () => {
        const cable = await readCableFile(`samples/${name}`);
        const out = await convertCable(cable, { format: 'pdf', ...c.options });
        expect(pdfReading(out.data)).toBe(readFileSync(`tests/golden/pdf/${goldenPdfName(cable.id, c.name)}`, 'utf8'));
      });
    }
  }
});
