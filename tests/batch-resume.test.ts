/**
 * Resume at release scale (issue 12 item 9): the journal of committed outputs lets a batch that
 * was killed (`kill -9`), interrupted (Ctrl-C) or cut off mid-line go on where it stopped, with
 * outputs and a manifest equal to those of an uninterrupted run.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../src/batch/run.js';
import { readJournal } from '../src/batch/journal.js';
import { discoverInputs } from '../src/readers/input/discover.js';
import { parseFilter } from '../src/select/filter.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'cablekit-resume-'));
const SMALL = ['samples/08OTTAWA372.txt', 'samples/07OTTAWA117.txt', 'tests/fixtures/cables/00HARARE6677.txt', 'tests/fixtures/cables/06SEOUL2238.txt'];

/** `n` small cables, and one long one in the middle of the input order that holds the commits up. */
function folder(n: number): string {
  const dir = tmp();
  for (let i = 0; i < n; i++) copyFileSync(SMALL[i % SMALL.length]!, join(dir, `c${String(i).padStart(2, '0')}.txt`));
  const sample = readFileSync('samples/08OTTAWA372.txt', 'utf8');
  const summary = sample.split('\n').find((l) => l.includes('1. (C/NF) Summary'))!;
  writeFileSync(join(dir, `c${String(Math.floor(n / 2)).padStart(2, '0')}-long.txt`), sample.replace(summary, summary + ' Filler.'.repeat(300_000)));
  return dir;
}

const journalLines = (out: string): number => {
  try {
    return readFileSync(join(out, 'manifest.json.journal'), 'utf8').split('\n').filter((l) => l.startsWith('{"input"')).length;
  } catch {
    return 0;
  }
};

/** Every file of `a` is in `b` with the same bytes, and `b` has nothing else. */
function sameFolders(a: string, b: string): void {
  const files = readdirSync(a).sort();
  expect(readdirSync(b).sort()).toEqual(files);
  for (const f of files) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
}

describe('resume after kill -9', () => {
  it('converts only what was left, and ends with the outputs and manifest of an uninterrupted run', async () => {
    // Text tasks go 16 to a worker's message: 40 small cables put the long one in the second
    // message, so the first message's outputs are committed while the long one holds the rest.
    const input = folder(40);
    const args = ['bin/cablekit.js', 'render', input, 'tests/fixtures/cables/cables-sample.csv', '--format', 'json', '--jobs', '2'];
    const whole = tmp();
    const first = spawnSync(process.execPath, [...args, '--out', whole], { encoding: 'utf8' });
    expect(first.status, first.stderr).toBe(0);
    const total = 41 + 6;

    // Killed once the inputs before the long one are committed: the commits wait for it.
    const out = tmp();
    const child = spawn(process.execPath, [...args, '--out', out, '--quiet'], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (_, signal) => resolve(signal ? -1 : null)));
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (journalLines(out) >= 8) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error('the batch finished before it could be killed'));
        }
      }, 10);
    });
    expect(await exited).toBe(-1);
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
    const committed = journalLines(out);
    expect(committed).toBeGreaterThanOrEqual(8);
    expect(committed).toBeLessThan(total);

    const second = spawnSync(process.execPath, [...args, '--out', out, '--resume'], { encoding: 'utf8' });
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr.trim().split('\n').at(-1)).toBe(
      `converted ${total - committed} of ${total} (${committed} already up to date); manifest: ${join(out, 'manifest.json')}`,
    );
    // Same files, byte for byte, the manifest included; no journal and no temp file left.
    sameFolders(whole, out);
  });
});

describe('the journal', () => {
  it('an interrupted run (Ctrl-C) keeps its journal; the resumed run picks up from it', async () => {
    const inputs = await discoverInputs([folder(6), 'tests/fixtures/cables/cables-sample.csv']);
    const whole = tmp();
    await runBatch({ inputs, outDir: whole, convert: { format: 'text' }, jobs: 1, shard: { index: 1, count: 2 } });

    const out = tmp();
    const abort = new AbortController();
    const stopped = runBatch({
      inputs,
      outDir: out,
      convert: { format: 'text' },
      jobs: 1,
      shard: { index: 1, count: 2 },
      signal: abort.signal,
      onProgress: (p) => p.done === 3 && abort.abort(),
    });
    await expect(stopped).rejects.toThrow(/^interrupted after 3 inputs, no manifest written; outputs made are complete and recorded in .*manifest-1-of-2\.json\.journal: run again with --resume to go on$/);
    const runs = await readJournal(join(out, 'manifest-1-of-2.json.journal'));
    expect(runs).toHaveLength(1);
    expect(runs![0]!.head).toMatchObject({ journal: 'cablekit-batch', format: 'text', shard: '1/2' });
    expect(runs![0]!.entries.map((e) => e.index)).toEqual([0, 2, 4]);

    const resumed = await runBatch({ inputs, outDir: out, convert: { format: 'text' }, jobs: 2, shard: { index: 1, count: 2 }, resume: true });
    expect(resumed).toMatchObject({ upToDate: 3, converted: 4 });
    sameFolders(whole, out);
  });

  it('ignores a line torn by a power cut, and a resumed run appends after it', async () => {
    const inputs = await discoverInputs(SMALL);
    const out = tmp();
    const abort = new AbortController();
    await expect(
      runBatch({ inputs, outDir: out, convert: { format: 'json' }, jobs: 1, signal: abort.signal, onProgress: (p) => p.done === 2 && abort.abort() }),
    ).rejects.toThrow(/interrupted/);
    const path = join(out, 'manifest.json.journal');
    appendFileSync(path, '{"input":"samples/07OTTAWA117.txt","id":"07OTT'); // cut off mid-line
    expect((await readJournal(path))![0]!.entries).toHaveLength(2);

    const resumed = await runBatch({ inputs, outDir: out, convert: { format: 'json' }, jobs: 1, resume: true });
    expect(resumed).toMatchObject({ upToDate: 2, converted: 2, failed: 0 });
    expect(existsSync(path)).toBe(false);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m.cables.map((e: { input: string }) => e.input)).toEqual(inputs.map((i) => i.path));
    expect(m.summary).toEqual({ inputs: 4, converted: 4, failed: 0, filtered: 0 });
  });

  it('a resumed run with another filter checks the kept outputs against it', async () => {
    const inputs = await discoverInputs(SMALL);
    const out = tmp();
    const abort = new AbortController();
    await expect(
      runBatch({ inputs, outDir: out, convert: { format: 'json' }, jobs: 1, signal: abort.signal, onProgress: (p) => p.done === 3 && abort.abort() }),
    ).rejects.toThrow(/interrupted/);
    // The first three inputs (07OTTAWA117, 08OTTAWA372, 00HARARE6677) were made without a filter:
    // the two that mention Canada are checked (and made) again, HARARE and SEOUL are filtered out.
    const filter = parseFilter(['text~canada']);
    const resumed = await runBatch({ inputs, outDir: out, convert: { format: 'json' }, jobs: 1, resume: true, filter });
    expect(resumed).toMatchObject({ converted: 2, upToDate: 0, filtered: 2 });
    expect(existsSync(join(out, 'manifest.json.journal'))).toBe(false);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m.filter).toEqual(['text~canada']);
    expect(m.cables.map((e: { id: string }) => e.id)).toEqual(['07OTTAWA117', '08OTTAWA372']);
  });
});
