/**
 * Search-index stage of `npm run bench` (issue 17): a release-size `cables.csv` — 251,287 rows
 * (the release's count), about 1.7 GB — made at run time in a temp folder from real cable texts
 * (the development cables in tests/fixtures/cables, and ../shared's release pages when they are
 * beside the repository) with new serial numbers, then:
 *   1. `cablekit index cables.csv -o release.db` in its own process: wall and CPU time, peak RSS
 *      (worker threads included), the database's size against the CSV's;
 *   2. in one process with the index open (the library): a query with text, a tag and a date
 *      range → its first page (20 hits with snippets), and the facet counts of that query;
 *      medians of several runs after a first one, which is reported too;
 *   3. `cablekit select --index release.db` with the same question as a whole process;
 *   4. the same question answered by `cablekit select cables.csv` (tag, text~ and the dates), as a
 *      whole process, side by side.
 * Writes bench/results/index.json. Run it alone with `BENCH_ONLY=index npm run bench`, or
 * `node bench/index.mjs [--rows N]`; BENCH_INDEX_DIR=folder keeps the CSV and the index there
 * (made once, reused by the next run).
 */
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root, resultsDir, runChildStage } from './normalize.mjs';
import { rng } from '../scripts/release-csv.mjs';
import { measureCli } from './batch.mjs';

export const RELEASE_ROWS = 251_287;
/** The release's `cables.csv` is about 1.7 GB: 6,770 bytes a row. */
const MEAN_ROW_BYTES = 6_770;
const QUESTION = { query: 'terrorism', tag: 'PTER', from: '2005', to: '2009' };

/** Real cable texts: the development cables, and ../shared's when present. */
async function realTexts() {
  const { readCableFile } = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
  const dirs = [join(root, 'tests', 'fixtures', 'cables'), ...['cables', 'cables-more', 'cables-release'].map((d) => join(root, '..', 'shared', d))].filter(existsSync);
  const out = [];
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
      const text = readFileSync(join(dir, f), 'utf8');
      let cable;
      try {
        cable = await readCableFile(join(dir, f));
      } catch {
        continue;
      }
      if (!cable.origin || !cable.number || !cable.date) continue;
      out.push({ text, cable });
    }
  }
  return out;
}

