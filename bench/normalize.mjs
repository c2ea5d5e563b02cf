/**
 * Normalize stage of `npm run bench`: a synthetic corpus of ≥10,000 varied cables made at run time
 * from the samples (ids, origins, dates changed, paragraph texts shuffled; never committed: it lives
 * in bench/corpus/, which .gitignore covers), then parsed, normalized and formatted as text in ONE
 * process (a child, so its peak RSS is its own). Prints cables/s, MB/s, peak RSS and writes
 * bench/results/normalize.json. Target: ≥ 20 MB/s of raw text. `inMemory` repeats the parse on
 * bytes already read (up to 64 MB of them), to tell parser time from file-reading time.
 *
 *   node bench/normalize.mjs [--count N]      or      import { runNormalizeBench } from './normalize.mjs'
 */
import { mkdir, readdir, readFile, rm, writeFile, stat } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rng, ORIGINS } from '../scripts/release-csv.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const corpusRoot = join(root, 'bench', 'corpus');
export const resultsDir = join(root, 'bench', 'results');


const PARA = /^(\s*(?:¶|\[1\]\(#\))?\d{1,3}\.\s+(?:\([A-Z/ ]{1,12}\)\s*)?)([\s\S]*)$/;

/** The seed texts: every `.txt` of samples/ and the dev set, as latin1 strings (byte-exact round trip). */
export async function loadSeedTexts() {
  const dirs = [join(root, 'samples'), join(root, 'tests', 'fixtures', 'cables')];
  const seeds = [];
  for (const dir of dirs) {
    for (const f of (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort()) {
      const m = /^(\d{2})([A-Z]+?)(\d+)\.txt$/.exec(f);
      if (!m) continue;
      seeds.push({ name: f, origin: m[2], number: m[3], text: (await readFile(join(dir, f))).toString('latin1') });
    }
  }
  return seeds;
}

/** One varied cable from a seed: new origin and serial number, new date-time group day, shuffled paragraph texts. */
export function varyCable(seed, i, random) {
  const origin = ORIGINS[Math.floor(random() * ORIGINS.length)];
  const number = String(1 + Math.floor(random() * 9000));
  let text = seed.text;
  const num = Number(seed.number);
  text = text.replace(new RegExp(`\\b${seed.origin} 0*${num}\\b`, 'g'), (m) => {
    const width = m.length - seed.origin.length - 1;
    return `${origin} ${number.padStart(width, '0')}`;
  });
  text = text.replace(new RegExp(`#0*${num}/`, 'g'), `#${number.padStart(4, '0')}/`);
  text = text.replace(new RegExp(`\\b${seed.origin}\\b`, 'g'), origin);
  text = text.replace(/\b(\d{2})(\d{4}Z [A-Z]{3} \d{2})\b/g, (_, _d, rest) => `${String(1 + Math.floor(random() * 28)).padStart(2, '0')}${rest}`);
  // Shuffle the texts of numbered paragraphs (after the first), keeping their numbers in place.
  const parts = text.split(/(\r?\n[ \t]*\r?\n)/);
  const idx = [];
  for (let k = 0; k < parts.length; k += 2) if (PARA.test(parts[k])) idx.push(k);
  const movable = idx.slice(1);
  const bodies = movable.map((k) => PARA.exec(parts[k])[2]);
  for (let k = bodies.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [bodies[k], bodies[j]] = [bodies[j], bodies[k]];
  }
  movable.forEach((k, n) => {
    parts[k] = PARA.exec(parts[k])[1] + bodies[n];
  });
  void i;
  return { text: parts.join(''), origin, number };
}

/** Writes `count` varied cables into `dir` (emptied first); returns their total size in bytes. */
export async function generateCorpus(dir, count, seedValue = 20260101) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const seeds = await loadSeedTexts();
  const random = rng(seedValue);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const seed = seeds[i % seeds.length];
    const { text, origin, number } = varyCable(seed, i, random);
    const data = Buffer.from(text, 'latin1');
    bytes += data.length;
    await writeFile(join(dir, `${String(i).padStart(6, '0')}-${seed.name.slice(0, 2)}${origin}${number}.txt`), data);
  }
  return bytes;
}

/** The measured part, run in a child process: read, parse, normalize and format every file. */
async function child(dir) {
  const { readCableFile } = await import(pathToFileURL(join(root, 'dist', 'parse', 'index.js')).href);
  const { formatCable } = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
  let bytes = 0;
  let failed = 0;
  let outBytes = 0;
  const firstErrors = [];
  // Sizes up front, so the timed loop does only what `normalize` does: read, parse, format.
  const sizes = new Map();
  for (const f of files) sizes.set(f, (await stat(join(dir, f))).size);
  // Warm-up (JIT), not timed: the first 200 cables once.
  for (const f of files.slice(0, 200)) {
    try {
      formatCable(await readCableFile(join(dir, f)), 'text');
    } catch {
      /* counted below */
    }
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const f of files) {
    const path = join(dir, f);
    bytes += sizes.get(f);
    try {
      const cable = await readCableFile(path);
      outBytes += formatCable(cable, 'text').length;
    } catch (err) {
      failed++;
      if (firstErrors.length < 3) firstErrors.push(String(err.message).split('\n')[0]);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // The same again with the bytes already in memory: the parser and normalizer alone, no file I/O.
  const { parseCableBytes } = await import(pathToFileURL(join(root, 'dist', 'parse', 'index.js')).href);
  let inMemory = null;
  if (typeof parseCableBytes === 'function') {
    const limit = 64 * 1024 * 1024;
    const blobs = [];
    let held = 0;
    for (const f of files) {
      if (held > limit) break;
      const b = await readFile(join(dir, f));
      held += b.length;
      blobs.push([f, b]);
    }
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    for (const [f, b] of blobs) {
      try {
        formatCable(parseCableBytes(b, f), 'text');
      } catch {
        /* counted above */
      }
    }
    const s1 = (performance.now() - t1) / 1000;
    const u1 = process.cpuUsage(c1);
    const cpu1 = (u1.user + u1.system) / 1e6;
    inMemory = {
      cables: blobs.length,
      seconds: +s1.toFixed(3),
      cpuSeconds: +cpu1.toFixed(3),
      cablesPerSecond: +(blobs.length / s1).toFixed(1),
      mbPerSecond: +(held / 1e6 / s1).toFixed(2),
      mbPerCpuSecond: +(held / 1e6 / cpu1).toFixed(2),
    };
  }
  return {
    inMemory,
    cables: files.length,
    failed,
    firstErrors,
    bytes,
    outBytes,
    seconds: +seconds.toFixed(3),
    // Wall time counts time the machine gave to other processes; CPU time does not.
    cpuSeconds: +cpuSeconds.toFixed(3),
    cablesPerSecond: +(files.length / seconds).toFixed(1),
    mbPerSecond: +(bytes / 1e6 / seconds).toFixed(2),
    mbPerCpuSecond: +(bytes / 1e6 / cpuSeconds).toFixed(2),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/**
 * Runs `script --child arg` in a fresh Node process (its own heap, so peak RSS is the stage's) and
 * returns the JSON the child prints on its last line of stdout.
 */
export function runChildStage(scriptUrl, arg, label) {
  const r = spawnSync(process.execPath, [fileURLToPath(scriptUrl), '--child', arg], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${label} child failed: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

export async function runNormalizeBench({ count = 10_000 } = {}) {
  const dir = join(corpusRoot, 'normalize');
  const t0 = performance.now();
  const bytes = await generateCorpus(dir, count);
  const genSeconds = (performance.now() - t0) / 1000;
  const result = runChildStage(import.meta.url, dir, 'normalize');
  const out = {
    bench: 'normalize',
    ...result,
    corpusMB: +(bytes / 1e6).toFixed(1),
    generateSeconds: +genSeconds.toFixed(2),
    targetMBPerSecond: 20,
    meetsTarget: result.mbPerSecond >= 20,
    node: process.version,
    date: new Date().toISOString(),
  };
  await mkdir(resultsDir, { recursive: true });
  await writeFile(join(resultsDir, 'normalize.json'), JSON.stringify(out, null, 2) + '\n');
  return out;
}

const argv = process.argv.slice(2);
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (argv[0] === '--child') {
    process.stdout.write(JSON.stringify(await child(argv[1])) + '\n');
  } else {
    const i = argv.indexOf('--count');
    const r = await runNormalizeBench({ count: i >= 0 ? Number(argv[i + 1]) : 10_000 });
    console.log(JSON.stringify(r, null, 2));
  }
}
