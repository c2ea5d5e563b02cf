/**
 * Acceptance of `--redact contacts` on every real cable under ../shared (seeds, cables,
 * cables-more, cables-release: about 730): each rendered to text, PDF and DOCX in the library, in
 * two worker threads, and read back by other readers than the
 * verifier's — poppler's pdftotext for the PDFs and unzip for the DOCX files, each run in a few
 * batched shell calls rather than one process a file. Printed and required: 0 refused (a
 * conversion fails closed on a leak or a second-look hit, so a false alarm refuses a cable), 0
 * labelled real values left, 0 residual hits in what a reader sees.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { decodeXML } from 'entities';
import { afterAll, expect, it } from 'vitest';
import { scanResidual } from '../src/index.js';
import { describeShared, labelledValues, sharedCables, squash } from './support/real-cables.js';

const ALL = new Set(['email', 'url', 'phone', 'fax', 'address']);
const out = mkdtempSync(join(tmpdir(), 'cablekit-shared-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface WorkerReport {
  refused: string[];
  leaks: string[];
  written: { id: string; format: string; file: string }[];
  files: number;
}

/** Runs `script` over `files` in one shell, each file's output after a line `\x1e<file>`: one process for a batch. */
function batch(script: string, files: string[]): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `for f do printf '\\036%s\\n' "$f"; ${script}; done`, 'sh', ...files], { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`sh exited ${code}`));
      const texts = new Map<string, string>();
      for (const part of Buffer.concat(chunks).toString('utf8').split('\x1e').slice(1)) {
        const nl = part.indexOf('\n');
        texts.set(part.slice(0, nl), part.slice(nl + 1));
      }
      resolve(texts);
    });
  });
}

/** `batch` over halves of the list at once. */
async function batches(script: string, files: string[]): Promise<Map<string, string>> {
  const n = Math.max(1, Math.min(4, availableParallelism()));
  const size = Math.ceil(files.length / n);
  const parts = await Promise.all([...Array(n).keys()].map((i) => batch(script, files.slice(i * size, (i + 1) * size))));
  return new Map(parts.flatMap((m) => [...m]));
}

/** CPU seconds of this process (its worker threads included) and of the children it waited for (pdftotext, unzip). */
function cpuSeconds(): number {
  const self = process.cpuUsage();
  let children = 0;
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    children = ((Number(fields[13]) || 0) + (Number(fields[14]) || 0)) / 100;
  } catch {
    /* not Linux */
  }
  return (self.user + self.system) / 1e6 + children;
}

/** A DOCX's parts as a reader sees them: paragraphs and cells apart, runs joined, entities decoded. */
function docxText(xml: string): string {
  return decodeXML(
    xml
      .replace(/<\/w:p>|<w:br\b[^>]*>/g, '\n')
      .replace(/<\/w:tc>|<w:tab\b[^>]*\/>/g, '\t')
      .replace(/<\/(?:dc|cp|dcterms):[^>]*>/g, '\n')
      .replace(/<[^>]*>/g, ''),
  );
}

describeShared('every real cable under ../shared with --redact contacts (text, PDF, DOCX, read back by poppler and unzip)', () => {
  it('0 refused, 0 labelled real values left, 0 residual hits', async () => {
    const cables = sharedCables();
    const values = labelledValues();
    expect(cables.length).toBeGreaterThanOrEqual(700);
    for (const id of values.keys()) expect(cables.some((c) => c.id === id), `labelled cable ${id} is in ../shared`).toBe(true);

    const t0 = performance.now();
    const c0 = cpuSeconds();
    // render: two workers, each its share (every other cable, so sizes even out)
    const workers = Math.max(1, Math.min(2, availableParallelism()));
    const reports = await Promise.all(
      [...Array(workers).keys()].map(
        (w) =>
          new Promise<WorkerReport>((resolve, reject) => {
            const jobs = cables.filter((_, i) => i % workers === w).map((c) => ({ ...c, values: values.get(c.id) ?? [] }));
            const worker = new Worker(new URL('./support/shared-render-worker.mjs', import.meta.url), { workerData: { jobs, out } });
            worker.once('message', resolve);
            worker.once('error', reject);
          }),
      ),
    );
    const refused = reports.flatMap((r) => r.refused);
    const left = reports.flatMap((r) => r.leaks);
    const written = reports.flatMap((r) => r.written);
    const parsedIds = new Set(written.filter((w) => w.format === 'pdf').map((w) => w.id));

    const t1 = performance.now();
    // read back: poppler for the PDFs, unzip for the DOCX files, in a few batched shell calls
    const pdfs = written.filter((w) => w.format === 'pdf').map((w) => w.file);
    const docxs = written.filter((w) => w.format === 'docx').map((w) => w.file);
    const [pdfText, docxXml] = await Promise.all([batches(`pdftotext -q -enc UTF-8 "$f" -`, pdfs), batches(`unzip -p "$f" '*.xml' '*.rels'`, docxs)]);

    const t2 = performance.now();
    let checked = 0;
    const hits: string[] = [];
    for (const w of written) {
      const raw = w.format === 'pdf' ? pdfText.get(w.file) : w.format === 'docx' ? docxXml.get(w.file) : readFileSync(w.file, 'utf8');
      expect(raw, `${w.file} was read back`).toBeDefined();
      const seen = w.format === 'docx' ? docxText(raw!) : raw!;
      expect(seen.length, `${w.file} was read back whole`).toBeGreaterThan(100);
      // values: anywhere in the file as read (XML with its attributes, JSON, the text layer)
      const everything = squash(`${raw}\n${seen}`);
      for (const v of values.get(w.id) ?? []) {
        checked++;
        if (everything.includes(squash(v))) left.push(`${w.file}: a labelled value`);
      }
      // second look: what a reader sees, page by page for a PDF
      for (const text of w.format === 'pdf' ? seen.split('\f') : [seen]) {
        for (const h of scanResidual(text, ALL)) hits.push(`${w.file}: ${h.category} ${JSON.stringify(text.slice(h.start, h.end))}`);
      }
    }
    const count = (f: string) => written.filter((w) => w.format === f).length;
    console.log(
      `../shared with --redact contacts: ${cables.length} cables (${parsedIds.size} parsed, ${reports.reduce((a, r) => a + r.files, 0)} files); ` +
        `outputs read back: ${count('text')} text, ${count('pdf')} PDF (pdftotext), ${count('docx')} DOCX (unzip); ` +
        `${refused.length} refused, ${left.length} labelled values left (of ${checked} checked), ${hits.length} residual hits ` +
        `(render ${((t1 - t0) / 1000).toFixed(1)} s, read back ${((t2 - t1) / 1000).toFixed(1)} s, checks ${((performance.now() - t2) / 1000).toFixed(1)} s; CPU ${(cpuSeconds() - c0).toFixed(1)} s with the readers)`,
    );
    expect(refused).toEqual([]);
    expect(parsedIds.size).toBe(cables.length);
    expect(left).toEqual([]);
    expect(hits).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  }, 600_000);
});
