import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBatch, parseShard, summaryLine } from '../src/batch/run.js';
import { discoverInputs } from '../src/readers/input/discover.js';
import { expandGlob, globToRegExp } from '../src/readers/input/glob.js';
import type { Manifest, ManifestOk, ManifestFailure } from '../src/batch/manifest.js';
import { getWriter, type OutputFormat } from '../src/writers/registry.js';
import '../src/writers/builtin.js';

const hasWriter = (f: OutputFormat): boolean => {
  try {
    getWriter(f);
    return true;
  } catch {
    return false;
  }
};

const GOOD = ['samples/08OTTAWA372.txt', 'samples/07OTTAWA117.txt', 'tests/fixtures/cables/00HARARE6677.html'];

/** A folder with good cables and the three kinds of bad file. */
function mixedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cablekit-batch-in-'));
  for (const f of GOOD) copyFileSync(f, join(dir, f.split('/').pop()!));
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff, 0xfe, 0, 1, 2, 3]));
  writeFileSync(join(dir, 'not-a-cable.txt'), 'Dear diary,\n\nToday I went shopping and bought apples.\n');
  writeFileSync(join(dir, 'notes.md'), 'ignored: not a cable extension');
  return dir;
}

const readManifest = (dir: string, name = 'manifest.json'): Manifest =>
  JSON.parse(readFileSync(join(dir, name), 'utf8')) as Manifest;

const outDir = (): string => mkdtempSync(join(tmpdir(), 'cablekit-batch-out-'));

