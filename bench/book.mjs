/**
 * Book stage of `npm run bench`: briefing books of real cables, each built in a child process so
 * its time and peak RSS are its own, written to a file as the CLI does (`writeBook`):
 *   - a 1,000-cable DOCX book, and pandoc turning the same text (as Markdown) into a DOCX;
 *   - a 1,000-cable PDF book;
 *   - a 10,000-cable PDF book (peak RSS: the PDF book is written as it is laid out).
 * The cables are the samples, the development cables and the shared real cables (../shared) when
 * present, repeated with rotated paragraphs and new ids to reach the count (made at run time, never
 * committed). The 1,000-cable runs alternate in rounds (3 by default, BENCH_BOOK_ROUNDS=N) and
 * medians are reported: a shared machine's speed drifts. Runs on dist/ (build first).
 *
 *   node bench/book.mjs [--count N] [--big N]     or      import { runBookBench } from './book.mjs'
 * Targets: DOCX book ≥ 10× pandoc (issue 18; was 8×, issue 12), by wall time, with the CPU-time ratio
 * beside it; PDF book of 1,000 cables ≤ 400 MB peak RSS; of 10,000 cables < 1 GB.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { synthesize } from './synthetic.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const self = fileURLToPath(import.meta.url);

/** The real cables at hand: samples, development cables, and ../shared's when present. */
async function loadRealCables() {
  const { readCableFile } = await import(pathToFileURL(join(root, 'dist/readers/cable/parse.js')).href);
  const dirs = ['samples', 'tests/fixtures/cables', '../shared/cables', '../shared/cables-more'].map((d) => join(root, d)).filter(existsSync);
  const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).map((f) => join(d, f))).sort();
  const cables = [];
  const seen = new Set();
  for (const file of files) {
    try {
      const cable = await readCableFile(file);
      if (seen.has(cable.id)) continue;
      seen.add(cable.id);
      cables.push(cable);
    } catch {
      /* a file that is not a cable */
    }
  }
  return cables;
}

/** The same text as Markdown, for pandoc: title, metadata table, headings, paragraphs, lists. */
function markdown(cables) {
  const parts = ['# Briefing book', ''];
  for (const c of cables) {
    parts.push(`# ${c.id} — ${c.subject ?? ''}`, '');
    parts.push('| Field | Value |', '|---|---|');
    const names = (list) => list.map((r) => r.name).join('; ');
    for (const [k, v] of [['Date', c.date], ['Origin', c.origin], ['From', c.from], ['To', names(c.to)], ['Info', names(c.info)], ['Tags', c.tags.join(', ')], ['Subject', c.subject], ['References', c.references.map((r) => r.text).join('; ')]]) {
      parts.push(`| ${k} | ${(v ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`);
    }
    parts.push('');
    for (const p of c.paragraphs) {
      if (p.heading) parts.push(`## ${p.heading}`, '');
      parts.push(`${p.number !== null ? `${p.number}. ` : ''}${p.marking ? `**(${p.marking.raw})** ` : ''}${p.text.replace(/\n/g, ' ')}`, '');
      for (const b of p.bullets) parts.push(`- ${b.text}`);
      if (p.bullets.length) parts.push('');
    }
    if (c.signature) parts.push(c.signature, '');
  }
  return parts.join('\n');
}

/** In a child: build one book into `out`, print `{ ms, cpuMs, pages, bytes, sha256, maxRssMB }`. */
async function child(format, count, out) {
  const cables = synthesize(await loadRealCables(), count);
  const { writeBook } = await import(pathToFileURL(join(root, 'dist/book/book.js')).href);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let book;
  try {
    book = await writeBook(cables, { format, title: `Bench book of ${count} cables`, out });
  } catch (err) {
    process.stdout.write(JSON.stringify({ error: String(err.message ?? err).split('\n')[0] }) + '\n');
    return;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    JSON.stringify({ ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), pages: book.pages, bytes: book.bytes, sha256: book.sha256, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n',
  );
}

function runChild(format, count, out) {
  const r = spawnSync(process.execPath, [self, '--child', format, String(count), out], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) return { error: (r.stderr || r.stdout).trim().split('\n').slice(-1)[0] || `exit ${r.status}` };
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

/** CPU seconds of this process's reaped children so far (Linux /proc; null elsewhere). */
function childrenCpu() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) / 100; // cutime, cstime (clock ticks: 100/s)
  } catch {
    return null;
  }
}

