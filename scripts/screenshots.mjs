/**
 * Regenerates the README screenshots via the built library (dist/) and poppler's pdftoppm:
 *   - page 1 of a sample cable rendered in each template (docs/<template>.png);
 *   - a briefing book of the samples: the first page of 08OTTAWA647's chapter, whose references
 *     row and `Ref C` link to the 08OTTAWA372 chapter, beside the "Cited, not included" appendix
 *     (docs/book-xref.png, the link areas outlined).
 *
 *   npm run build && node scripts/screenshots.mjs
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { readCableFile } = await import(join(root, 'dist/readers/cable/parse.js'));
const { renderPdf } = await import(join(root, 'dist/writers/pdf/writer.js'));
const { buildBook } = await import(join(root, 'dist/book/book.js'));

const SAMPLE = join(root, 'samples/08OTTAWA372.txt');
const TEMPLATES = ['cable', 'teletype'];
/** 60 dpi keeps a page screenshot-sized (510×660). */
const DPI = 60;

const work = mkdtempSync(join(tmpdir(), 'cablekit-shots-'));
mkdirSync(join(root, 'docs'), { recursive: true });

/** Page `page` (1-based) of a PDF as a PNG file in the work folder. */
function pagePng(pdf, page, name) {
  execFileSync('pdftoppm', ['-png', '-r', String(DPI), '-f', String(page), '-l', String(page), '-singlefile', pdf, join(work, name)]);
  return join(work, `${name}.png`);
}

try {
  const cable = await readCableFile(SAMPLE);
  for (const template of TEMPLATES) {
    const pdf = join(work, `${template}.pdf`);
    writeFileSync(pdf, await renderPdf(cable, { template }));
    renameSync(pagePng(pdf, 1, template), join(root, 'docs', `${template}.png`));
    console.log(`docs/${template}.png`);
  }

  // The book: the samples, in date order.
  const files = readdirSync(join(root, 'samples')).filter((f) => f.endsWith('.txt')).sort();
  const cables = [];
  for (const f of files) cables.push(await readCableFile(join(root, 'samples', f)));
  const book = await buildBook(cables, { format: 'pdf', title: 'Ottawa and cluster munitions', order: 'date' });
  const pdf = join(work, 'book.pdf');
  writeFileSync(pdf, book.data);
  const chapter = book.entries.find((e) => e.id === '08OTTAWA647').page;
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f');
  const appendix = text.findIndex((t, i) => i > 1 && /\nCited, not included\n/.test(t)) + 1;
  if (!chapter || appendix < 1) throw new Error('the book has no 08OTTAWA647 chapter or no appendix');
  // The link areas, from the PDF (points, origin bottom left) to the image (pixels, origin top left).
  const json = JSON.parse(execFileSync('qpdf', ['--json', pdf], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  const objects = json.qpdf[1];
  const value = (ref) => (typeof ref === 'string' && ref.endsWith(' R') ? objects[`obj:${ref}`]?.value : ref);
  const linkBoxes = (page) => {
    const dict = value(json.pages[page - 1].object);
    const height = value(dict['/MediaBox'])[3];
    const scale = DPI / 72;
    return (value(dict['/Annots']) ?? [])
      .map(value)
      .filter((a) => a['/Subtype'] === '/Link')
      .map((a) => {
        const [x0, y0, x1, y1] = value(a['/Rect']);
        return { left: Math.round(x0 * scale) - 1, top: Math.round((height - y1) * scale) - 1, width: Math.round((x1 - x0) * scale) + 2, height: Math.round((y1 - y0) * scale) + 2 };
      });
  };
  const outlined = async (png, boxes) => {
    const meta = await sharp(png).metadata();
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${meta.width}" height="${meta.height}">${boxes
      .map((b) => `<rect x="${b.left}" y="${b.top}" width="${b.width}" height="${b.height}" fill="none" stroke="#2f6fdf" stroke-width="1.5"/>`)
      .join('')}</svg>`;
    return { buffer: await sharp(png).composite([{ input: Buffer.from(svg) }]).png().toBuffer(), ...meta };
  };
  const left = await outlined(pagePng(pdf, chapter, 'chapter'), linkBoxes(chapter));
  const right = await outlined(pagePng(pdf, appendix, 'appendix'), linkBoxes(appendix));
  const gap = 12;
  await sharp({ create: { width: left.width + gap + right.width, height: Math.max(left.height, right.height), channels: 3, background: '#b0b0b0' } })
    .composite([
      { input: left.buffer, left: 0, top: 0 },
      { input: right.buffer, left: left.width + gap, top: 0 },
    ])
    .png()
    .toFile(join(root, 'docs', 'book-xref.png'));
  console.log('docs/book-xref.png');
} finally {
  rmSync(work, { recursive: true, force: true });
}
