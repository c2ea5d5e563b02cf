/**
 * Redaction stage of `npm run bench`: the five samples rendered with `--redact contacts` and with
 * `--redact contacts,sources` (the whole path: detectors, apply, writer, read-back verification) to
 * text, JSON, PDF and DOCX, in rounds, against the same renders without redaction; and the made-up
 * cables with source markers with both. Reports the median ms (and CPU ms) per cable of the rounds
 * for each, the overhead, and contacts,sources against contacts alone. Runs on dist/ (build first).
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

/** Medians of alternating rounds of each variant of the options, per format: ms and CPU ms per cable. */
async function measure(convertCable, cables, variants, rounds) {
  const perFormat = {};
  for (const format of FORMATS) {
    // warm-up outside the timing: fonts, JIT, the PDF and DOCX writers' first load
    for (const c of cables) for (const extra of Object.values(variants)) await convertCable(c, { format, ...extra });
    const wall = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
    const cpu = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
    for (let r = 0; r < rounds; r++) {
      // alternate, so load from other processes weighs on every variant alike
      for (const [name, extra] of Object.entries(variants)) {
        const t0 = performance.now();
        const c0 = cpuMs();
        for (const c of cables) await convertCable(c, { format, ...extra });
        wall[name].push((performance.now() - t0) / cables.length);
        cpu[name].push((cpuMs() - c0) / cables.length);
      }
    }
    perFormat[format] = Object.fromEntries(Object.keys(variants).map((k) => [k, { ms: +median(wall[k]).toFixed(1), cpuMs: +median(cpu[k]).toFixed(1) }]));
  }
  return perFormat;
}

/**
 * Runs the stage and writes bench/results/redact.json: the samples plain, with `--redact contacts`
 * and with `--redact contacts,sources`, in alternating rounds; and the made-up cables that carry
 * source markers (tests/fixtures/redaction/made-up) with contacts and with contacts,sources, where
 * the sources detector and check have work to do.
 */
export async function runRedactBench({ rounds = 5, write = true } = {}) {
  const { readCableFile, convertCable, parseRedactCategories } = await import(pathToFileURL(join(root, 'dist/index.js')).href);
  const files = (await readdir(join(root, 'samples'))).filter((f) => f.endsWith('.txt')).sort();
  const cables = [];
  for (const f of files) cables.push(await readCableFile(join(root, 'samples', f)));
  const marked = [];
  for (const f of ['09VILNIUS902.txt', '09RIGA903.txt']) marked.push(await readCableFile(join(root, 'tests/fixtures/redaction/made-up', f)));
  const contacts = { redact: parseRedactCategories('contacts') };
  const sources = { redact: parseRedactCategories('contacts,sources') };

  const samples = await measure(convertCable, cables, { plain: {}, contacts, sources }, rounds);
  const withMarkers = await measure(convertCable, marked, { contacts, sources }, rounds);
  const perFormat = {};
  for (const format of FORMATS) {
    const x = samples[format];
    const m = withMarkers[format];
    perFormat[format] = {
      plainMsPerCable: x.plain.ms,
      redactedMsPerCable: x.contacts.ms,
      overheadMsPerCable: +(x.contacts.ms - x.plain.ms).toFixed(1),
      plainCpuMsPerCable: x.plain.cpuMs,
      redactedCpuMsPerCable: x.contacts.cpuMs,
      sourcesMsPerCable: x.sources.ms,
      sourcesCpuMsPerCable: x.sources.cpuMs,
      markedContactsCpuMsPerCable: m.contacts.cpuMs,
      markedSourcesCpuMsPerCable: m.sources.cpuMs,
    };
  }
  const sum = (key) => +FORMATS.reduce((a, f) => a + perFormat[f][key], 0).toFixed(1);
  const result = {
    stage: 'redact',
    cables: cables.length,
    markedCables: marked.length,
    rounds,
    node: process.version,
    formats: perFormat,
    redactedMsPerCableAllFormats: sum('redactedMsPerCable'),
    redactedCpuMsPerCableAllFormats: sum('redactedCpuMsPerCable'),
    sourcesMsPerCableAllFormats: sum('sourcesMsPerCable'),
    sourcesCpuMsPerCableAllFormats: sum('sourcesCpuMsPerCable'),
    markedContactsCpuMsPerCableAllFormats: sum('markedContactsCpuMsPerCable'),
    markedSourcesCpuMsPerCableAllFormats: sum('markedSourcesCpuMsPerCable'),
  };
  // the target: contacts,sources at most 1.2× contacts alone, per cable, in CPU time
  result.sourcesRatio = +(result.sourcesCpuMsPerCableAllFormats / result.redactedCpuMsPerCableAllFormats).toFixed(3);
  result.markedSourcesRatio = +(result.markedSourcesCpuMsPerCableAllFormats / result.markedContactsCpuMsPerCableAllFormats).toFixed(3);
  result.meetsSourcesTarget = result.sourcesRatio <= 1.2 && result.markedSourcesRatio <= 1.2;
  if (write) {
    await mkdir(join(root, 'bench/results'), { recursive: true });
    await writeFile(join(root, 'bench/results/redact.json'), JSON.stringify(result, null, 2) + '\n');
  }
  return result;
}

export function formatRedactBench(r) {
  const lines = FORMATS.map((f) => {
    const x = r.formats[f];
    return `redact ${f.padEnd(5)} plain ${x.plainMsPerCable} ms/cable, --redact contacts ${x.redactedMsPerCable} ms/cable (+${x.overheadMsPerCable}), contacts,sources ${x.sourcesMsPerCable}; CPU ${x.plainCpuMsPerCable} → ${x.redactedCpuMsPerCable} → ${x.sourcesCpuMsPerCable} ms/cable`;
  });
  lines.push(
    `redact all four formats: ${r.redactedMsPerCableAllFormats} ms/cable redacted, CPU ${r.redactedCpuMsPerCableAllFormats} ms/cable (medians of ${r.rounds} rounds over ${r.cables} samples)`,
    `redact contacts,sources: CPU ${r.sourcesCpuMsPerCableAllFormats} ms/cable on the samples (${r.sourcesRatio}× contacts), ${r.markedSourcesCpuMsPerCableAllFormats} ms/cable on ${r.markedCables} cables with markers (${r.markedSourcesRatio}× their ${r.markedContactsCpuMsPerCableAllFormats}); target ≤ 1.2×: ${r.meetsSourcesTarget ? 'met' : 'NOT met'}`,
  );
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--rounds');
  const rounds = i > 0 ? Number(process.argv[i + 1]) : 5;
  console.log(formatRedactBench(await runRedactBench({ rounds })));
}