/** The outputs left by a stopped run are complete PDFs, and its journal lists exactly them. */
function expectJournalOfOutputs(out: string, left: string[]): void {
  const pdfs = left.filter((f) => f.endsWith('.pdf')).sort();
  expect(left.filter((f) => !f.endsWith('.pdf'))).toEqual(pdfs.length ? ['manifest.json.journal'] : []);
  for (const f of pdfs) expect(readFileSync(join(out, f)).subarray(-7).toString()).toContain('%%EOF');
  if (!pdfs.length) return;
  const lines = readFileSync(join(out, 'manifest.json.journal'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines[0]).toMatchObject({ journal: 'cablekit-batch', format: 'pdf' });
  expect(lines.slice(1).map((e) => e.output).sort()).toEqual(pdfs);
}

describe('batch conversion of a folder', () => {
  it('converts the good files, lists the bad ones, leaves no temp files', async () => {
    const input = mixedFolder();
    const out = outDir();
    const inputs = await discoverInputs([input]);
    expect(inputs.map((i) => i.path.split('/').pop())).toEqual([
      '00HARARE6677.html',
      '07OTTAWA117.txt',
      '08OTTAWA372.txt',
      'binary.txt',
      'empty.txt',
      'not-a-cable.txt',
    ]);
    const summary = await runBatch({ inputs, outDir: out, convert: { format: 'json' }, jobs: 2 });
    expect(summary).toMatchObject({ inputs: 6, converted: 3, failed: 3, upToDate: 0 });
    expect(summaryLine(summary)).toBe(`converted 3 of 6; 3 failed, see ${join(out, 'manifest.json')}`);
    expect(readdirSync(out).sort()).toEqual(['00HARARE6677.json', '07OTTAWA117.json', '08OTTAWA372.json', 'manifest.json']);

    const m = readManifest(out);
    expect(m.format).toBe('json');
    expect(m.cables.map((e) => e.input)).toEqual(inputs.map((i) => i.path));
    const ok = m.cables.filter((e): e is ManifestOk => 'output' in e);
    expect(ok.map((e) => e.id)).toEqual(['00HARARE6677', '07OTTAWA117', '08OTTAWA372']);
    for (const e of ok) {
      const bytes = readFileSync(join(out, e.output));
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(e.sha256);
      expect(JSON.parse(bytes.toString()).id).toBe(e.id);
      expect(Array.isArray(e.warnings)).toBe(true);
    }
    const bad = m.cables.filter((e): e is ManifestFailure => 'error' in e);
    expect(bad.map((e) => e.input.split('/').pop())).toEqual(['binary.txt', 'empty.txt', 'not-a-cable.txt']);
    for (const e of bad) expect(e.error).toMatch(/\S/);
    expect(bad[1]!.error).toMatch(/empty/i);
    expect(m.summary).toEqual({ inputs: 6, converted: 3, failed: 3, filtered: 0 });
  });

  async function sameOutputs(inputs: Awaited<ReturnType<typeof discoverInputs>>, format: OutputFormat): Promise<Manifest> {
    const a = outDir();
    const b = outDir();
    await runBatch({ inputs, outDir: a, convert: { format }, jobs: 1 });
    await runBatch({ inputs, outDir: b, convert: { format }, jobs: 2 });
    const files = readdirSync(a).sort();
    expect(readdirSync(b).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), `${format} ${f}`).toBe(true);
    return readManifest(a);
  }

  it('--jobs 1 and --jobs 2 give byte-identical outputs and manifest (text, JSON)', async () => {
    const input = mixedFolder();
    copyFileSync('tests/fixtures/cables/00HARARE6677.txt', join(input, '00HARARE6677.txt'));
    const inputs = await discoverInputs([input, 'samples', 'tests/fixtures/cables/cables-sample.csv']);
    for (const format of (['json', 'text'] as OutputFormat[]).filter(hasWriter)) {
      const m = await sameOutputs(inputs, format);
      expect(m.cables).toHaveLength(18);
      // Same id twice (the .txt and .html of one cable): a deterministic suffix, no overwrite.
      const harare = m.cables.filter((e): e is ManifestOk => 'id' in e && e.id === '00HARARE6677').map((e) => e.output);
      expect(harare).toEqual([`00HARARE6677.${m.format === 'markdown' ? 'md' : m.format === 'text' ? 'txt' : 'json'}`, expect.stringMatching(/^00HARARE6677-2\./)]);
    }
  });

  // Kept small: PDF and DOCX take a good fraction of a second per cable.
  for (const format of ['pdf', 'docx'] as OutputFormat[]) {
    it.skipIf(!hasWriter(format))(`--jobs 1 and --jobs 2 give byte-identical ${format} files`, async () => {
      const inputs = await discoverInputs([
        'samples/07OTTAWA117.txt',
        'tests/fixtures/cables/00HARARE6677.html',
      ]);
      const m = await sameOutputs(inputs, format);
      expect(m.cables.filter((e) => 'output' in e)).toHaveLength(2);
    });
  }

  it('--jobs 1 and --jobs 2 give byte-identical PDFs whatever was rendered before', async () => {
    const inputs = await discoverInputs(['tests/fixtures/cables/00HARARE6677.txt', 'tests/fixtures/cables/01PRETORIA1173.txt']);
    await sameOutputs(inputs, 'pdf');
  });

  it('--resume skips inputs whose output is up to date, and redoes stale or altered ones', async () => {
    const input = mixedFolder();
    const out = outDir();
    const inputs = await discoverInputs([input]);
    const first = await runBatch({ inputs, outDir: out, convert: { format: 'json' }, jobs: 2, resume: true });
    expect(first).toMatchObject({ converted: 3, upToDate: 0, failed: 3 });
    const manifest1 = readFileSync(join(out, 'manifest.json'));
    const mtime = statSync(join(out, '08OTTAWA372.json')).mtimeMs;

    const second = await runBatch({ inputs, outDir: out, convert: { format: 'json' }, jobs: 2, resume: true });
    expect(second).toMatchObject({ converted: 0, upToDate: 3, failed: 3 });
    expect(statSync(join(out, '08OTTAWA372.json')).mtimeMs).toBe(mtime);
    expect(readFileSync(join(out, 'manifest.json')).equals(manifest1)).toBe(true);

    // A newer input, and an output changed by hand, are converted again.
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(input, '08OTTAWA372.txt'), future, future);
    writeFileSync(join(out, '07OTTAWA117.json'), 'tampered');
    const third = await runBatch({ inputs, outDir: out, convert: { format: 'json' }, jobs: 1, resume: true });
    expect(third).toMatchObject({ converted: 2, upToDate: 1, failed: 3 });
    expect(JSON.parse(readFileSync(join(out, '07OTTAWA117.json'), 'utf8')).id).toBe('07OTTAWA117');
    expect(readFileSync(join(out, 'manifest.json')).equals(manifest1)).toBe(true);

    // Different options: nothing is reused.
    const other = await runBatch({ inputs, outDir: out, convert: { format: 'json', watermark: 'DRAFT' }, jobs: 1, resume: true });
    expect(other.upToDate).toBe(0);
  });

  it('--shard K/N splits the inputs into disjoint slices that cover them all', async () => {
    const inputs = await discoverInputs(['samples', 'tests/fixtures/cables/cables-sample.csv']);
    const seen: string[] = [];
    for (let k = 1; k <= 3; k++) {
      const out = outDir();
      const shard = parseShard(`${k}/3`);
      await runBatch({ inputs, outDir: out, convert: { format: 'json' }, jobs: 1, shard });
      const m = readManifest(out, `manifest-${k}-of-3.json`);
      expect(m.shard).toBe(`${k}/3`);
      expect(m.cables.length).toBeGreaterThanOrEqual(3);
      seen.push(...m.cables.map((e) => e.input));
    }
    const all = outDir();
    await runBatch({ inputs, outDir: all, convert: { format: 'json' }, jobs: 1 });
    const everything = readManifest(all).cables.map((e) => e.input);
    expect(everything).toHaveLength(11);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...everything].sort());
    expect(() => parseShard('0/3')).toThrow(/K\/N/);
    expect(() => parseShard('4/3')).toThrow(/K\/N/);
    expect(() => parseShard('x')).toThrow(/K\/N/);
  });

  it('--filter selects among files and CSV rows', async () => {
    const { parseFilter } = await import('../src/select/filter.js');
    const inputs = await discoverInputs(['samples', 'tests/fixtures/cables/cables-sample.csv']);
    const out = outDir();
    const s = await runBatch({
      inputs,
      outDir: out,
      convert: { format: 'json' },
      jobs: 2,
      filter: parseFilter(['origin=OTTAWA,TEHRAN', 'date<=2007']),
    });
    const m = readManifest(out);
    // 05OTTAWA1502 has no date-time group, so no date: a date filter leaves it out.
    expect(m.cables.map((e) => ('id' in e ? e.id : e.input))).toEqual([
      '07OTTAWA117',
      '72TEHRAN1164',
      '72TEHRAN5055',
      '73TEHRAN7005',
      '75TEHRAN2069',
      '78TEHRAN389',
    ]);
    // Four sample files, and the one CSV row of another origin, each counted once.
    expect(s.filtered).toBe(5);
    expect(m.summary).toMatchObject({ inputs: 11, filtered: 5 });
  });
});

