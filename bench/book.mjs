/**
 * Book stage of `npm run bench`: a 1,000-cable briefing book as DOCX and as PDF, each built in a child process so its time and peak RSS are its own; cables are
 * synthesized from the samples at run time. When pandoc is installed, the same text as Markdown
 * is turned into a DOCX by pandoc, and the ratio is printed. Runs on dist/ (build first).
 *
 *   node bench/book.mjs [--count N]      or      import { runBookBench } from './book.mjs'
 * Targets (issue 4): 1,000-cable DOCX book < 5 s, peak RSS < 1 GB, ≥ 5× faster than pandoc. The
 * PDF book has no time target; its peak RSS is checked against the same 1 GB.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, writeFile, rm } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadSamples, synthesize } from './synthetic.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const self = fileURLToPath(import.meta.url);


function markdown(cables) {
  const parts = ['# Briefing book', ''];
  for (const c of cables) {
    parts.push(`# ${c.id} — ${c.subject ?? ''}`, '');
    parts.push('| Field | Value |', '|---|---|');
    for (const [k, v] of [['Date', c.date], ['Origin', c.origin], ['From', c.from], ['To', c.to.join('; ')], ['Tags', c.tags.join(', ')]]) {
      parts.push(`| ${k} | ${(v ?? '').replace(/\|/g, '\\|')} |`);
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

/** In a child: build one book, print `{ ms, pages, bytes, maxRssMB }`. */
async function child(format, count, out) {
  const samples = await loadSamples(root);
  const cables = synthesize(samples, count);
  const { buildBook } = await import(pathToFileURL(join(root, 'dist/book/index.js')).href);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let book;
  try {
    book = await buildBook(cables, { format, title: `Bench book of ${count} cables` });
  } catch (err) {
    process.stdout.write(JSON.stringify({ error: String(err.message ?? err).split('\n')[0] }) + '\n');
    return;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (out) await writeFile(out, book.data);
  if (format === 'markdown') return;
  process.stdout.write(
    JSON.stringify({ ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), pages: book.pages, bytes: book.data.length, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n',
  );
}

function runChild(format, count, out) {
  const r = spawnSync(process.execPath, [self, '--child', format, String(count), out ?? ''], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) return { error: (r.stderr || r.stdout).trim().split('\n').slice(-1)[0] || `exit ${r.status}` };
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

function hasPandoc() {
  try {
    execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function runBookBench({ count = 1000, log = console.log } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cablekit-bench-book-'));
  const results = { count, node: process.version, date: new Date().toISOString().slice(0, 10) };
  try {
    results.docx = runChild('docx', count, join(dir, 'book.docx'));
    log(`book: ${count}-cable DOCX book ${fmt(results.docx)}`);
    results.pdf = runChild('pdf', count, join(dir, 'book.pdf'));
    log(`book: ${count}-cable PDF book ${fmt(results.pdf)}`);
    if (hasPandoc()) {
      const samples = await loadSamples(root);
      const md = join(dir, 'book.md');
      await writeFile(md, markdown(synthesize(samples, count)));
      const t0 = performance.now();
      execFileSync('pandoc', [md, '-o', join(dir, 'pandoc.docx')]);
      const ms = Math.round(performance.now() - t0);
      results.pandoc = { ms };
      if (results.docx.ms) results.pandocRatio = +(ms / results.docx.ms).toFixed(1);
      log(`book: pandoc on the same text as Markdown ${(ms / 1000).toFixed(2)} s; cablekit is ${results.pandocRatio}× faster`);
    } else {
      results.pandoc = null;
      log('book: pandoc not installed; no ratio');
    }
    results.targets = {
      docxUnder5s: results.docx.ms !== undefined && results.docx.ms < 5000,
      docxUnder1GB: results.docx.maxRssMB !== undefined && results.docx.maxRssMB < 1024,
      pdfUnder1GB: results.pdf.maxRssMB !== undefined && results.pdf.maxRssMB < 1024,
    };
    await mkdir(join(root, 'bench/results'), { recursive: true });
    await writeFile(join(root, 'bench/results/book.json'), JSON.stringify(results, null, 2) + '\n');
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function fmt(r) {
  if (r.error) return `failed: ${r.error}`;
  return `${(r.ms / 1000).toFixed(2)} s (CPU ${(r.cpuMs / 1000).toFixed(2)} s), ${r.pages} pages, ${(r.bytes / 1e6).toFixed(1)} MB, peak RSS ${r.maxRssMB} MB`;
}

if (process.argv[1] === self) {
  if (process.argv[2] === '--child') {
    await child(process.argv[3], Number(process.argv[4]), process.argv[5] || null);
  } else {
    const i = process.argv.indexOf('--count');
    await runBookBench({ count: i > 0 ? Number(process.argv[i + 1]) : 1000 });
  }
}
