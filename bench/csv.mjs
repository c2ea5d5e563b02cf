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
import { mkdir, readFile, rm, writeFile, stat } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root, corpusRoot, resultsDir, rng, ORIGINS, runChildStage } from './normalize.mjs';
import { measureCli } from './batch.mjs';

const SAMPLE = join(root, 'tests', 'fixtures', 'cables', 'cables-sample.csv');

/** The sample's rows as raw CSV text, split with the same library the product uses. */
async function sampleRows() {
  const { parse } = await import('csv-parse/sync');
  return parse(await readFile(SAMPLE, 'utf8'), { escape: '\\' });
}

const quote = (s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/'/g, "\\'")}"`;

/** Writes a `rows`-row CSV shaped like the release; returns its size in bytes. */
export async function generateCsv(path, rows, seedValue = 4242) {
  await mkdir(join(path, '..'), { recursive: true });
  const samples = await sampleRows();
  const random = rng(seedValue);
  const out = createWriteStream(path);
  for (let i = 0; i < rows; i++) {
    const [, , id, , classification, refs, header, body] = samples[i % samples.length];
    const m = /^(\d{2})([A-Z]+?)(\d+)$/.exec(id);
    const year = 1966 + Math.floor(random() * 44);
    const yy = String(year % 100).padStart(2, '0');
    const origin = ORIGINS[Math.floor(random() * ORIGINS.length)];
    const number = 1 + Math.floor(random() * 9000);
    const newId = `${yy}${origin}${number}`;
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const created = `${month}/${day}/${year} ${Math.floor(random() * 24)}:${String(Math.floor(random() * 60)).padStart(2, '0')}`;
    const swap = (s) => (m ? s.replaceAll(m[2], origin).replace(new RegExp(`\\b${origin} 0*${m[3]}\\b`, 'g'), `${origin} ${number}`) : s);
    const line = [String(i + 1), created, newId, `Embassy ${origin[0]}${origin.slice(1).toLowerCase()}`, classification, refs, swap(header), swap(body)]
      .map(quote)
      .join(',');
    if (!out.write(`${line}\n`)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  return (await stat(path)).size;
}

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