describe('worker pool', () => {
  it('a worker that dies fails only the cable it was converting; the others are converted', async () => {
    const { WorkerPool } = await import('../src/batch/pool.js');
    const staging = { dir: outDir(), prefix: '.cablekit-test-' };
    const pool = new WorkerPool(2, { convert: { format: 'pdf' }, staging });
    const files = [...GOOD, ...GOOD];
    try {
      await pool.whenReady();
      const outcomes = files.map((input, seq) => pool.run({ seq, kind: 'file', input }));
      // Kill the first worker while it converts (it also holds the task sent ahead to it).
      (pool as unknown as { slots: { child: { kill(s: string): void } }[] }).slots[0]!.child.kill('SIGKILL');
      const done = await Promise.all(outcomes);
      const crashed = done.filter((o) => o.error);
      expect(crashed).toHaveLength(1);
      expect(crashed[0]!.error).toBe('worker crashed: killed by SIGKILL');
      const ok = done.filter((o) => !o.error);
      expect(ok).toHaveLength(files.length - 1);
      for (const o of ok) expect(readFileSync(o.staged!).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await pool.close();
    }
  });

  it('a text worker runs with its V8 options (a late optimizing compiler) and writes what a default worker writes', async () => {
    const { WorkerPool, heapArgv, TEXT_WORKER_V8 } = await import('../src/batch/pool.js');
    expect(heapArgv({ convert: { format: 'text' } })).toEqual(TEXT_WORKER_V8);
    expect(TEXT_WORKER_V8.some((a) => a.startsWith('--interrupt-budget='))).toBe(true);
    expect(heapArgv({ convert: { format: 'pdf' } })).toEqual([]);
    const bytes: string[][] = [];
    for (const format of ['json', 'text'] as const) {
      const pool = new WorkerPool(2, { convert: { format } });
      try {
        const slots = (pool as unknown as { slots: { child: { spawnargs: string[] } }[] }).slots;
        for (const flag of TEXT_WORKER_V8) expect(slots[0]!.child.spawnargs).toContain(flag);
        const done = await Promise.all(GOOD.map((input, seq) => pool.run({ seq, kind: 'file', input })));
        expect(done.filter((o) => o.error)).toEqual([]);
        const { readCableFile } = await import('../src/readers/cable/parse.js');
        const { formatCable } = await import('../src/writers/format.js');
        // The same bytes as this process (V8's defaults) makes of each input.
        for (const [i, o] of done.entries()) expect(Buffer.from(o.data!).toString('utf8')).toBe(formatCable(await readCableFile(GOOD[i]!), format));
        bytes.push(done.map((o) => Buffer.from(o.data!).toString('base64')));
      } finally {
        await pool.close();
      }
    }
    expect(bytes[0]).not.toEqual(bytes[1]);
  });

  it('text formats go to a worker several to a message; one killed while running them fails none: each is run again on its own', async () => {
    const { WorkerPool, tasksPerMessage } = await import('../src/batch/pool.js');
    const staging = { dir: outDir(), prefix: '.cablekit-test-' };
    const ctx = { convert: { format: 'json' as const }, staging };
    expect(tasksPerMessage(ctx)).toBeGreaterThan(1);
    expect(tasksPerMessage({ convert: { format: 'pdf' } })).toBe(1);
    const pool = new WorkerPool(2, ctx);
    const files = Array.from({ length: 40 }, (_, i) => GOOD[i % GOOD.length]!);
    try {
      await pool.whenReady();
      const outcomes = files.map((input, seq) => pool.run({ seq, kind: 'file', input }));
      // Once the messages are sent, kill the first worker: it holds a message of several tasks.
      await new Promise((r) => setImmediate(r));
      const slots = (pool as unknown as { slots: { pending: unknown[][]; child: { kill(s: string): void } }[] }).slots;
      expect(slots[0]!.pending[0]!.length).toBeGreaterThan(1);
      slots[0]!.child.kill('SIGKILL');
      const done = await Promise.all(outcomes);
      expect(done.filter((o) => o.error)).toEqual([]);
      expect(done.map((o) => o.seq)).toEqual(files.map((_, i) => i));
      for (const o of done) expect(JSON.parse(readFileSync(o.staged!, 'utf8')).id).toBe(o.id);
    } finally {
      await pool.close();
    }
  });

  it('a worker that dies while starting fails no cable: its tasks go to the next worker', async () => {
    const { WorkerPool } = await import('../src/batch/pool.js');
    const staging = { dir: outDir(), prefix: '.cablekit-test-' };
    const pool = new WorkerPool(2, { convert: { format: 'json' }, staging });
    try {
      const outcomes = GOOD.map((input, seq) => pool.run({ seq, kind: 'file', input }));
      (pool as unknown as { slots: { child: { kill(s: string): void } }[] }).slots[0]!.child.kill('SIGKILL');
      const done = await Promise.all(outcomes);
      expect(done.filter((o) => o.error)).toEqual([]);
      expect(done.map((o) => o.id)).toEqual(['08OTTAWA372', '07OTTAWA117', '00HARARE6677']);
    } finally {
      await pool.close();
    }
  });

  it('workers that cannot start stop the batch with one clear error, without looping', async () => {
    const input = mkdtempSync(join(tmpdir(), 'cablekit-batch-in-'));
    for (let i = 0; i < 30; i++) copyFileSync(GOOD[i % 2]!, join(input, `c${String(i).padStart(2, '0')}.txt`));
    const out = outDir();
    process.execArgv.push('--require=/nonexistent/cablekit-test-preload.cjs');
    try {
      const run = runBatch({ inputs: await discoverInputs([input]), outDir: out, convert: { format: 'json' }, jobs: 2 });
      await expect(run).rejects.toThrow(/worker processes exit before converting anything \(exit code 1\)/);
    } finally {
      process.execArgv.pop();
    }
    expect(readdirSync(out)).toEqual([]);
  });

  it('workers inherit Node options, except code run with -e/-p, debugger ports, watchers and test runners', async () => {
    const { workerExecArgv } = await import('../src/batch/pool.js');
    expect(workerExecArgv(['--max-old-space-size=300', '--input-type=module', '-e', 'main()', '--inspect=9229', '--enable-source-maps'])).toEqual([
      '--max-old-space-size=300',
      '--enable-source-maps',
    ]);
    expect(workerExecArgv(['-p', '1+1', '--eval=x', '--no-warnings'])).toEqual(['--no-warnings']);
    expect(workerExecArgv(['--input-type', 'module', '-pe', 'x', '--inspect-port', '9230', '--inspect-brk', '--watch', '--test', '-c', '-r', 'hook.cjs'])).toEqual(['-r', 'hook.cjs']);
  });

  it('an interrupted batch leaves no staged temp file and no manifest', async () => {
    // The first cable is long: while one worker makes it, the other stages the cables after it,
    // which wait for it to be committed. The run is stopped then; none of them may stay behind.
    const input = mkdtempSync(join(tmpdir(), 'cablekit-batch-in-'));
    const sample = readFileSync('samples/08OTTAWA372.txt', 'utf8');
    const summary = sample.split('\n').find((l) => l.includes('1. (C/NF) Summary'))!;
    writeFileSync(join(input, 'a-long.txt'), sample.replace(summary, summary + ' Filler.'.repeat(100000)));
    for (let i = 0; i < 12; i++) copyFileSync(GOOD[i % 2]!, join(input, `c${String(i).padStart(2, '0')}.txt`));
    const out = outDir();
    const abort = new AbortController();
    const staged = (): string[] => readdirSync(out).filter((f) => f.startsWith('.cablekit-'));
    const watch = setInterval(() => {
      if (staged().length >= 2) abort.abort();
    }, 5);
    try {
      const run = runBatch({ inputs: await discoverInputs([input]), outDir: out, convert: { format: 'pdf' }, jobs: 2, signal: abort.signal });
      await expect(run).rejects.toThrow(/interrupted/);
    } finally {
      clearInterval(watch);
    }
    const left = readdirSync(out);
    expect(left.filter((f) => f.startsWith('.'))).toEqual([]);
    expect(left).not.toContain('manifest.json');
    expectJournalOfOutputs(out, left);
  });
});

describe('interrupting a batch', () => {
  it('with --jobs 1, conversions still running finish, and neither their output nor a temp file is left', async () => {
    const input = mkdtempSync(join(tmpdir(), 'cablekit-batch-in-'));
    for (let i = 0; i < 12; i++) copyFileSync(GOOD[i % 2]!, join(input, `c${String(i).padStart(2, '0')}.txt`));
    const out = outDir();
    const abort = new AbortController();
    const run = runBatch({
      inputs: await discoverInputs([input]),
      outDir: out,
      convert: { format: 'pdf' },
      jobs: 1,
      signal: abort.signal,
      onProgress: (p) => {
        if (p.done === 2) abort.abort();
      },
    });
    await expect(run).rejects.toThrow(/interrupted/);
    const left = readdirSync(out).sort();
    expect(left.filter((f) => f.startsWith('.'))).toEqual([]);
    expect(left).not.toContain('manifest.json');
    expectJournalOfOutputs(out, left);
  });
});

describe('input discovery', () => {
  it('expands globs, folders and files into one sorted list without duplicates', async () => {
    const inputs = await discoverInputs(['samples/08*.txt', 'samples', 'samples/05OTTAWA1502.txt']);
    expect(inputs.map((i) => i.path)).toEqual([
      'samples/05OTTAWA1502.txt',
      'samples/07OTTAWA117.txt',
      'samples/08OTTAWA372.txt',
      'samples/08OTTAWA647.txt',
      'samples/08STATE125628.txt',
    ]);
    expect(inputs.every((i) => i.kind === 'file')).toBe(true);
    const csv = await discoverInputs(['tests/fixtures/cables/*.csv']);
    expect(csv).toEqual([{ kind: 'csv', path: 'tests/fixtures/cables/cables-sample.csv' }]);
    expect((await expandGlob('tests/**/cables-sample.{csv,tsv}'))).toEqual(['tests/fixtures/cables/cables-sample.csv']);
  });

  it('says which argument matched nothing', async () => {
    await expect(discoverInputs(['samples/*.nope'])).rejects.toThrow(/no file matches/);
    await expect(discoverInputs(['no-such-folder'])).rejects.toThrow(/no such file or folder/);
    // a folder with files but no cable among them (`render out/` by mistake)
    const empty = mkdtempSync(join(tmpdir(), 'cablekit-empty-'));
    writeFileSync(join(empty, 'notes.md'), '# not a cable file');
    try {
      await expect(discoverInputs([empty])).rejects.toMatchObject({ message: 'no cable files (.txt, .text, .html, .htm) in this folder', file: empty });
      // a folder of a bulk CSV: the CSV is read when named, and the error says so
      writeFileSync(join(empty, 'cables.csv'), '');
      await expect(discoverInputs([empty])).rejects.toMatchObject({ message: `no cable files (.txt, .text, .html, .htm) in this folder; a bulk CSV is read when it is named: ${join(empty, 'cables.csv')}` });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('translates glob syntax', () => {
    expect(globToRegExp('a/*.txt').test('a/b.txt')).toBe(true);
    expect(globToRegExp('a/*.txt').test('a/b/c.txt')).toBe(false);
    expect(globToRegExp('a/**/*.txt').test('a/b/c/d.txt')).toBe(true);
    expect(globToRegExp('a/**/*.txt').test('a/d.txt')).toBe(true);
    expect(globToRegExp('0[78]*.{txt,html}').test('08X.html')).toBe(true);
    expect(globToRegExp('0[!78]*').test('08X')).toBe(false);
    expect(globToRegExp('a+b(1).txt').test('a+b(1).txt')).toBe(true);
  });
});
