/**
 * Regenerates the README screenshots: page 1 of a sample cable rendered in each template, as PNG
 * (docs/<template>.png), via the built library (dist/) and poppler's pdftoppm.
 *
 *   npm run build && node scripts/screenshots.mjs
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { readCableFile } = await import(join(root, 'dist/parse/index.js'));
const { renderPdf } = await import(join(root, 'dist/render/pdf/index.js'));

const SAMPLE = join(root, 'samples/08OTTAWA372.txt');
const TEMPLATES = ['cable', 'teletype'];

const cable = await readCableFile(SAMPLE);
const work = mkdtempSync(join(tmpdir(), 'cablekit-shots-'));
mkdirSync(join(root, 'docs'), { recursive: true });
try {
  for (const template of TEMPLATES) {
    const pdf = join(work, `${template}.pdf`);
    writeFileSync(pdf, await renderPdf(cable, { template }));
    // -singlefile: no page-number suffix; 60 dpi keeps the PNG screenshot-sized (510×660).
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(work, template)]);
    renameSync(join(work, `${template}.png`), join(root, 'docs', `${template}.png`));
    console.log(`docs/${template}.png`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
