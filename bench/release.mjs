/**
 * Release stage of `npm run bench` (`BENCH_ONLY=release npm run bench`): what converting the
 * whole release costs, on 4,000 real cables re-serialled (bench/release-corpus.mjs; made at bench
 * time, never committed). Each measurement runs the CLI in its own process, as a user runs it:
 *
 *   - `render DIR --format pdf  --out OUT --jobs 1` and `--jobs 2`
 *   - `render DIR --format docx --out OUT --jobs 1` and `--jobs 2`
 *   - `normalize DIR --out OUT` (default jobs: the cores), and `--jobs 1`
 *   - normalize in one process, no CLI: read each file, parse, format as text (MB per CPU-second;
 *     with the V8 options batch workers get for text)
 *
 * For each: wall seconds, CPU seconds (the process and its workers), cables/s, pages/s, CPU ms per
 * cable, peak RSS (the process tree, sampled), and for PDF --jobs 2 the projected time for the
 * release's 251,287 cables. CPU ms per cable is what to compare between runs on a shared machine;
 * wall-clock figures want a quiet one.
 *
 * Environment:
 *   BENCH_COUNT_RELEASE=N       cables (default 4000; BENCH_SMALL: 200)
 *   BENCH_RELEASE_ROUNDS=N      rounds, alternating the settings (default 1); medians are reported
 *   BENCH_RELEASE_ONLY=pdf,docx,normalize   some measurements only
 *   BENCH_BASELINE=DIR          also run every measurement with the cablekit checkout in DIR (built:
 *                               DIR/dist), alternating with this one, and print both side by side
 *
 *   node bench/release.mjs [--count N]      or      import { runReleaseBench } from './release.mjs'
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tmpdir, availableParallelism, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root, corpusRoot, resultsDir } from './normalize.mjs';
import { generateReleaseCorpus } from './release-corpus.mjs';
import { cpuWithChildren, median, treeRssKB } from './measure.mjs';

export const RELEASE_CABLES = 251_287;
const self = fileURLToPath(import.meta.url);

/** Runs `cablekit ARGS` of checkout `checkout` in a child process: exit code, wall, CPU, peak RSS. */
function runCli(checkout, args) {
  const report = join(tmpdir(), `cablekit-release-${process.pid}-${Date.now()}.json`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [self, '--cli', checkout, report, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  let inner = {};
  try {
    inner = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    /* the child died before writing it */
  }
  void rm(report, { force: true });
  return { code: r.status, seconds, cpuSeconds: inner.cpuSeconds ?? null, peakRssMB: inner.peakRssMB ?? null, stderr: r.stderr };
}

/** The in-process normalize, in a child of checkout `checkout`: read, parse, format every file. */
function runInProcess(checkout, dir) {
  // With the V8 options the batch workers get for text (src/batch/pool.ts heapArgv: a larger young
  // generation, no inlining, a late optimizing compiler), for this checkout and a baseline alike: the figure compares the code.
  const r = spawnSync(process.execPath, ['--max-semi-space-size=32', '--no-turbo-inlining', '--interrupt-budget=1500000', self, '--inprocess', checkout, dir], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) return { error: (r.stderr || r.stdout).trim().split('\n').slice(-1)[0] };
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

async function pagesOf(out) {
  try {
    const m = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    return { pages: m.cables.reduce((n, e) => n + (e.pages ?? 0), 0), converted: m.summary.converted, failed: m.summary.failed };
  } catch {
    return { pages: null, converted: null, failed: null };
  }
}

/** The measurements, by name: the CLI arguments (OUT replaced by a fresh folder). */
function measurements(dir, only) {
  const all = [
    { name: 'pdf --jobs 1', group: 'pdf', args: ['render', dir, '--format', 'pdf', '--jobs', '1'] },
    { name: 'pdf --jobs 2', group: 'pdf', args: ['render', dir, '--format', 'pdf', '--jobs', '2'] },
    { name: 'docx --jobs 1', group: 'docx', args: ['render', dir, '--format', 'docx', '--jobs', '1'] },
    { name: 'docx --jobs 2', group: 'docx', args: ['render', dir, '--format', 'docx', '--jobs', '2'] },
    { name: 'normalize --jobs 1', group: 'normalize', args: ['normalize', dir, '--jobs', '1'] },
    { name: 'normalize', group: 'normalize', args: ['normalize', dir] },
  ];
  return only ? all.filter((m) => only.has(m.group)) : all;
}

export async function runReleaseBench({ count = 4000, rounds = Number(process.env.BENCH_RELEASE_ROUNDS) || 1, log = (s) => console.error(s) } = {}) {
  const corpus = await generateReleaseCorpus(join(corpusRoot, 'release'), count);
  const mb = corpus.bytes / 1e6;
  const only = process.env.BENCH_RELEASE_ONLY ? new Set(process.env.BENCH_RELEASE_ONLY.split(',').map((s) => s.trim())) : null;
  const base = process.env.BENCH_BASELINE ? resolve(process.env.BENCH_BASELINE) : null;
  if (base && !existsSync(join(base, 'dist', 'cli', 'main.js'))) throw new Error(`BENCH_BASELINE: ${base}/dist/cli/main.js is missing (build that checkout first)`);
  const checkouts = base ? [['after', root], ['before', base]] : [['now', root]];
  const list = measurements(corpus.dir, only);
  const runs = {};
  // Each run writes into a folder never used before, and all are removed at the end: on some file
  // systems, creating files right where thousands were just deleted costs several times the CPU.
  const outRoot = join(corpusRoot, `release-out-${process.pid}`);
  let outSeq = 0;
  for (let round = 1; round <= rounds; round++) {
    for (const m of list) {
      for (const [label, checkout] of checkouts) {
        const out = join(outRoot, String(outSeq++));
        const r = runCli(checkout, [...m.args, '--out', out, '--quiet']);
        const p = await pagesOf(out);
        const key = `${label}|${m.name}`;
        (runs[key] ??= []).push({ ...r, ...p });
        log(`release: round ${round}: ${label === 'now' ? '' : `${label}: `}${m.name}: ${r.seconds.toFixed(2)} s, CPU ${r.cpuSeconds} s, peak RSS ${r.peakRssMB} MB, exit ${r.code}${r.code ? ` (${r.stderr.trim().split('\n').at(-1)})` : ''}`);
      }
    }
    if (!only || only.has('normalize')) {
      for (const [label, checkout] of checkouts) {
        const r = runInProcess(checkout, corpus.dir);
        (runs[`${label}|normalize in process`] ??= []).push(r);
        log(`release: round ${round}: ${label === 'now' ? '' : `${label}: `}normalize in process: ${r.error ?? `${r.mbPerCpuSecond} MB per CPU-s, ${r.mbPerSecond} MB/s`}`);
      }
    }
  }
  await rm(outRoot, { recursive: true, force: true });

  const results = {};
  for (const [key, list2] of Object.entries(runs)) {
    const [label, name] = key.split('|');
    let fig;
    if (name === 'normalize in process') {
      const ok = list2.filter((r) => !r.error);
      fig = ok.length
        ? { seconds: median(ok.map((r) => r.seconds)), cpuSeconds: median(ok.map((r) => r.cpuSeconds)), mbPerSecond: median(ok.map((r) => r.mbPerSecond)), mbPerCpuSecond: median(ok.map((r) => r.mbPerCpuSecond)) }
        : { error: list2[0]?.error };
    } else {
      const seconds = median(list2.map((r) => r.seconds));
      const cpuSeconds = median(list2.map((r) => r.cpuSeconds));
      const pages = list2[0].pages;
      fig = {
        seconds: +seconds.toFixed(2),
        allSeconds: list2.map((r) => +r.seconds.toFixed(2)),
        cpuSeconds,
        cablesPerSecond: +(count / seconds).toFixed(1),
        pagesPerSecond: pages ? +(pages / seconds).toFixed(1) : null,
        mbPerSecond: +(mb / seconds).toFixed(1),
        cpuMsPerCable: cpuSeconds == null ? null : +((cpuSeconds * 1000) / count).toFixed(2),
        cablesPerCpuSecond: cpuSeconds == null ? null : +(count / cpuSeconds).toFixed(1),
        peakRssMB: Math.max(...list2.map((r) => r.peakRssMB ?? 0)) || null,
        pages,
        converted: list2[0].converted,
        failed: list2[0].failed,
        exitCode: Math.max(...list2.map((r) => r.code ?? 1)),
      };
      if (name === 'pdf --jobs 2') fig.releaseMinutes = +(RELEASE_CABLES / fig.cablesPerSecond / 60).toFixed(1);
    }
    (results[label] ??= {})[name] = fig;
  }
  const result = {
    stage: 'release',
    cables: count,
    corpusMB: +mb.toFixed(1),
    realTexts: corpus.sources,
    rounds,
    releaseCables: RELEASE_CABLES,
    baseline: base ? 'BENCH_BASELINE' : null,
    results,
    loadAverage: loadavg().map((x) => +x.toFixed(2)),
    cores: availableParallelism(),
    node: process.version,
    date: new Date().toISOString(),
  };
  await mkdir(resultsDir, { recursive: true });
  await writeFile(join(resultsDir, 'release.json'), JSON.stringify(result, null, 2) + '\n');
  return result;
}

/** The stage's table: one row per measurement, with the baseline's figures beside when there is one. */
export function releaseRows(r) {
  const labels = Object.keys(r.results);
  const rows = [];
  const names = [...new Set(labels.flatMap((l) => Object.keys(r.results[l])))];
  for (const name of names) {
    const cells = labels.map((label) => {
      const f = r.results[label][name];
      if (!f) return '';
      if (f.error) return `failed: ${f.error}`;
      if (name === 'normalize in process') return `${f.mbPerCpuSecond} MB/CPU-s, ${f.mbPerSecond} MB/s`;
      const rate = name.startsWith('normalize') ? `${f.mbPerSecond} MB/s` : `${f.cablesPerSecond} cables/s, ${f.pagesPerSecond} pages/s`;
      const proj = f.releaseMinutes ? `; release ${f.releaseMinutes} min` : '';
      return `${f.seconds} s: ${rate}; CPU ${f.cpuMsPerCable} ms/cable; RSS ${f.peakRssMB} MB${proj}${f.exitCode ? `; exit ${f.exitCode}` : ''}`;
    });
    rows.push([`${name}`, ...cells]);
  }
  return { header: ['measurement', ...labels], rows };
}

if (process.argv[1] === self) {
  const argv = process.argv.slice(2);
  if (argv[0] === '--cli') {
    // A child: run the CLI of checkout argv[1], write its CPU and peak RSS to argv[2].
    const { main } = await import(pathToFileURL(join(argv[1], 'dist', 'cli', 'main.js')).href);
    let treePeak = 0;
    const sampler = setInterval(() => (treePeak = Math.max(treePeak, treeRssKB())), 100);
    const code = await main(argv.slice(3));
    clearInterval(sampler);
    const ru = process.resourceUsage();
    const cpu = cpuWithChildren() ?? (ru.userCPUTime + ru.systemCPUTime) / 1e6;
    await writeFile(argv[2], JSON.stringify({ code, peakRssMB: Math.round(Math.max(ru.maxRSS, treePeak) / 1024), cpuSeconds: +cpu.toFixed(2) }));
    process.exit(code);
  } else if (argv[0] === '--inprocess') {
    // A child: read, parse and format as text every file of argv[2] with checkout argv[1].
    const checkout = argv[1];
    const { readCableFile } = await import(pathToFileURL(join(checkout, 'dist', 'parse', 'index.js')).href);
    const { formatCable } = await import(pathToFileURL(join(checkout, 'dist', 'index.js')).href);
    const files = readdirSync(argv[2]).filter((f) => f.endsWith('.txt')).sort().map((f) => join(argv[2], f));
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
    for (const f of files.slice(0, 200)) formatCable(await readCableFile(f), 'text'); // warm-up, not timed
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const f of files) formatCable(await readCableFile(f), 'text');
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    process.stdout.write(JSON.stringify({ seconds: +seconds.toFixed(3), cpuSeconds: +cpuSeconds.toFixed(3), mbPerSecond: +(bytes / 1e6 / seconds).toFixed(1), mbPerCpuSecond: +(bytes / 1e6 / cpuSeconds).toFixed(1) }) + '\n');
  } else {
    const i = argv.indexOf('--count');
    const r = await runReleaseBench({ count: i >= 0 ? Number(argv[i + 1]) : 4000 });
    const { header, rows } = releaseRows(r);
    console.log(`release: ${r.cables} real cables re-serialled, ${r.corpusMB} MB, medians of ${r.rounds}`);
    for (const row of [header, ...rows]) console.log(row.join(' | '));
  }
}