function hasPandoc() {
  try {
    execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : undefined;
};

/** The median run of several (by wall time), with every round's time; peak RSS is the highest. */
function summarize(runs) {
  const ok = runs.filter((r) => !r.error);
  if (!ok.length) return runs[0];
  const ms = median(ok.map((r) => r.ms));
  const mid = ok.find((r) => r.ms === ms) ?? ok[0];
  return {
    ...mid,
    ms,
    cpuMs: median(ok.map((r) => r.cpuMs)),
    maxRssMB: Math.max(...ok.map((r) => r.maxRssMB)),
    rounds: ok.map((r) => r.ms),
    identical: new Set(ok.map((r) => r.sha256)).size === 1,
  };
}

export async function runBookBench({ count = 1000, big = count * 10, rounds = Number(process.env.BENCH_BOOK_ROUNDS) || 3, log = console.log } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cablekit-bench-book-'));
  const results = { count, big, rounds, node: process.version, date: new Date().toISOString().slice(0, 10) };
  try {
    const pandoc = hasPandoc();
    const md = join(dir, 'book.md');
    if (pandoc) await writeFile(md, markdown(synthesize(await loadRealCables(), count)));
    const docx = [];
    const pdf = [];
    const pandocMs = [];
    const pandocCpuMs = [];
    for (let round = 1; round <= rounds; round++) {
      docx.push(runChild('docx', count, join(dir, 'book.docx')));
      log(`book: round ${round}: ${count}-cable DOCX book ${fmt(docx.at(-1))}`);
      if (pandoc) {
        const t0 = performance.now();
        const c0 = childrenCpu();
        execFileSync('pandoc', [md, '-o', join(dir, 'pandoc.docx')]);
        pandocMs.push(Math.round(performance.now() - t0));
        const c1 = childrenCpu();
        if (c0 !== null && c1 !== null) pandocCpuMs.push(Math.round((c1 - c0) * 1000));
        log(`book: round ${round}: pandoc on the same text as Markdown ${(pandocMs.at(-1) / 1000).toFixed(2)} s`);
      }
      pdf.push(runChild('pdf', count, join(dir, 'book.pdf')));
      log(`book: round ${round}: ${count}-cable PDF book ${fmt(pdf.at(-1))}`);
    }
    results.docx = summarize(docx);
    results.pdf = summarize(pdf);
    if (pandoc) {
      results.pandoc = { ms: median(pandocMs), rounds: pandocMs, cpuMs: median(pandocCpuMs) ?? null };
      if (results.docx.ms) results.pandocRatio = +(results.pandoc.ms / results.docx.ms).toFixed(1);
      // CPU time against CPU time: what a busy or single-core machine would see (cablekit deflates on a second thread).
      if (results.docx.cpuMs && results.pandoc.cpuMs) results.pandocCpuRatio = +(results.pandoc.cpuMs / results.docx.cpuMs).toFixed(1);
      results.pandocRatioPerRound = pandocMs.map((ms, i) => (docx[i]?.ms ? +(ms / docx[i].ms).toFixed(1) : null));
    } else {
      results.pandoc = null;
      log('book: pandoc not installed; no ratio');
    }
    log(`book: medians of ${rounds}: DOCX ${fmt(results.docx)}; PDF ${fmt(results.pdf)}${pandoc ? `; pandoc ${(results.pandoc.ms / 1000).toFixed(2)} s, cablekit ${results.pandocRatio}× faster` : ''}`);
    if (big) {
      results.bigPdf = runChild('pdf', big, join(dir, 'big.pdf'));
      log(`book: ${big}-cable PDF book ${fmt(results.bigPdf)}`);
    }
    results.targets = {
      docxAtLeast8xPandoc: results.pandocRatio !== undefined ? results.pandocRatio >= 8 : null,
      docxAtLeast10xPandoc: results.pandocRatio !== undefined ? results.pandocRatio >= 10 : null,
      pdfUnder400MB: results.pdf.maxRssMB !== undefined && results.pdf.maxRssMB <= 400,
      bigPdfUnder1GB: results.bigPdf ? results.bigPdf.maxRssMB !== undefined && results.bigPdf.maxRssMB < 1024 : null,
    };
    await mkdir(join(root, 'bench/results'), { recursive: true });
    await writeFile(join(root, 'bench/results/book.json'), JSON.stringify(results, null, 2) + '\n');
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function fmt(r) {
  if (!r) return 'not run';
  if (r.error) return `failed: ${r.error}`;
  return `${(r.ms / 1000).toFixed(2)} s (CPU ${(r.cpuMs / 1000).toFixed(2)} s), ${r.pages} pages, ${(r.bytes / 1e6).toFixed(1)} MB, peak RSS ${r.maxRssMB} MB`;
}

if (process.argv[1] === self) {
  if (process.argv[2] === '--child') {
    await child(process.argv[3], Number(process.argv[4]), process.argv[5]);
  } else {
    const arg = (name, fallback) => {
      const i = process.argv.indexOf(name);
      return i > 0 ? Number(process.argv[i + 1]) : fallback;
    };
    const count = arg('--count', 1000);
    await runBookBench({ count, big: arg('--big', count * 10) });
  }
}
