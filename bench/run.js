/**
 * `npm run bench`: builds dist/ when needed, then runs each stage and prints a summary table.
 * Every stage writes bench/results/<stage>.json. Synthetic inputs are made at run time in
 * bench/corpus/ (git-ignored) and never committed.
 *
 *   npm run bench                    full sizes (10,000 / 2,000 / 100,000: several minutes)
 *   BENCH_SMALL=1 npm run bench      tiny sizes, to check the harness quickly
 *   BENCH_ONLY=normalize,csv         run only some stages (normalize, batch, csv, select, pdf, book, redact, workbench, index, release)
 *   BENCH_ONLY=index                 the search index alone: a release-size CSV (251,287 rows, 1.7 GB) made in a
 *                                    temp folder, indexed, queried; about 10 minutes and 6 GB of disk
 *   BENCH_ONLY=release npm run bench the whole-release figures alone (bench/release.mjs: its own settings there)
 *   BENCH_COUNT_BATCH=200            change one stage's size (BENCH_COUNT_NORMALIZE, …_CSV, …)
 *
 * Optional stages of other parts of cablekit are picked up when their module exists:
 * bench/pdf.mjs exporting runPdfBench({count}), bench/book.mjs exporting runBookBench({count}).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const small = !!process.env.BENCH_SMALL && process.env.BENCH_SMALL !== '0';
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const sizes = small
  ? { normalize: 500, batch: 24, csv: 2_000, select: 2_000, pdf: 20, book: 20, redact: 2, workbench: 5, index: 5_000, release: 200 }
  : { normalize: 10_000, batch: 2_000, csv: 100_000, select: 100_000, pdf: 1_000, book: 1_000, redact: 7, workbench: 20, index: 251_287, release: 4_000 };
// BENCH_COUNT_<STAGE>=N overrides one stage's size, e.g. BENCH_COUNT_BATCH=200.
for (const name of Object.keys(sizes)) {
  const v = Number(process.env[`BENCH_COUNT_${name.toUpperCase()}`]);
  if (Number.isInteger(v) && v > 0) sizes[name] = v;
}

if (!existsSync(join(root, 'dist', 'index.js')) || process.env.BENCH_BUILD === '1') {
  console.error('bench: building dist/ …');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
  if (!existsSync(join(root, 'dist', 'index.js'))) process.exit(r.status ?? 1);
}

/** A stage from a module of ours or of another part; a missing module is skipped with a note. */
async function stage(name, file, exportName, args) {
  if (only && !only.has(name)) return { name, status: 'not selected' };
  const path = join(root, 'bench', file);
  if (!existsSync(path)) return { name, status: `skipped: bench/${file} is absent` };
  const mod = await import(pathToFileURL(path).href);
  if (typeof mod[exportName] !== 'function') return { name, status: `skipped: bench/${file} exports no ${exportName}` };
  console.error(`bench: ${name} (${JSON.stringify(args)}) …`);
  const t0 = performance.now();
  try {
    const result = await mod[exportName](args);
    return { name, status: result?.skipped ? `skipped: ${result.skipped}` : 'ok', seconds: +((performance.now() - t0) / 1000).toFixed(1), result };
  } catch (err) {
    return { name, status: `failed: ${String(err?.message ?? err).split('\n')[0]}` };
  }
}

const stages = [
  await stage('normalize', 'normalize.mjs', 'runNormalizeBench', { count: sizes.normalize }),
  await stage('batch', 'batch.mjs', 'runBatchBench', { count: sizes.batch }),
  await stage('csv', 'csv.mjs', 'runCsvBench', { rows: sizes.csv }),
  await stage('select', 'select.mjs', 'runSelectBench', { rows: sizes.select }),
  await stage('pdf', 'pdf.mjs', 'runPdfBench', { count: sizes.pdf }),
  await stage('book', 'book.mjs', 'runBookBench', { count: sizes.book }),
  await stage('redact', 'redact.mjs', 'runRedactBench', { rounds: sizes.redact }),
  await stage('workbench', 'workbench.mjs', 'runWorkbenchBench', { rounds: sizes.workbench }),
  await stage('index', 'index.mjs', 'runIndexBench', { rows: sizes.index }),
  await stage('release', 'release.mjs', 'runReleaseBench', { count: sizes.release }),
];

