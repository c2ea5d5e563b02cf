/**
 * Bulk-CSV stage of `npm run bench`: a 100,000-row `cables.csv` generated from the sample rows
 * (new sequence numbers, ids and dates; backslash-escaped quotes and multi-line fields as in the
 * release), then, each in its own process with its peak RSS measured:
 *   1. the library: `readCsvCables` streamed and every cable formatted as JSON (target: flat
 *      memory, peak RSS < 500 MB whatever the file size);
 *   2. the CLI: `cablekit render cables.csv --format json --jobs 2 --shard 1/20` (every row is
 *      read and sharded, one in twenty converted and written).
 * Writes bench/results/csv.json.
 *
 *   node bench/csv.mjs [--rows N]     or     import { runCsvBench } from './csv.mjs'
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root, corpusRoot, resultsDir, runChildStage } from './normalize.mjs';
import { generateCsv } from '../scripts/release-csv.mjs';
import { measureCli } from './batch.mjs';

/** The measured library run (in a child): stream every row to a Cable and format it as JSON. */
async function child(path) {
  const { readCsvCables, formatCable } = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
  let cables = 0;
  let failed = 0;
  let jsonBytes = 0;
  const samples = [];
  const t0 = performance.now();
  for await (const cable of readCsvCables(path, { onError: () => failed++ })) {
    cables++;
    jsonBytes += formatCable(cable, 'json').length;
    if (cables % 10_000 === 0) samples.push(Math.round(process.memoryUsage().rss / 1048576));
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    cables,
    failed,
    jsonMB: +(jsonBytes / 1e6).toFixed(1),
    seconds: +seconds.toFixed(2),
    cablesPerSecond: +(cables / seconds).toFixed(1),
    rssEvery10kMB: samples,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

export async function runCsvBench({ rows = 100_000 } = {}) {
  const path = join(corpusRoot, `cables-${rows}.csv`);
  const t0 = performance.now();
  const bytes = await generateCsv(path, rows);
  const genSeconds = (performance.now() - t0) / 1000;

  const library = runChildStage(import.meta.url, path, 'csv');
  library.mbPerSecond = +(bytes / 1e6 / library.seconds).toFixed(2);

  const outDir = join(corpusRoot, 'csv-out');
  await rm(outDir, { recursive: true, force: true });
  const shard = rows >= 20 ? '1/20' : '1/1';
  const cli = measureCli(['render', path, '--format', 'json', '--out', outDir, '--jobs', '2', '--shard', shard, '--quiet']);
  let manifestSummary = null;
  try {
    manifestSummary = JSON.parse(await readFile(join(outDir, manifestNameFor(shard)), 'utf8')).summary;
  } catch {
    /* reported through exitCode */
  }
  await rm(outDir, { recursive: true, force: true });

  const out = {
    bench: 'csv',
    rows,
    csvMB: +(bytes / 1e6).toFixed(1),
    generateSeconds: +genSeconds.toFixed(2),
    library,
    render: { args: `render cables.csv --format json --jobs 2 --shard ${shard}`, exitCode: cli.code, seconds: cli.seconds, peakRssMB: cli.peakRssMB, summary: manifestSummary },
    targetPeakRssMB: 500,
    meetsTarget: library.peakRssMB < 500 && (cli.peakRssMB ?? 0) < 500,
    node: process.version,
    date: new Date().toISOString(),
  };
  await rm(path, { force: true });
  await mkdir(resultsDir, { recursive: true });
  await writeFile(join(resultsDir, 'csv.json'), JSON.stringify(out, null, 2) + '\n');
  return out;
}

function manifestNameFor(shard) {
  const [k, n] = shard.split('/');
  return n === '1' ? 'manifest.json' : `manifest-${k}-of-${n}.json`;
}

const argv = process.argv.slice(2);
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (argv[0] === '--child') {
    process.stdout.write(JSON.stringify(await child(argv[1])) + '\n');
  } else {
    const i = argv.indexOf('--rows');
    console.log(JSON.stringify(await runCsvBench({ rows: i >= 0 ? Number(argv[i + 1]) : 100_000 }), null, 2));
  }
}
