/**
 * Selection stage of `npm run bench`: `cablekit select` on a 100,000-row `cables.csv` (generated
 * at run time like the CSV stage's) with a tag and a text filter, each run in its own process:
 *   1. the CLI, `select cables.csv --filter tag=PTER --filter text~terrorist --format ids`
 *      (wall and CPU time, peak RSS, rows per second);
 *   2. the library, `selectCables` with the same filter, its RSS sampled every 10,000 rows (flat
 *      memory: the samples do not grow with the rows read), and how many rows the raw pre-check
 *      let through to the parser;
 *   3. the same selection without the pre-check — every row parsed, then the filter — for the
 *      speed the pre-check buys.
 * Writes bench/results/select.json.
 *
 *   node bench/select.mjs [--rows N]     or     import { runSelectBench } from './select.mjs'
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root, corpusRoot, resultsDir, runChildStage } from './normalize.mjs';
import { measureCli } from './batch.mjs';
import { generateCsv } from '../scripts/release-csv.mjs';

const FILTER = ['tag=PTER', 'text~terrorist'];

/** A measured library run (in a child): `mode` is `select` (with the pre-check) or `parse-all`. */
async function child(path, mode) {
  const lib = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
  const filter = lib.parseFilter(FILTER);
  let rows = 0;
  let passed = 0;
  let selected = 0;
  const samples = [];
  const sample = () => {
    if (++rows % 10_000 === 0) samples.push(Math.round(process.memoryUsage().rss / 1048576));
  };
  const t0 = performance.now();
  if (mode === 'select') {
    const inputs = [{ kind: 'csv', path }];
    for await (const s of lib.selectCables(inputs, { filter, onInput: sample, onError: () => {} })) void s, selected++;
  } else {
    for await (const cable of lib.readCsvCables(path, { onError: () => {} })) {
      sample();
      if (lib.matchesCable(cable, filter)) selected++;
    }
    passed = rows;
  }
  const seconds = (performance.now() - t0) / 1000;
  // The rows the pre-check let through, counted on their own (no parsing), after the timing.
  if (mode === 'select') for await (const rec of lib.readCsvRecords(path, { filter })) void rec, passed++;
  return {
    rows,
    passedPreCheck: passed,
    selected,
    seconds: +seconds.toFixed(2),
    rowsPerSecond: Math.round(rows / seconds),
    rssEvery10kMB: samples,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

export async function runSelectBench({ rows = 100_000 } = {}) {
  const path = join(corpusRoot, `select-${rows}.csv`);
  const t0 = performance.now();
  const bytes = await generateCsv(path, rows, 777);
  const genSeconds = (performance.now() - t0) / 1000;

  const cli = measureCli(['select', path, ...FILTER.flatMap((f) => ['--filter', f]), '--format', 'ids', '--quiet']);
  const library = runChildStage(import.meta.url, `select:${path}`, 'select');
  const parseAll = runChildStage(import.meta.url, `parse-all:${path}`, 'parse-all');
  await rm(path, { force: true });

  const rss = library.rssEvery10kMB;
  const out = {
    bench: 'select',
    rows,
    csvMB: +(bytes / 1e6).toFixed(1),
    generateSeconds: +genSeconds.toFixed(2),
    filter: FILTER,
    cli: {
      args: `select cables.csv ${FILTER.map((f) => `--filter '${f}'`).join(' ')} --format ids`,
      exitCode: cli.code,
      seconds: cli.seconds,
      cpuSeconds: cli.cpuSeconds,
      rowsPerSecond: Math.round(rows / cli.seconds),
      peakRssMB: cli.peakRssMB,
    },
    library,
    withoutPreCheck: parseAll,
    preCheckSpeedup: +(parseAll.seconds / library.seconds).toFixed(1),
    sameSelection: parseAll.selected === library.selected,
    /** Flat: the last RSS sample is within 25% of the first (after the first 10,000 rows). */
    flatMemory: rss.length < 2 || rss.at(-1) <= rss[0] * 1.25,
    node: process.version,
    date: new Date().toISOString(),
  };
  await mkdir(resultsDir, { recursive: true });
  await writeFile(join(resultsDir, 'select.json'), JSON.stringify(out, null, 2) + '\n');
  return out;
}

const argv = process.argv.slice(2);
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (argv[0] === '--child') {
    const i = argv[1].indexOf(':');
    const [mode, path] = [argv[1].slice(0, i), argv[1].slice(i + 1)];
    process.stdout.write(JSON.stringify(await child(path, mode)) + '\n');
  } else {
    const i = argv.indexOf('--rows');
    console.log(JSON.stringify(await runSelectBench({ rows: i >= 0 ? Number(argv[i + 1]) : 100_000 }), null, 2));
  }
}
