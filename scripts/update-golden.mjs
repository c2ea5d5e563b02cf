// Regenerates tests/golden/<id>.txt and <id>.json from samples/, and tests/golden/pdf/<id>.<case>.txt
// (each golden PDF case as poppler reads it back), after `npm run build`.
// Review the diff by eye before committing: the goldens are the reviewed expected output.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCableFile, formatCable, convertCable } from '../dist/index.js';
import { GOLDEN_PDF_CASES, goldenPdfName, pdfReading } from './golden-pdf.mjs';

const dir = new URL('../samples/', import.meta.url).pathname;
const out = new URL('../tests/golden/', import.meta.url).pathname;
await mkdir(join(out, 'pdf'), { recursive: true });
for (const name of (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort()) {
  const cable = await readCableFile(join('samples', name));
  await writeFile(join(out, `${cable.id}.txt`), formatCable(cable, 'text'));
  await writeFile(join(out, `${cable.id}.json`), formatCable(cable, 'json'));
  for (const c of GOLDEN_PDF_CASES) {
    const pdf = await convertCable(cable, { format: 'pdf', ...c.options });
    await writeFile(join(out, 'pdf', goldenPdfName(cable.id, c.name)), pdfReading(pdf.data));
  }
  console.log(`${name} → tests/golden/${cable.id}.{txt,json}, tests/golden/pdf/${cable.id}.*.txt`);
}
