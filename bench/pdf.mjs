/**
 * PDF stage of `npm run bench`: cables/s and pages/s of the full PDF layout over ≥1,000 cables
 * synthesized from the samples, against a bare pdfkit document writing the same text in the same
 * font with no layout (the baseline), reported as a ratio. Runs on dist/ (build first).
 *
 *   node bench/pdf.mjs [--count N]      or      import { runPdfBench } from './pdf.mjs'
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { loadSamples, synthesize } from './synthetic.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');


/** The same words a reader gets from the full layout, as plain strings. */
function plainText(cable) {
  const parts = [cable.subject ?? cable.id, cable.id, cable.date ?? '', cable.from ?? '', ...cable.to, ...cable.info, cable.tags.join(', ')];
  for (const p of cable.paragraphs) {
    if (p.heading) parts.push(p.heading);
    parts.push(`${p.number ?? ''}. ${p.marking ? `(${p.marking.raw}) ` : ''}${p.text}`);
    for (const b of p.bullets) parts.push(`- ${b.text}`);
  }
  if (cable.signature) parts.push(cable.signature);
  parts.push(...cable.footer);
  return parts;
}

async function bare(cable, fontBytes) {
  const doc = new PDFDocument({ size: 'LETTER', margin: 72, font: null, info: { CreationDate: new Date(0) } });
  doc.registerFont('body', fontBytes);
  doc.font('body').fontSize(10.5);
  const chunks = [];
  doc.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  for (const text of plainText(cable)) doc.text(text, { paragraphGap: 7 });
  const pages = doc.bufferedPageRange().start + doc.bufferedPageRange().count;
  doc.end();
  await done;
  return { bytes: Buffer.concat(chunks).length, pages };
}

/**
 * Times two renderers over the same cables, alternating cable by cable so that load from other
 * processes on the machine weighs on both alike.
 */
async function timedPair(cables, fns) {
  const totals = fns.map(() => ({ pages: 0, bytes: 0, ns: 0n }));
  for (const cable of cables) {
    for (let k = 0; k < fns.length; k++) {
      const start = process.hrtime.bigint();
      const r = await fns[k](cable);
      totals[k].ns += process.hrtime.bigint() - start;
      totals[k].pages += r.pages;
      totals[k].bytes += r.bytes;
    }
  }
  return totals.map((t) => {
    const seconds = Number(t.ns) / 1e9;
    return { cables: cables.length, pages: t.pages, bytes: t.bytes, seconds, cablesPerSecond: cables.length / seconds, pagesPerSecond: t.pages / seconds };
  });
}

/** Runs the PDF bench and writes bench/results/pdf.json. Returns the figures. */
export async function runPdfBench({ count = 1000, template = 'cable', write = true } = {}) {
  const { renderPdfDocument } = await import(join(root, 'dist/writers/pdf/writer.js'));
  const { fontData } = await import(join(root, 'dist/writers/paged/fonts.js'));
  const samples = await loadSamples(root);
  const cables = synthesize(samples, count);
  const fontBytes = fontData('Source Serif 4', 'regular');
  // Warm up both paths (font parsing, JIT) on a few cables outside the timing.
  for (const c of cables.slice(0, 5)) {
    await renderPdfDocument(c, { template });
    await bare(c, fontBytes);
  }
  const [layout, baseline] = await timedPair(cables, [
    async (c) => {
      const r = await renderPdfDocument(c, { template });
      return { pages: r.pages, bytes: r.data.length };
    },
    (c) => bare(c, fontBytes),
  ]);
  const result = {
    stage: 'pdf',
    template,
    count,
    samples: samples.length,
    node: process.version,
    layout: round(layout),
    baseline: round(baseline),
    ratio: Number((layout.seconds / baseline.seconds).toFixed(2)),
    target: 1.5,
  };
  if (write) {
    await mkdir(join(root, 'bench/results'), { recursive: true });
    await writeFile(join(root, 'bench/results/pdf.json'), JSON.stringify(result, null, 2) + '\n');
  }
  return result;
}

function round(r) {
  return {
    cables: r.cables,
    pages: r.pages,
    bytes: r.bytes,
    seconds: Number(r.seconds.toFixed(2)),
    cablesPerSecond: Number(r.cablesPerSecond.toFixed(1)),
    pagesPerSecond: Number(r.pagesPerSecond.toFixed(1)),
  };
}

export function formatPdfBench(r) {
  return [
    `pdf  full layout: ${r.layout.cablesPerSecond} cables/s, ${r.layout.pagesPerSecond} pages/s (${r.layout.cables} cables, ${r.layout.pages} pages, ${r.layout.seconds}s)`,
    `pdf  bare pdfkit: ${r.baseline.cablesPerSecond} cables/s, ${r.baseline.pagesPerSecond} pages/s (${r.baseline.pages} pages, ${r.baseline.seconds}s)`,
    `pdf  ratio full/bare: ${r.ratio}× (target ≤ ${r.target}×)`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--count');
  const count = i > 0 ? Number(process.argv[i + 1]) : 1000;
  const result = await runPdfBench({ count });
  console.log(formatPdfBench(result));
}
