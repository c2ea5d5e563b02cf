/**
 * A worker of tests/redact-shared.test.ts: parses its share of the shared real cables (the .txt,
 * or the .html when the .txt does not parse) and renders each with `--redact contacts` (the
 * library built in dist/ by the suite's global setup) to text, PDF and DOCX, writing every output
 * to the folder it is given. Reports what was refused (a conversion fails closed on a leak or a residual
 * hit) and, for PDF, whether any labelled value is among the file's strings (streams, objects).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const { readCableFile, convertCable, readOutput, parseRedactCategories } = await import(new URL('../../dist/index.js', import.meta.url).href);
const { jobs, out } = workerData;
const squash = (s) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const refused = [];
const leaks = [];
const written = [];
let files = 0;

for (const { id, files: paths, values } of jobs) {
  for (const path of paths) {
    let cable;
    try {
      cable = await readCableFile(path);
    } catch {
      continue; // the other shape may parse; the test checks every id parsed once
    }
    files++;
    const shape = path.endsWith('.html') ? 'html' : 'txt';
    for (const format of ['text', 'pdf', 'docx']) {
      try {
        const result = await convertCable(cable, { format, redact: parseRedactCategories('contacts') });
        const ext = { text: 'txt', pdf: 'pdf', docx: 'docx' }[format];
        const file = join(out, `${id}.${shape}.${ext}`);
        writeFileSync(file, result.data);
        written.push({ id, format, file });
        if (format === 'pdf' && values.length) {
          const all = squash((await readOutput(result.data, 'pdf')).views.map((v) => v.text).join('\n'));
          if (values.some((v) => all.includes(squash(v)))) leaks.push(`${id} pdf strings`);
        }
      } catch (err) {
        refused.push(`${id} ${shape} ${format}: ${String(err?.message ?? err).split('\n')[0]}`);
      }
    }
    break;
  }
}
parentPort.postMessage({ refused, leaks, written, files });
