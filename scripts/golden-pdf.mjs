// The golden PDF cases and how they are read back (tests/pdf-golden.test.ts compares; update-golden.mjs writes).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Each sample is rendered in these ways (options of convertCable, format pdf). */
export const GOLDEN_PDF_CASES = [
  { name: 'cable', options: {} },
  { name: 'teletype', options: { template: 'teletype' } },
  // --redact contacts
  { name: 'handout', options: { template: 'handout', redact: ['email', 'phone', 'fax', 'url', 'address'] } },
];

/** `tests/golden/pdf/<id>.<case>.txt` */
export function goldenPdfName(id, name) {
  return `${id}.${name}.txt`;
}

/** What poppler reads from a PDF: the laid-out text (pdftotext -layout), then the structure tree with its text. */
export function pdfReading(data) {
  const dir = mkdtempSync(join(tmpdir(), 'cablekit-golden-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, data);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const tree = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
    return `${text}\n--- structure tree ---\n${tree}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