const quote = (s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const created = (iso) => {
  const d = new Date(iso);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${d.getUTCHours()}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
};

/**
 * Writes `rows` rows shaped like the release: each a real cable's text under a new serial (its
 * id, and its own `OFFICE 000123` lines, renumbered), columns from its parsed fields. Long and
 * short texts are drawn so that a row averages the release's size. Returns the file's size.
 */
export async function generateReleaseCsv(path, rows, seed = 1717) {
  const texts = await realTexts();
  if (!texts.length) throw new Error('no real cable texts found');
  const short = texts.filter((t) => Buffer.byteLength(t.text) <= MEAN_ROW_BYTES);
  const long = texts.filter((t) => Buffer.byteLength(t.text) > MEAN_ROW_BYTES);
  const mean = (xs) => xs.reduce((a, t) => a + Buffer.byteLength(t.text), 0) / Math.max(1, xs.length);
  // P(long) so that the expected row is the release's mean
  const pLong = long.length && short.length ? Math.min(1, Math.max(0, (MEAN_ROW_BYTES - mean(short)) / (mean(long) - mean(short)))) : long.length ? 1 : 0;
  const random = rng(seed);
  const out = createWriteStream(path);
  for (let i = 0; i < rows; i++) {
    const pool = random() < pLong ? long : short;
    const { text, cable } = pool[Math.floor(random() * pool.length)];
    const serial = 100_000 + i;
    const yy = cable.date.slice(2, 4);
    const id = `${yy}${cable.origin.replace(/[^A-Z]/g, '')}${serial}`;
    const renumbered = text.replace(new RegExp(`\\b${cable.origin.replace(/[^A-Z ]/g, '')} 0*${cable.number}\\b`, 'g'), `${cable.origin} ${serial}`);
    const refs = cable.references.flatMap((r) => r.ids ?? (r.id ? [r.id] : [])).join('|');
    const origin = `Embassy ${cable.origin[0]}${cable.origin.slice(1).toLowerCase()}`;
    const line = [String(i + 1), created(cable.date), id, origin, cable.classification.level, refs, '', renumbered].map(quote).join(',');
    if (!out.write(`${line}\n`)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  return statSync(path).size;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? +s[Math.floor(s.length / 2)].toFixed(1) : null;
};

/** In a child with the index open: the question's first page and its facets, timed. */
async function child(db) {
  const lib = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
  const t0 = performance.now();
  const index = lib.CableIndex.open(db);
  const openMs = performance.now() - t0;
  const q = { query: QUESTION.query, filter: lib.parseFilter([`tag=${QUESTION.tag}`], { from: QUESTION.from, to: QUESTION.to }) };
  // wall and CPU milliseconds: on a shared machine the CPU time is what a quiet one would take
  const time = (f) => {
    const t = performance.now();
    const c = process.cpuUsage();
    const r = f();
    const u = process.cpuUsage(c);
    return [performance.now() - t, r, (u.user + u.system) / 1000];
  };
  const [firstPageMs, page] = time(() => index.search(q, { limit: 20 }));
  const pages = [];
  const pageCpu = [];
  for (let i = 0; i < 7; i++) {
    const [ms, , cpu] = time(() => index.search(q, { limit: 20 }));
    pages.push(ms);
    pageCpu.push(cpu);
  }
  const [firstFacetsMs, facets] = time(() => index.facets(q));
  const facetRuns = [];
  const facetCpu = [];
  for (let i = 0; i < 5; i++) {
    const [ms, , cpu] = time(() => index.facets(q));
    facetRuns.push(ms);
    facetCpu.push(cpu);
  }
  // broader: every cable's facets, and a common word's first page
  const [allFacetsMs] = time(() => index.facets({}));
  const [commonMs, common] = time(() => index.search({ query: 'embassy' }, { limit: 20 }));
  index.close();
  return {
    openMs: +openMs.toFixed(1),
    total: page.total,
    firstPageMs: +firstPageMs.toFixed(1),
    pageMedianMs: median(pages),
    pageMedianCpuMs: median(pageCpu),
    firstFacetsMs: +firstFacetsMs.toFixed(1),
    facetsMedianMs: median(facetRuns),
    facetsMedianCpuMs: median(facetCpu),
    facetTags: facets.tags.length,
    allFacetsMs: +allFacetsMs.toFixed(1),
    commonWord: { query: 'embassy', total: common.total, firstPageMs: +commonMs.toFixed(1) },
  };
}

export async function runIndexBench({ rows = RELEASE_ROWS } = {}) {
  const keep = process.env.BENCH_INDEX_DIR;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'cablekit-bench-index-'));
  await mkdir(dir, { recursive: true });
  const csv = join(dir, `cables-${rows}.csv`);
  const db = join(dir, `release-${rows}.db`);
  try {
    let genSeconds = null;
    if (!keep || !existsSync(csv)) {
      const t0 = performance.now();
      await generateReleaseCsv(csv, rows);
      genSeconds = +((performance.now() - t0) / 1000).toFixed(1);
    }
    const csvBytes = statSync(csv).size;
    const build = measureCli(['index', csv, '-o', db, '--quiet']);
    if (build.code !== 0) throw new Error(`cablekit index exited ${build.code}: ${build.stderr.split('\n').slice(-3).join(' ')}`);
    const dbBytes = statSync(db).size;
    const inProcess = runChildStage(import.meta.url, db, 'index');
    const selectIndex = measureCli(['select', '--index', db, '--query', QUESTION.query, '--filter', `tag=${QUESTION.tag}`, '--from', QUESTION.from, '--to', QUESTION.to, '--limit', '20', '--quiet']);
    const selectIndexAll = measureCli(['select', '--index', db, '--query', QUESTION.query, '--filter', `tag=${QUESTION.tag}`, '--from', QUESTION.from, '--to', QUESTION.to, '--quiet']);
    const selectCsv = measureCli(['select', csv, '--filter', `tag=${QUESTION.tag}`, '--filter', `text~\\b${QUESTION.query}\\b`, '--from', QUESTION.from, '--to', QUESTION.to, '--quiet']);
    const out = {
      bench: 'index',
      rows,
      csvMB: +(csvBytes / 1e6).toFixed(1),
      generateSeconds: genSeconds,
      question: QUESTION,
      build: { seconds: build.seconds, cpuSeconds: build.cpuSeconds, peakRssMB: build.peakRssMB, dbMB: +(dbBytes / 1e6).toFixed(1), dbToCsv: +(dbBytes / csvBytes).toFixed(2) },
      inProcess,
      selectIndex: { seconds: selectIndex.seconds, cpuSeconds: selectIndex.cpuSeconds, peakRssMB: selectIndex.peakRssMB, exitCode: selectIndex.code },
      selectIndexAll: { seconds: selectIndexAll.seconds, exitCode: selectIndexAll.code },
      selectCsv: { seconds: selectCsv.seconds, cpuSeconds: selectCsv.cpuSeconds, peakRssMB: selectCsv.peakRssMB, exitCode: selectCsv.code },
      targets: {
        indexUnder10Min: build.seconds <= 600,
        rssUnder1GB: (build.peakRssMB ?? Infinity) <= 1024,
        dbUnder2xCsv: dbBytes <= 2 * csvBytes,
        firstPageUnder100ms: inProcess.pageMedianMs <= 100,
        facetsUnder500ms: inProcess.facetsMedianMs <= 500,
        selectIndexUnder1s: selectIndex.seconds <= 1,
      },
      node: process.version,
      date: new Date().toISOString(),
    };
    await mkdir(resultsDir, { recursive: true });
    await writeFile(join(resultsDir, 'index.json'), JSON.stringify(out, null, 2) + '\n');
    return out;
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (argv[0] === '--child') process.stdout.write(JSON.stringify(await child(argv[1])) + '\n');
  else {
    const i = argv.indexOf('--rows');
    console.log(JSON.stringify(await runIndexBench({ rows: i >= 0 ? Number(argv[i + 1]) : RELEASE_ROWS }), null, 2));
  }
}
