/**
 * Batch stage of `npm run bench`: `cablekit render DIR --format pdf` over 2,000 synthetic cables
 * with --jobs 1 and --jobs 2, each run in its own process, in alternating rounds (3 by default,
 * BENCH_BATCH_ROUNDS=N): a shared or virtual machine's speed drifts by 10–20% over minutes, and
 * alternating puts both settings through the same drift. Prints the median times and the speed-up
 * of the medians (target ≥ 1.7× on 2 cores), checks every run wrote the same bytes, and writes
 * bench/results/batch.json. Skipped with a note when no PDF writer is registered.
 *
 *   node bench/batch.mjs [--count N]     or     import { runBatchBench, measureCli } from './batch.mjs'
 */
import { mkdir, readdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root, corpusRoot, resultsDir, generateCorpus } from './normalize.mjs';
import { cpuWithChildren, median, treeRssKB } from './measure.mjs';

/**
 * Runs the CLI in a child process and returns its exit code, wall time, CPU time and peak RSS,
 * worker processes included (CPU from /proc's children times, RSS sampled over the process tree).
 */
export function measureCli(args, { env = {} } = {}) {
  const report = join(tmpdir(), `cablekit-bench-${process.pid}-${Date.now()}.json`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--cli', report, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - t0) / 1000;
  let inner = {};
  try {
    inner = JSON.parse(spawnSync('cat', [report], { encoding: 'utf8' }).stdout);
  } catch {
    /* the child died before writing it */
  }
  void rm(report, { force: true });
  return { code: r.status, seconds: +seconds.toFixed(2), cpuSeconds: inner.cpuSeconds ?? null, peakRssMB: inner.peakRssMB ?? null, stderr: r.stderr };
}

async function hashTree(dir) {
  const out = {};
  for (const f of (await readdir(dir)).sort()) out[f] = createHash('sha256').update(await readFile(join(dir, f))).digest('hex');
  return out;
}

async function hasPdfWriter() {
  const { getWriter } = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
  try {
    getWriter('pdf');
    return true;
  } catch {
    return false;
  }
}

export async function runBatchBench({ count = 2000 } = {}) {
  await mkdir(resultsDir, { recursive: true });
  if (!(await hasPdfWriter())) {
    const out = { bench: 'batch', skipped: 'no PDF writer is registered yet' };
    await writeFile(join(resultsDir, 'batch.json'), JSON.stringify(out, null, 2) + '\n');
    return out;
  }
  // Inputs: the first `count` cables of the normalize corpus (made here if it is too small).
  const source = join(corpusRoot, 'normalize');
  let files = (await readdir(source).catch(() => [])).filter((f) => f.endsWith('.txt')).sort();
  if (files.length < count) {
    await generateCorpus(source, count);
    files = (await readdir(source)).sort();
  }
  const inputs = join(corpusRoot, `batch-${count}`);
  await rm(inputs, { recursive: true, force: true });
  await mkdir(inputs, { recursive: true });
  for (const f of files.slice(0, count)) await copyFile(join(source, f), join(inputs, f));

  const rounds = Math.max(1, Number(process.env.BENCH_BATCH_ROUNDS) || 3);
  const all = { 1: [], 2: [] };
  const hashes = {};
  let identical = true;
  const differingFiles = new Set();
  for (let round = 0; round < rounds; round++) {
    for (const jobs of [1, 2]) {
      const out = join(corpusRoot, `batch-out-${jobs}`);
      await rm(out, { recursive: true, force: true });
      const r = measureCli(['render', inputs, '--format', 'pdf', '--out', out, '--jobs', String(jobs), '--quiet']);
      const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
      all[jobs].push({
        seconds: r.seconds,
        cpuSeconds: r.cpuSeconds,
        peakRssMB: r.peakRssMB,
        exitCode: r.code,
        converted: manifest.summary.converted,
        failed: manifest.summary.failed,
        pages: manifest.cables.reduce((n, e) => n + (e.pages ?? 0), 0),
      });
      const h = await hashTree(out);
      hashes.first ??= h;
      for (const f of new Set([...Object.keys(h), ...Object.keys(hashes.first)])) {
        if (h[f] !== hashes.first[f]) {
          identical = false;
          differingFiles.add(f);
        }
      }
      await rm(out, { recursive: true, force: true });
    }
  }
  // Per setting: the median run's figures, and every run's time.
  const runs = {};
  for (const jobs of [1, 2]) {
    const list = all[jobs];
    const seconds = median(list.map((r) => r.seconds));
    const cpu = list.every((r) => r.cpuSeconds != null) ? median(list.map((r) => r.cpuSeconds)) : null;
    runs[jobs] = {
      seconds: +seconds.toFixed(2),
      allSeconds: list.map((r) => r.seconds),
      cpuSeconds: cpu == null ? null : +cpu.toFixed(2),
      cablesPerSecond: +(count / seconds).toFixed(1),
      coresUsed: cpu == null ? null : +(cpu / seconds).toFixed(2),
      peakRssMB: Math.max(...list.map((r) => r.peakRssMB ?? 0)) || null,
      exitCode: Math.max(...list.map((r) => r.exitCode ?? 1)),
      converted: list[0].converted,
      failed: list[0].failed,
      pages: list[0].pages,
    };
  }
  const speedup = +(runs[1].seconds / runs[2].seconds).toFixed(2);
  const loadAverage = (await import('node:os')).loadavg().map((x) => +x.toFixed(2));
  const out = {
    bench: 'batch',
    format: 'pdf',
    cables: count,
    jobs1: runs[1],
    jobs2: runs[2],
    rounds,
    speedup,
    speedupPerRound: all[1].map((r, i) => +(r.seconds / all[2][i].seconds).toFixed(2)),
    targetSpeedup: 1.7,
    meetsTarget: speedup >= 1.7,
    identicalOutputs: identical,
    differingFiles: [...differingFiles].slice(0, 20),
    loadAverage,
    cores: (await import('node:os')).availableParallelism(),
    node: process.version,
    date: new Date().toISOString(),
  };
  await writeFile(join(resultsDir, 'batch.json'), JSON.stringify(out, null, 2) + '\n');
  return out;
}

const argv = process.argv.slice(2);
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (argv[0] === '--cli') {
    const { main } = await import(pathToFileURL(join(root, 'dist', 'cli', 'main.js')).href);
    let treePeak = 0;
    const sampler = setInterval(() => (treePeak = Math.max(treePeak, treeRssKB())), 100);
    const code = await main(argv.slice(2));
    clearInterval(sampler);
    const ru = process.resourceUsage();
    const cpu = cpuWithChildren() ?? (ru.userCPUTime + ru.systemCPUTime) / 1e6;
    const peakKB = Math.max(ru.maxRSS, treePeak);
    await writeFile(argv[1], JSON.stringify({ code, peakRssMB: Math.round(peakKB / 1024), cpuSeconds: +cpu.toFixed(2) }));
    process.exit(code);
  } else {
    const i = argv.indexOf('--count');
    console.log(JSON.stringify(await runBatchBench({ count: i >= 0 ? Number(argv[i + 1]) : 2000 }), null, 2));
  }
}