/** The figures worth a line each, per stage (other stages: their own `summary` lines, if any). */
function figures(s) {
  const r = s.result;
  if (!r || s.status !== 'ok') return [];
  switch (s.name) {
    case 'normalize':
      return [
        [`${r.cables} cables, ${r.corpusMB} MB, from files`, `${r.cablesPerSecond} cables/s, ${r.mbPerSecond} MB/s (${r.mbPerCpuSecond} MB/CPU-s)`, `peak RSS ${r.peakRssMB} MB`, `target ≥ 20 MB/s: ${r.meetsTarget ? 'met' : 'NOT met'}`],
        ...(r.inMemory
          ? [[`${r.inMemory.cables} cables, bytes in memory`, `${r.inMemory.cablesPerSecond} cables/s, ${r.inMemory.mbPerSecond} MB/s (${r.inMemory.mbPerCpuSecond} MB/CPU-s)`, '', `parser alone: ${r.inMemory.mbPerSecond >= 20 ? 'met' : 'NOT met'}`]]
          : []),
      ];
    case 'batch':
      return [
        [`${r.cables} cables → PDF, --jobs 1`, `${r.jobs1.seconds} s (${r.jobs1.cablesPerSecond}/s, ${r.jobs1.coresUsed} cores busy)`, `peak RSS ${r.jobs1.peakRssMB} MB`, ''],
        [`${r.cables} cables → PDF, --jobs 2`, `${r.jobs2.seconds} s (${r.jobs2.cablesPerSecond}/s, ${r.jobs2.coresUsed} cores busy)`, `peak RSS ${r.jobs2.peakRssMB} MB`, `speed-up ${r.speedup}× (median of ${r.rounds}; rounds ${r.speedupPerRound.join(', ')}) (target ≥ 1.7×: ${r.meetsTarget ? 'met' : 'NOT met'}); identical outputs: ${r.identicalOutputs}`],
      ];
    case 'csv':
      return [
        [`${r.rows} CSV rows (${r.csvMB} MB) → JSON, library`, `${r.library.seconds} s (${r.library.cablesPerSecond}/s, ${r.library.mbPerSecond} MB/s)`, `peak RSS ${r.library.peakRssMB} MB`, `target < 500 MB: ${r.library.peakRssMB < 500 ? 'met' : 'NOT met'}`],
        [`render cables.csv --jobs 2 --shard 1/20`, `${r.render.seconds} s, exit ${r.render.exitCode}`, `peak RSS ${r.render.peakRssMB} MB`, `target < 500 MB: ${(r.render.peakRssMB ?? 0) < 500 ? 'met' : 'NOT met'}`],
      ];
    case 'redact':
      return [
        ...Object.entries(r.formats).map(([f, x]) => [
          `${r.cables} samples → ${f}, --redact contacts`,
          `${x.redactedMsPerCable} ms/cable (plain ${x.plainMsPerCable}, +${x.overheadMsPerCable}); CPU ${x.redactedCpuMsPerCable} ms`,
          '',
          '',
        ]),
        [`all four formats, redacted`, `${r.redactedMsPerCableAllFormats} ms/cable, CPU ${r.redactedCpuMsPerCableAllFormats} ms (medians of ${r.rounds} rounds)`, '', ''],
        [
          `all four formats, --redact contacts,sources`,
          `CPU ${r.sourcesCpuMsPerCableAllFormats} ms/cable (${r.sourcesRatio}× contacts); ${r.markedCables} cables with markers: ${r.markedSourcesCpuMsPerCableAllFormats} ms (${r.markedSourcesRatio}× ${r.markedContactsCpuMsPerCableAllFormats})`,
          '',
          `target ≤ 1.2×: ${r.meetsSourcesTarget ? 'met' : 'NOT met'}`,
        ],
      ];
    case 'workbench':
      return [
        [`workbench: toggle → updated view (${r.cable})`, `median ${r.toggle.medianMs} ms, slowest ${r.toggle.maxMs} ms (${r.toggle.rounds} toggles)`, '', `target < 200 ms: ${r.toggle.meetsTarget ? 'met' : 'NOT met'}`],
        [`workbench: click → downloaded PDF`, `median ${r.pdfDownload.medianMs} ms, slowest ${r.pdfDownload.maxMs} ms (${r.pdfDownload.rounds} downloads)`, '', ''],
      ];
    case 'select':
      return [
        [`select ${r.rows} CSV rows (${r.csvMB} MB), ${r.filter.join(' ')}`, `${r.cli.seconds} s (${r.cli.rowsPerSecond} rows/s, ${r.cli.cpuSeconds} CPU-s)`, `peak RSS ${r.cli.peakRssMB} MB`, `${r.library.selected} selected`],
        [`  library: ${r.library.passedPreCheck} rows past the raw pre-check`, `${r.library.seconds} s; parsing every row: ${r.withoutPreCheck.seconds} s (${r.preCheckSpeedup}×)`, `RSS every 10k rows: ${r.library.rssEvery10kMB.join(', ')} MB`, `flat: ${r.flatMemory ? 'yes' : 'NO'}; same cables: ${r.sameSelection}`],
      ];
    case 'index': {
      const ok = (b) => (b ? 'met' : 'NOT met');
      const q = `'${r.question.query}' tag=${r.question.tag} ${r.question.from}–${r.question.to}`;
      return [
        [`index ${r.rows.toLocaleString('en')} CSV rows (${r.csvMB} MB)`, `${r.build.seconds} s (${r.build.cpuSeconds} CPU-s)`, `peak RSS ${r.build.peakRssMB} MB`, `≤ 600 s: ${ok(r.targets.indexUnder10Min)}; ≤ 1 GB: ${ok(r.targets.rssUnder1GB)}`],
        [`  the database`, `${r.build.dbMB} MB, ${r.build.dbToCsv}× the CSV`, '', `≤ 2×: ${ok(r.targets.dbUnder2xCsv)}`],
        [`  query ${q}: first page (${r.inProcess.total} hits)`, `${r.inProcess.pageMedianMs} ms median, ${r.inProcess.pageMedianCpuMs} CPU-ms (first ${r.inProcess.firstPageMs} ms)`, 'in process', `≤ 100 ms: ${ok(r.targets.firstPageUnder100ms)}`],
        [`  its facet counts`, `${r.inProcess.facetsMedianMs} ms median, ${r.inProcess.facetsMedianCpuMs} CPU-ms (first ${r.inProcess.firstFacetsMs} ms)`, 'in process', `≤ 500 ms: ${ok(r.targets.facetsUnder500ms)}`],
        [`  select --index, the same question, first 20`, `${r.selectIndex.seconds} s, ${r.selectIndex.cpuSeconds} CPU-s (all: ${r.selectIndexAll.seconds} s)`, 'whole process', `≤ 1 s: ${ok(r.targets.selectIndexUnder1s)}`],
        [`  select cables.csv, the same question (text~)`, `${r.selectCsv.seconds} s (${r.selectCsv.cpuSeconds} CPU-s)`, `peak RSS ${r.selectCsv.peakRssMB} MB`, `${(r.selectCsv.seconds / r.selectIndex.seconds).toFixed(0)}× slower`],
      ];
    }
    case 'book': {
      const t = (x) => (x && !x.error ? `${(x.ms / 1000).toFixed(1)} s (CPU ${(x.cpuMs / 1000).toFixed(1)} s), ${x.pages} pages` : x?.error ?? 'not run');
      const m = (x) => (x && !x.error ? `peak RSS ${x.maxRssMB} MB` : '');
      return [
        [`${r.count}-cable DOCX book (median of ${r.rounds})`, t(r.docx), m(r.docx), r.pandoc ? `pandoc ${(r.pandoc.ms / 1000).toFixed(1)} s: ${r.pandocRatio}× (CPU ${r.pandocCpuRatio ?? '?'}×) (target ≥ 10×: ${r.targets.docxAtLeast10xPandoc ? 'met' : 'NOT met'})` : 'pandoc not installed'],
        [`${r.count}-cable PDF book (median of ${r.rounds})`, t(r.pdf), m(r.pdf), `target ≤ 400 MB: ${r.targets.pdfUnder400MB ? 'met' : 'NOT met'}`],
        ...(r.bigPdf ? [[`${r.big}-cable PDF book`, t(r.bigPdf), m(r.bigPdf), `target < 1 GB: ${r.targets.bigPdfUnder1GB ? 'met' : 'NOT met'}`]] : []),
      ];
    }
    case 'release': {
      // One row per measurement; with BENCH_BASELINE, the baseline checkout's figures on the next row.
      const out = [];
      const labels = Object.keys(r.results);
      const names = [...new Set(labels.flatMap((l) => Object.keys(r.results[l])))];
      for (const name of names) {
        for (const label of labels) {
          const f = r.results[label][name];
          if (!f) continue;
          const what = `${label === 'now' ? '' : `${label}: `}${name}`;
          if (f.error) out.push([what, `failed: ${f.error}`, '', '']);
          else if (name === 'normalize in process') out.push([what, `${f.mbPerSecond} MB/s (${f.mbPerCpuSecond} MB/CPU-s)`, '', `target ≥ 50 MB/CPU-s: ${f.mbPerCpuSecond >= 50 ? 'met' : 'NOT met'}`]);
          else if (name.startsWith('normalize')) out.push([what, `${f.seconds} s, ${f.mbPerSecond} MB/s; CPU ${f.cpuSeconds} s`, `peak RSS ${f.peakRssMB} MB`, name === 'normalize' ? `target ≥ 30 MB/s: ${f.mbPerSecond >= 30 ? 'met' : 'NOT met'}` : ''])
          else {
            out.push([
              what,
              `${f.seconds} s: ${f.cablesPerSecond} cables/s, ${f.pagesPerSecond} pages/s; CPU ${f.cpuMsPerCable} ms/cable`,
              `peak RSS ${f.peakRssMB} MB`,
              name === 'pdf --jobs 2' ? `${r.releaseCables} cables: ${f.releaseMinutes} min (target ≥ 140 cables/s: ${f.cablesPerSecond >= 140 ? 'met' : 'NOT met'})` : '',
            ]);
          }
        }
      }
      out.unshift([`${r.cables} real cables re-serialled (${r.corpusMB} MB), medians of ${r.rounds}`, '', '', '']);
      return out;
    }
    default: {
      // Another part's stage: its scalar figures, nested one level (its own JSON has the rest).
      const flat = [];
      for (const [k, v] of Object.entries(r)) {
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          for (const [k2, v2] of Object.entries(v)) if (typeof v2 === 'number') flat.push(`${k}.${k2}=${+v2.toFixed(2)}`);
        } else if (typeof v === 'number' || typeof v === 'boolean') flat.push(`${k}=${v}`);
      }
      const out = [];
      for (let i = 0; i < flat.length; i += 4) out.push([flat.slice(i, i + 4).join(', '), '', '', '']);
      return out.length ? out : [[`see bench/results/${s.name}.json`, '', '', '']];
    }
  }
}

const rows = [['stage', 'what', 'time / rate', 'memory', 'target']];
for (const s of stages) {
  const f = figures(s);
  if (f.length === 0) rows.push([s.name, s.status, s.seconds ? `${s.seconds} s` : '', '', '']);
  else for (const line of f) rows.push([s.name, ...line]);
}
const widths = rows[0].map((_, c) => Math.min(60, Math.max(...rows.map((r) => String(r[c]).length))));
const fmt = (r) => r.map((cell, c) => String(cell).padEnd(widths[c])).join('  ').trimEnd();
console.log(`\ncablekit bench${small ? ' (BENCH_SMALL)' : ''}: ${process.version}, results in bench/results/\n`);
console.log(fmt(rows[0]));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows.slice(1)) console.log(fmt(r));

await mkdir(join(root, 'bench', 'results'), { recursive: true });
await writeFile(
  join(root, 'bench', 'results', 'summary.json'),
  JSON.stringify({ small, date: new Date().toISOString(), node: process.version, stages }, null, 2) + '\n',
);
