/**
 * Redaction stage of `npm run bench`: the five samples rendered with `--redact contacts` (the
 * whole path: detectors, apply, writer, read-back verification) to text, JSON, PDF and DOCX, in
 * rounds, against the same renders without redaction. Reports the median ms per cable of the
 * rounds for each, and the overhead. Runs on dist/ (build first).
 *
 *   node bench/redact.mjs [--rounds N]      or      import { runRedactBench } from './redact.mjs'
 */
import { readFileSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './measure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FORMATS = ['text', 'json', 'pdf', 'docx'];

/** CPU time of this process and of the children it waited for (pdftotext), in ms: a fairer figure than wall time on a busy machine. */
function cpuMs() {
  const self = process.cpuUsage();
  let children = 0;
  try {
    // /proc/self/stat fields 16 and 17: cutime and cstime, in clock ticks (100 per second on Linux)
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    children = ((Number(fields[13]) || 0) + (Number(fields[14]) || 0)) * 10;
  } catch {
    /* not Linux: the process alone */
  }
  return (self.user + self.system) / 1000 + children;
}

/** Runs the stage and writes bench/results/redact.json. `rounds` alternate plain and redacted renders. */
export async function runRedactBench({ rounds = 5, write = true } = {}) {
  const { readCableFile, convertCable, parseRedactCategories } = await import(pathToFileURL(join(root, 'dist/index.js')).href);
  const files = (await readdir(join(root, 'samples'))).filter((f) => f.endsWith('.txt')).sort();
  const cables = [];
  for (const f of files) cables.push(await readCableFile(join(root, 'samples', f)));
  const redacted = { redact: parseRedactCategories('contacts') };

  const perFormat = {};
  for (const format of FORMATS) {
    // warm-up outside the timing: fonts, JIT, the PDF and DOCX writers' first load
    for (const c of cables) {
      await convertCable(c, { format });
      await convertCable(c, { format, ...redacted });
    }
    const plain = [];
    const red = [];
    const plainCpu = [];
    const redCpu = [];
    for (let r = 0; r < rounds; r++) {
      // alternate, so load from other processes weighs on both alike
      for (const [list, cpuList, extra] of [
        [plain, plainCpu, {}],
        [red, redCpu, redacted],
      ]) {
        const t0 = performance.now();
        const c0 = cpuMs();
        for (const c of cables) await convertCable(c, { format, ...extra });
        list.push((performance.now() - t0) / cables.length);
        cpuList.push((cpuMs() - c0) / cables.length);
      }
    }
    const p = median(plain);
    const m = median(red);
    perFormat[format] = {
      plainMsPerCable: +p.toFixed(1),
      redactedMsPerCable: +m.toFixed(1),
      overheadMsPerCable: +(m - p).toFixed(1),
      plainCpuMsPerCable: +median(plainCpu).toFixed(1),
      redactedCpuMsPerCable: +median(redCpu).toFixed(1),
      redactedRounds: red.map((x) => +x.toFixed(1)),
    };
  }
  const result = {
    stage: 'redact',
    cables: cables.length,
    rounds,
    node: process.version,
    formats: perFormat,
    redactedMsPerCableAllFormats: +FORMATS.reduce((a, f) => a + perFormat[f].redactedMsPerCable, 0).toFixed(1),
    redactedCpuMsPerCableAllFormats: +FORMATS.reduce((a, f) => a + perFormat[f].redactedCpuMsPerCable, 0).toFixed(1),
  };
  if (write) {
    await mkdir(join(root, 'bench/results'), { recursive: true });
    await writeFile(join(root, 'bench/results/redact.json'), JSON.stringify(result, null, 2) + '\n');
  }
  return result;
}

export function formatRedactBench(r) {
  const lines = FORMATS.map((f) => {
    const x = r.formats[f];
    return `redact ${f.padEnd(5)} plain ${x.plainMsPerCable} ms/cable, --redact contacts ${x.redactedMsPerCable} ms/cable (+${x.overheadMsPerCable}); CPU ${x.plainCpuMsPerCable} → ${x.redactedCpuMsPerCable} ms/cable`;
  });
  lines.push(
    `redact all four formats: ${r.redactedMsPerCableAllFormats} ms/cable redacted, CPU ${r.redactedCpuMsPerCableAllFormats} ms/cable (medians of ${r.rounds} rounds over ${r.cables} samples)`,
  );
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--rounds');
  const rounds = i > 0 ? Number(process.argv[i + 1]) : 5;
  console.log(formatRedactBench(await runRedactBench({ rounds })));
}
